/**
 * The text record of a 二代证-family chip card as the reader DLL hands it over (`SDT_ReadBaseMsg`,
 * `pucCHMsg`): 256 bytes of UCS-2LE, fixed-width fields padded with spaces, the card type at bytes 248–249.
 * Pure: the driver in src-main passes the bytes, the UI gets a `CardRead` for the verdict.
 *
 * Byte layouts (offset–end, end exclusive), from id-documents.md "Readers" and these public sources:
 * - waitingsong/node-idcard-reader src/lib/index.ts `_retrive_text` (mainland card, in UCS-2 characters)
 * - Johann356/readinfo PCSCGetData.h `t_idcardinfor`, `t_idforeigner`, `t_idforeigner2023` (every type)
 *
 * | field           | ' ' mainland / 'J' permit | 'I' foreigner 2017 | 'Y' foreigner 2023 |
 * | --------------- | ------------------------- | ------------------ | ------------------ |
 * | Chinese name    | 0–30                      | 158–188            | 0–30               |
 * | English name    | –                         | 0–120              | 52–122 + 220–242   |
 * | sex code        | 30–32                     | 120–122            | 30–32              |
 * | ethnicity code  | 32–36 (mainland only)     | –                  | –                  |
 * | birth date      | 36–52                     | 220–236            | 36–52              |
 * | address         | 52–122                    | –                  | –                  |
 * | document number | 122–158                   | 122–152            | 122–158            |
 * | issuer          | 158–188                   | 240–248 (code)     | –                  |
 * | valid from / to | 188–204 / 204–220         | 188–204 / 204–220  | 188–204 / 204–220  |
 * | nationality     | –                         | 152–158            | 242–248            |
 * | permit number   | 220–238 ('J' only)        | –                  | –                  |
 * | issue count     | 238–242 ('J' only)        | –                  | 32–36 (renewals)   |
 * | card type       | 248–250                   | 248–250            | 248–250            |
 *
 * Reason codes returned (the UI translates them; none is shown raw):
 * | code              | meaning                                                                    |
 * | ----------------- | -------------------------------------------------------------------------- |
 * | `wrongLength`     | the record is not 256 bytes                                                |
 * | `unknownCardType` | bytes 248–249 are none of ' ', 'J', 'I', 'Y'                               |
 * | `garbled`         | a text field holds control characters or broken UTF-16 (a bad read)       |
 * | `missingName`     | the name field is empty                                                    |
 * | `badNumber`       | the number does not have the shape of that card type's number             |
 * | `badDate`         | a date field is neither empty, `YYYYMMDD` nor 长期                          |
 */
import type { IdDocumentType, Sex } from './schemas'
import type { CardRead } from './verdict-document'

export const CARD_RECORD_BYTES = 256

export const CARD_RECORD_REASONS = [
  'wrongLength',
  'unknownCardType',
  'garbled',
  'missingName',
  'badNumber',
  'badDate',
] as const
export type CardRecordReason = (typeof CARD_RECORD_REASONS)[number]

/** The chip's own type flag: mainland resident ID, HK/Macau/Taiwan residence permit, foreigner card 2017 / 2023. */
export type ChipCardKind = 'resident' | 'residencePermit' | 'foreigner2017' | 'foreigner2023'

/** Everything the record holds: `card` is what the verdict compares, the rest is for display and audit. */
export interface CardRecord {
  kind: ChipCardKind
  card: CardRead
  /** Foreigner cards: the name in Latin letters (the 2023 card's 46 letters joined back together). */
  nameLatin?: string
  /** Two-digit GB 3304 ethnicity code, mainland cards only. */
  ethnicityCode?: string
  address?: string
  /** Issuing authority: a name (mainland, permits) or the accepting office's code (2017 foreigner card). */
  issuer?: string
  /** ISO 3166 alpha-3 nationality code (foreigner cards). */
  nationality?: string
  /** 'J' permits: the holder's 港澳/台湾 travel permit number, and how many times the permit was issued. */
  travelPermitNumber?: string
  issueCount?: number
}

export type CardRecordResult = { ok: true; record: CardRecord } | { ok: false; reason: CardRecordReason }

type Field = readonly [start: number, end: number]

