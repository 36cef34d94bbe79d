/**
 * Identity-document numbers: normalisation, format and check-digit rules, and what a number encodes
 * (birth date, sex). The rules are the table in design/id-documents.md; nothing here is guessed beyond it.
 *
 * Reason codes returned by `validateIdDocument` (the UI translates them in its locale files):
 * | reason       | meaning                                                                        |
 * | ------------ | ------------------------------------------------------------------------------ |
 * | `empty`      | nothing left after normalisation                                               |
 * | `format`     | wrong length, characters or prefix for this document type                      |
 * | `checkDigit` | the check character does not match: most likely a typo                          |
 * | `birthDate`  | the encoded birth date does not exist (or is before 1900) or lies in the future |
 */
import type { IdDocumentType, Sex } from './schemas'

/** Every reason code `validateIdDocument` can return, for the UI's translation table. */
export const ID_VALIDATION_REASONS = ['empty', 'format', 'checkDigit', 'birthDate'] as const
export type IdValidationReason = (typeof ID_VALIDATION_REASONS)[number]

export type IdValidation =
  | {
      ok: true
      type: IdDocumentType
      normalized: string
      birthDate?: string
      sex?: Sex
      /** The part of the number that stays the same across renewals: what to compare. */
      lifetimeNumber?: string
    }
  | { ok: false; reason: IdValidationReason }

const MOD11_2_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const MOD11_2_CHARS = '10X98765432'

// The 18-character GB 11643 family: resident ID, its social security card, the residence permits and
// the 2023 foreigner card all share length, check digit and the birth date / sex positions.
const RESIDENT_ID = /^[1-8]\d{16}[\dX]$/
const HKMO_RESIDENCE_PERMIT = /^8[12]0000\d{11}[\dX]$/
const TW_RESIDENCE_PERMIT = /^830000\d{11}[\dX]$/
const FOREIGNER_NEW = /^9\d{16}[\dX]$/
const FOREIGNER_OLD = /^[A-Z]{3}\d{12}$/
const HK_ID = /^[A-Z]{1,2}\d{6}[\dA]$/
const MO_ID = /^[157]\d{7}$/
const HOME_RETURN_PERMIT = /^[HM]\d{8}(\d{2})?$/
const TW_TRAVEL_PERMIT = /^\d{8}$/
// Legacy (before 2008) permits: 10 digits, plus the issuing office letter that was written in brackets.
const TW_TRAVEL_PERMIT_LEGACY = /^\d{10}[A-Z]?$/
const PASSPORT = /^[A-Z0-9]{5,17}$/

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g

/** Normalise a typed or scanned number: half-width, upper-case, no spaces, no brackets or slashes around the check char. */
export function normalizeIdNumber(raw: string): string {
  const s = raw.normalize('NFKC').replace(ZERO_WIDTH, '').replace(/\s+/g, '').toUpperCase()
  // Macau writes `1/234567/8`; only that exact shape loses its slashes, so stray slashes stay a format error.
  const macau = /^(\d)\/(\d{6})\/(\d)$/.exec(s)
  if (macau) return `${macau[1]}${macau[2]}${macau[3]}`
  // `A123456(3)`, `1234567(8)`, `0561682001(D)`: brackets around one trailing character only.
  return s.replace(/[([]([0-9A-Z])[)\]]$/, '$1')
}

/** The GB 11643 / ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function mod11_2CheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('mod11_2CheckChar expects 17 digits')
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * MOD11_2_WEIGHTS[i]!
  return MOD11_2_CHARS[sum % 11]!
}

/** The Hong Kong identity card check character (0–9 or A) for a prefix of 1–2 letters + 6 digits. */
export function hkIdCheckChar(lettersAndDigits: string): string {
  const s = lettersAndDigits.toUpperCase()
  if (!/^[A-Z]{1,2}\d{6}$/.test(s)) throw new RangeError('hkIdCheckChar expects 1–2 letters + 6 digits')
  const padded = s.length === 7 ? ` ${s}` : s
  let sum = 0
  for (let i = 0; i < 8; i++) sum += hkCharValue(padded[i]!) * (9 - i)
  const check = (11 - (sum % 11)) % 11
  return check === 10 ? 'A' : String(check)
}