const F = {
  typeFlag: [248, 250],
  // mainland card and 'J' permit
  name: [0, 30],
  sex: [30, 32],
  ethnicity: [32, 36],
  birthDate: [36, 52],
  address: [52, 122],
  number: [122, 158],
  issuer: [158, 188],
  validFrom: [188, 204],
  validTo: [204, 220],
  permitNumber: [220, 238],
  issueCount: [238, 242],
  // 2017 foreigner card
  i_nameLatin: [0, 120],
  i_sex: [120, 122],
  i_number: [122, 152],
  i_nationality: [152, 158],
  i_nameChinese: [158, 188],
  i_birthDate: [220, 236],
  i_issuerCode: [240, 248],
  // 2023 foreigner card
  y_renewals: [32, 36],
  y_nameLatin: [52, 122],
  y_nameLatinMore: [220, 242],
  y_nationality: [242, 248],
} as const satisfies Record<string, Field>

/** 长期 (no end date) as the chip writes it in the valid-to field. */
const NO_END = '长期'

const RESIDENT_NUMBER = /^\d{17}[\dX]$/
const FOREIGNER_2017_NUMBER = /^[A-Z]{3}\d{12}$/
const FOREIGNER_2023_NUMBER = /^9\d{16}[\dX]$/

class Garbled extends Error {}
class BadDate extends Error {}

/** Parse the 256-byte UCS-2LE record of a chip card; never throws, malformed input is a reason. */
export function parseCardRecord(bytes: Uint8Array): CardRecordResult {
  if (!(bytes instanceof Uint8Array) || bytes.byteLength !== CARD_RECORD_BYTES) return fail('wrongLength')
  try {
    const read: Reader = Object.assign((f: Field) => trim(decode(bytes, f)), { raw: (f: Field) => decode(bytes, f) })
    const flag = read(F.typeFlag)
    // Older mainland cards leave the reserved tail blank; some readers hand blanks over as NULs.
    if (flag === '') return mainlandOrPermit(read, 'resident')
    if (flag === 'J') return mainlandOrPermit(read, 'residencePermit')
    if (flag === 'I') return foreigner2017(read)
    if (flag === 'Y') return foreigner2023(read)
    return fail('unknownCardType')
  } catch (err) {
    if (err instanceof Garbled) return fail('garbled')
    if (err instanceof BadDate) return fail('badDate')
    throw err
  }
}

/** `read(f)` a field trimmed of its padding; `read.raw(f)` as stored. */
type Reader = ((f: Field) => string) & { raw: (f: Field) => string }

function mainlandOrPermit(read: Reader, kind: 'resident' | 'residencePermit'): CardRecordResult {
  const name = read(F.name)
  const number = read(F.number).toUpperCase()
  if (name === '') return fail('missingName')
  if (!RESIDENT_NUMBER.test(number)) return fail('badNumber')
  let type: IdDocumentType = 'cn_resident_id'
  if (kind === 'residencePermit') {
    // The permit number's region prefix says who issued it: 81 Hong Kong, 82 Macau, 83 Taiwan.
    const prefix = number.slice(0, 2)
    if (prefix === '81' || prefix === '82') type = 'hkmo_residence_permit'
    else if (prefix === '83') type = 'tw_residence_permit'
    else return fail('badNumber')
  }
  const issueCount = kind === 'residencePermit' ? digits(read(F.issueCount)) : undefined
  return ok({
    kind,
    card: card({
      type,
      number,
      name,
      sex: read(F.sex),
      birthDate: read(F.birthDate),
      validFrom: read(F.validFrom),
      validTo: read(F.validTo),
    }),
    ...optional('ethnicityCode', kind === 'resident' ? read(F.ethnicity) : ''),
    ...optional('address', read(F.address)),
    ...optional('issuer', read(F.issuer)),
    ...optional('travelPermitNumber', kind === 'residencePermit' ? read(F.permitNumber) : ''),
    ...(issueCount !== undefined ? { issueCount } : {}),
  })
}

function foreigner2017(read: Reader): CardRecordResult {
  // The English name is 120 bytes of UCS-2: 60 letters, surname first, separated by a comma on most cards.
  const nameLatin = read(F.i_nameLatin)
  const nameChinese = read(F.i_nameChinese)
  const number = read(F.i_number).toUpperCase()
  if (nameLatin === '' && nameChinese === '') return fail('missingName')
  if (!FOREIGNER_2017_NUMBER.test(number)) return fail('badNumber')
  return ok({
    kind: 'foreigner2017',
    card: card({
      type: 'foreign_permanent_residence_id',
      number,
      // The registration carries the Chinese name when the card has one; otherwise the Latin one.
      name: nameChinese || nameLatin,
      sex: read(F.i_sex),
      birthDate: read(F.i_birthDate),
      validFrom: read(F.validFrom),
      validTo: read(F.validTo),
    }),
    ...optional('nameLatin', nameLatin),
    ...optional('nationality', read(F.i_nationality)),
    ...optional('issuer', read(F.i_issuerCode)),
  })
}