function hkCharValue(c: string): number {
  if (c === ' ') return 36
  if (c >= 'A' && c <= 'Z') return c.charCodeAt(0) - 55
  return Number(c)
}

/** ICAO 9303 check digit (weights 7-3-1, `<` = 0, A–Z = 10–35) of one MRZ field. */
export function icaoCheckDigit(s: string): number {
  const weights = [7, 3, 1]
  let sum = 0
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    let v: number
    if (c === '<') v = 0
    else if (c >= '0' && c <= '9') v = Number(c)
    else if (c >= 'A' && c <= 'Z') v = c.charCodeAt(0) - 55
    else throw new RangeError(`icaoCheckDigit: '${c}' is not an MRZ character`)
    sum += v * weights[i % 3]!
  }
  return sum % 10
}

/** Build a valid 18-character resident ID from its parts (for generators and tests). */
export function makeResidentId(region6: string, birth: string, seq3: string): string {
  if (!/^\d{6}$/.test(region6)) throw new RangeError('region6 must be 6 digits')
  if (!/^\d{3}$/.test(seq3)) throw new RangeError('seq3 must be 3 digits')
  if (!isCalendarDate(birth)) throw new RangeError('birth must be a real YYYY-MM-DD date')
  const body = `${region6}${birth.replaceAll('-', '')}${seq3}`
  return body + mod11_2CheckChar(body)
}

/**
 * Validate a document number of the given type; `today` (YYYY-MM-DD) enables the future-birth-date check.
 * Order of checks: format, then check digit, then birth date, so that a one-digit typo in the date
 * part reads as the typo it most likely is.
 */
export function validateIdDocument(type: IdDocumentType, raw: string, today?: string): IdValidation {
  const n = normalizeIdNumber(raw)
  if (n === '') return { ok: false, reason: 'empty' }
  const formatOnly = (re: RegExp): IdValidation =>
    re.test(n)
      ? { ok: true, type, normalized: n, lifetimeNumber: lifetimeOf(type, n) }
      : { ok: false, reason: 'format' }
  switch (type) {
    case 'cn_resident_id':
    case 'cn_social_security_card':
      return validateGb11643(type, n, RESIDENT_ID, today)
    case 'hkmo_residence_permit':
      return validateGb11643(type, n, HKMO_RESIDENCE_PERMIT, today)
    case 'tw_residence_permit':
      return validateGb11643(type, n, TW_RESIDENCE_PERMIT, today)
    case 'foreign_permanent_residence_id':
      // The 2017 card has no public check digit, and its 6-digit date has no century: format only.
      return FOREIGNER_OLD.test(n) ? formatOnly(FOREIGNER_OLD) : validateGb11643(type, n, FOREIGNER_NEW, today)
    case 'hk_identity_card':
      if (!HK_ID.test(n)) return { ok: false, reason: 'format' }
      if (hkIdCheckChar(n.slice(0, -1)) !== n.slice(-1)) return { ok: false, reason: 'checkDigit' }
      return { ok: true, type, normalized: n, lifetimeNumber: n }
    case 'mo_identity_card':
      // The Macau check digit algorithm is not public: do not invent one.
      return formatOnly(MO_ID)
    case 'hkmo_home_return_permit':
      return formatOnly(HOME_RETURN_PERMIT)
    case 'tw_mainland_travel_permit':
      return formatOnly(TW_TRAVEL_PERMIT.test(n) ? TW_TRAVEL_PERMIT : TW_TRAVEL_PERMIT_LEGACY)
    case 'passport':
      return formatOnly(PASSPORT)
  }
}

function validateGb11643(type: IdDocumentType, n: string, format: RegExp, today?: string): IdValidation {
  if (!format.test(n)) return { ok: false, reason: 'format' }
  if (mod11_2CheckChar(n.slice(0, 17)) !== n[17]) return { ok: false, reason: 'checkDigit' }
  const birthDate = `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`
  // Nobody born before 1900 sits an exam; a 18xx year is a typo or a forgery, not a date to trust.
  if (!isCalendarDate(birthDate) || birthDate < '1900-01-01') return { ok: false, reason: 'birthDate' }
  if (today !== undefined && birthDate > today) return { ok: false, reason: 'birthDate' }
  const sex: Sex = Number(n[16]) % 2 === 1 ? 'M' : 'F'
  return { ok: true, type, normalized: n, birthDate, sex, lifetimeNumber: n }
}