function foreigner2023(read: Reader): CardRecordResult {
  const nameChinese = read(F.name)
  // Letters 1–35 of the English name sit at 52, letters 36–46 at 220. When there is a second part, the first
  // is full and its last character may be a real space between two words: join the parts as stored.
  const more = read(F.y_nameLatinMore)
  const nameLatin = more === '' ? read(F.y_nameLatin) : trim(read.raw(F.y_nameLatin) + more)
  const number = read(F.number).toUpperCase()
  if (nameLatin === '' && nameChinese === '') return fail('missingName')
  if (!FOREIGNER_2023_NUMBER.test(number)) return fail('badNumber')
  const renewals = digits(read(F.y_renewals))
  return ok({
    kind: 'foreigner2023',
    card: card({
      type: 'foreign_permanent_residence_id',
      number,
      name: nameChinese || nameLatin,
      sex: read(F.sex),
      birthDate: read(F.birthDate),
      validFrom: read(F.validFrom),
      validTo: read(F.validTo),
    }),
    ...optional('nameLatin', nameLatin),
    ...optional('nationality', read(F.y_nationality)),
    ...(renewals !== undefined ? { issueCount: renewals } : {}),
  })
}

interface RawCard {
  type: IdDocumentType
  number: string
  name: string
  sex: string
  birthDate: string
  validFrom: string
  validTo: string
}

function card(raw: RawCard): CardRead {
  const sex = sexOf(raw.sex)
  const birthDate = isoDate(raw.birthDate)
  const validFrom = isoDate(raw.validFrom)
  const validTo = raw.validTo === NO_END ? null : isoDate(raw.validTo)
  return {
    type: raw.type,
    number: raw.number,
    name: raw.name,
    ...(sex ? { sex } : {}),
    ...(birthDate ? { birthDate } : {}),
    ...(validFrom ? { validFrom } : {}),
    ...(validTo !== undefined ? { validTo } : {}),
  }
}

/** GB/T 2261.1: 1 male, 2 female; 0 (unknown) and 9 (unstated) say nothing. Some foreigner cards write M/F. */
function sexOf(code: string): Sex | undefined {
  if (code === '1' || code === 'M') return 'M'
  if (code === '2' || code === 'F') return 'F'
  return undefined
}

/** `YYYYMMDD` → `YYYY-MM-DD`; empty → undefined; anything else is a bad read, not a date to guess at. */
function isoDate(s: string): string | undefined {
  if (s === '') return undefined
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (!m) throw new BadDate()
  const [, y, mo, d] = m
  const date = new Date(`${y}-${mo}-${d}T00:00:00Z`)
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${y}-${mo}-${d}`) throw new BadDate()
  return `${y}-${mo}-${d}`
}

function digits(s: string): number | undefined {
  return /^\d+$/.test(s) ? Number(s) : undefined
}

/** Padding is spaces, or the NULs some readers write instead. */
function trim(s: string): string {
  return s.replace(/^[\s\0]+|[\s\0]+$/g, '')
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

function decode(bytes: Uint8Array, [start, end]: Field): string {
  let s = ''
  for (let i = start; i < end; i += 2) {
    const unit = (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8)
    s += String.fromCharCode(unit)
  }
  // NUL padding is fine at the ends; inside a field, control characters or lone surrogates mean a bad read.
  const inner = trim(s)
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (/[\x00-\x1f\x7f\ufffd\ufffe\uffff]/.test(inner) || LONE_SURROGATE.test(inner)) throw new Garbled()
  return s
}

function optional<K extends string>(key: K, value: string): { [P in K]?: string } {
  return (value === '' ? {} : { [key]: value }) as { [P in K]?: string }
}

function ok(record: CardRecord): CardRecordResult {
  return { ok: true, record }
}

function fail(reason: CardRecordReason): CardRecordResult {
  return { ok: false, reason }
}