/** True for a `YYYY-MM-DD` string naming a day that exists in the Gregorian calendar. */
function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || d < 1) return false
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!
  return d <= days
}

// Renewals change the tail of a home-return permit (issue count) and of a legacy Taiwan permit
// (office code), never the head: the head is the person's number for life.
function lifetimeOf(type: IdDocumentType, n: string): string {
  if (type === 'hkmo_home_return_permit' && HOME_RETURN_PERMIT.test(n)) return n.slice(0, 9)
  if (type === 'tw_mainland_travel_permit' && (TW_TRAVEL_PERMIT.test(n) || TW_TRAVEL_PERMIT_LEGACY.test(n))) {
    return n.slice(0, 8)
  }
  return n
}

/** True when two numbers of one document type name the same document (same normalised lifetime number). */
export function sameDocumentNumber(type: IdDocumentType, a: string, b: string): boolean {
  const na = normalizeIdNumber(a)
  const nb = normalizeIdNumber(b)
  if (na === '' || nb === '') return false
  return lifetimeOf(type, na) === lifetimeOf(type, nb)
}

const MACAU_FIRST = ['mo_identity_card', 'tw_mainland_travel_permit'] as const
const TAIWAN_FIRST = ['tw_mainland_travel_permit', 'mo_identity_card'] as const

/** The document types a number typed or scanned without its type plausibly belongs to, most likely first. */
export function guessIdDocumentTypes(raw: string): IdDocumentType[] {
  const n = normalizeIdNumber(raw)
  const types: IdDocumentType[] = []
  if (/^\d{17}[\dX]$/.test(n)) {
    if (HKMO_RESIDENCE_PERMIT.test(n)) types.push('hkmo_residence_permit')
    else if (TW_RESIDENCE_PERMIT.test(n)) types.push('tw_residence_permit')
    else if (FOREIGNER_NEW.test(n)) types.push('foreign_permanent_residence_id')
    else if (RESIDENT_ID.test(n)) types.push('cn_resident_id', 'cn_social_security_card')
  }
  if (FOREIGNER_OLD.test(n)) types.push('foreign_permanent_residence_id')
  if (HOME_RETURN_PERMIT.test(n)) types.push('hkmo_home_return_permit')
  if (HK_ID.test(n)) types.push('hk_identity_card')
  if (MO_ID.test(n)) {
    // 8 digits are also a Taiwan permit; the Macau way of writing (`1/234567/8`, `1234567(8)`) decides the order.
    const macauFirst = /[/()（）]/.test(raw)
    const [first, second] = macauFirst ? MACAU_FIRST : TAIWAN_FIRST
    types.push(first, second)
  } else if (TW_TRAVEL_PERMIT.test(n) || TW_TRAVEL_PERMIT_LEGACY.test(n)) {
    types.push('tw_mainland_travel_permit')
  }
  // Any short alphanumeric number may be a passport (HK passports are `H`/`K` + 8 digits, too): last resort.
  if (PASSPORT.test(n)) types.push('passport')
  return types
}

/**
 * The length of a number that reads as an 18-character ID number with a character missing or one too
 * many (17 or 19 digits, the last may be X, first digit 1–9), or null. Such a number is a typo to say
 * as one ("应为 18 位，输入了 17 位"), not a passport or admit card number that is "not found".
 */
export function wrongIdNumberLength(raw: string): number | null {
  const n = normalizeIdNumber(raw)
  return /^[1-9](\d{15}|\d{17})[\dX]$/.test(n) ? n.length : null
}

/** Mask the middle of a normalised number for the screen: 18 chars keep 6 + 4, shorter ones at most a third. */
export function maskIdNumber(normalized: string): string {
  const chars = Array.from(normalized)
  const len = chars.length
  let head: number
  let tail: number
  if (len >= 18) {
    head = 6
    tail = 4
  } else {
    const visible = Math.floor(len / 3)
    tail = Math.ceil(visible / 2)
    head = visible - tail
  }
  return chars.map((c, i) => (i < head || i >= len - tail ? c : '*')).join('')
}
