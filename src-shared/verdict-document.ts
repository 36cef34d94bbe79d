/**
 * The identity document part of the verdict: validate what was typed or read before looking anything up
 * (a typo must say "check digit wrong", not "not found"), then compare it with the registration.
 * Reason codes are in verdict-reasons.ts.
 */
import {
  guessIdDocumentTypes,
  normalizeIdNumber,
  sameDocumentNumber,
  validateIdDocument,
  wrongIdNumberLength,
} from './id-documents'
import type { IdValidation } from './id-documents'
import { nameReviewFlags, namesMatch } from './names'
import type { Candidate, IdDocumentType, Sex } from './schemas'
import { reason, type Reason } from './verdict-reasons'

/** What a 二代证 reader (or a simulated one) returns; validTo null = 长期 (no end). */
export interface CardRead {
  type: IdDocumentType
  number: string
  name: string
  sex?: Sex
  /** `YYYY-MM-DD` (or the chip's `YYYYMMDD`). */
  birthDate?: string
  validFrom?: string
  validTo?: string | null
}

/** A document shown alongside an admit card: typed by the proctor, or read from its chip. */
export type PresentedDocument =
  { kind: 'typed'; type?: IdDocumentType; raw: string } | { kind: 'cardReader'; card: CardRead }

type Valid = Extract<IdValidation, { ok: true }>

/** A presented document after validation: the readings that passed, or the reason none did. */
export type ReadDocument =
  | { ok: true; explicitType?: IdDocumentType; valid: Valid[]; checkDigitFailed?: IdDocumentType; card?: CardRead }
  | { ok: false; reason: Reason }

// The social security card's number is the holder's resident ID number: one person, one number.
const RESIDENT_FAMILY: ReadonlySet<IdDocumentType> = new Set(['cn_resident_id', 'cn_social_security_card'])

/** True when two document types carry the same number for the same person. */
export function sameNumberFamily(a: IdDocumentType, b: IdDocumentType): boolean {
  return a === b || (RESIDENT_FAMILY.has(a) && RESIDENT_FAMILY.has(b))
}

/** The roster's lookup key of a document number: the normalised lifetime number. */
export function documentKey(type: IdDocumentType, number: string): string {
  const v = validateIdDocument(type, number)
  return v.ok ? (v.lifetimeNumber ?? v.normalized) : normalizeIdNumber(number)
}

/** Validate a presented document; without a type, every plausible type is tried. */
export function readDocument(doc: PresentedDocument, today: string): ReadDocument {
  const raw = doc.kind === 'typed' ? doc.raw : doc.card.number
  const type = doc.kind === 'typed' ? doc.type : doc.card.type
  const card = doc.kind === 'cardReader' ? { card: doc.card } : {}
  if (type !== undefined) {
    const v = validateIdDocument(type, raw, today)
    return v.ok
      ? { ok: true, explicitType: type, valid: [v], ...card }
      : { ok: false, reason: invalid(type, raw, v.reason) }
  }
  const tried = guessIdDocumentTypes(raw).map((t) => ({ t, v: validateIdDocument(t, raw, today) }))
  const valid = tried.flatMap(({ v }) => (v.ok ? [v] : []))
  const checkDigitFailed = tried.find(({ v }) => !v.ok && v.reason === 'checkDigit')?.t
  if (valid.length > 0) return { ok: true, valid, ...(checkDigitFailed ? { checkDigitFailed } : {}) }
  if (checkDigitFailed) return { ok: false, reason: invalid(checkDigitFailed, raw, 'checkDigit') }
  const first = tried.find(({ v }) => !v.ok)
  const why = first && !first.v.ok ? first.v.reason : normalizeIdNumber(raw) === '' ? 'empty' : 'format'
  return { ok: false, reason: invalid(first?.t, raw, why) }
}

function invalid(
  type: IdDocumentType | undefined,
  raw: string,
  why: 'empty' | 'format' | 'checkDigit' | 'birthDate',
): Reason {
  if (why === 'checkDigit' && type) return reason('invalidCheckDigit', { type, raw })
  if (why === 'format' && (type === undefined || EIGHTEEN_CHARS.has(type))) {
    const length = wrongIdNumberLength(raw)
    if (length !== null) return wrongLength(raw, length, type)
  }
  return reason('invalidDocumentNumber', {
    ...(type ? { type } : {}),
    raw,
    validation: why === 'checkDigit' ? 'format' : why,
  })
}

// The documents whose number has 18 characters (GB 11643 layout).
const EIGHTEEN_CHARS: ReadonlySet<IdDocumentType> = new Set([
  ...RESIDENT_FAMILY,
  'hkmo_residence_permit',
  'tw_residence_permit',
  'foreign_permanent_residence_id',
])

/** An ID number typed with a character missing or one too many: say so, never "not found". */
export function wrongLength(raw: string, length: number, type?: IdDocumentType): Reason {
  return reason('invalidDocumentNumber', { ...(type ? { type } : {}), raw, validation: 'length', length })
}

/** The keys to look the document up by (roster `byDocument`). */
export function lookupKeys(read: Extract<ReadDocument, { ok: true }>): string[] {
  return [...new Set(read.valid.map((v) => v.lifetimeNumber ?? v.normalized))]
}

/** Compare a validated document with the candidate's registration: type, number, name, birth date, sex, validity. */
export function checkDocument(
  candidate: Candidate,
  read: Extract<ReadDocument, { ok: true }>,
  examDate: string,
): Reason[] {
  const registered = candidate.idDocument
  const v = read.valid.find((x) => sameNumberFamily(x.type, registered.type)) ?? read.valid[0]
  if (!v) return []
  const reasons: Reason[] = []
  const presentedType = read.explicitType
  if (presentedType && !sameNumberFamily(presentedType, registered.type)) {
    // Another kind of document altogether: its number cannot be compared with the registered one.
    reasons.push(reason('wrongDocumentType', { registered: registered.type, presented: presentedType }))
  } else {
    if (presentedType && presentedType !== registered.type) {
      reasons.push(reason('documentTypeMismatch', { registered: registered.type, presented: presentedType }))
    }
    if (!sameDocumentNumber(registered.type, registered.number, v.normalized)) {
      reasons.push(
        reason('documentNumberMismatch', {
          registered: { type: registered.type, number: normalizeIdNumber(registered.number) },
          presented: { type: v.type, number: v.normalized },
        }),
      )
    } else if (!read.card && v.birthDate !== undefined && v.birthDate !== candidate.birthDate) {
      // The registered number itself encodes another birth date than the registration: HQ data to check.
      reasons.push(
        reason('birthDateMismatch', {
          registered: candidate.birthDate,
          presented: v.birthDate,
          source: 'documentNumber',
        }),
      )
    }
  }
  if (read.card) reasons.push(...checkCard(candidate, read.card, v, examDate))
  return reasons
}

function checkCard(candidate: Candidate, card: CardRead, v: Valid, examDate: string): Reason[] {
  const reasons: Reason[] = []
  if (!namesMatch(candidate.name, card.name)) {
    reasons.push(
      reason('nameMismatch', {
        registered: candidate.name,
        presented: card.name,
        flags: nameReviewFlags(candidate.name, card.name),
      }),
    )
  }
  const birthDate = card.birthDate === undefined ? undefined : isoDay(card.birthDate)
  if (birthDate !== undefined && birthDate !== candidate.birthDate) {
    reasons.push(reason('birthDateMismatch', { registered: candidate.birthDate, presented: birthDate, source: 'card' }))
  }
  if (card.sex !== undefined && card.sex !== candidate.sex) {
    reasons.push(
      reason('cardReaderMismatch', {
        field: 'sex',
        expected: candidate.sex,
        presented: card.sex,
        source: 'registration',
      }),
    )
  }
  // A chip that disagrees with its own number is a forgery or a broken reader: either way, look closer.
  if (birthDate !== undefined && v.birthDate !== undefined && birthDate !== v.birthDate) {
    reasons.push(
      reason('cardReaderMismatch', {
        field: 'birthDate',
        expected: v.birthDate,
        presented: birthDate,
        source: 'documentNumber',
      }),
    )
  }
  if (card.sex !== undefined && v.sex !== undefined && card.sex !== v.sex) {
    reasons.push(
      reason('cardReaderMismatch', { field: 'sex', expected: v.sex, presented: card.sex, source: 'documentNumber' }),
    )
  }
  reasons.push(...validityReasons(card, examDate))
  return reasons
}

/**
 * The admit card and both notices demand a *valid* original ID (有效的第二代居民身份证原件…), so a document
 * outside its validity on the exam day is refused; a site manager may override it with a reason (an
 * expired card with a police receipt for the new one, say). The chip's 有效期限 is read as the card
 * printing it, both ends inclusive: a card "2014.12.14-2024.12.14" is valid on 2024-12-14 and expired on
 * 2024-12-15; it is valid from its first day. A 长期 card (validTo null) never expires. A typed number
 * carries no validity: the proctor checks the printed dates on the card.
 */
function validityReasons(card: Pick<CardRead, 'validFrom' | 'validTo'>, examDate: string): Reason[] {
  const reasons: Reason[] = []
  const validFrom = card.validFrom ? isoDay(card.validFrom) : undefined
  if (validFrom && validFrom > examDate) reasons.push(reason('documentNotYetValid', { validFrom, examDate }))
  if (typeof card.validTo === 'string' && isoDay(card.validTo) < examDate) {
    reasons.push(reason('documentExpired', { validTo: isoDay(card.validTo), examDate }))
  }
  return reasons
}

/** `YYYYMMDD` (as on the chip) or `YYYY-MM-DD` → `YYYY-MM-DD`. */
function isoDay(s: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s.trim())
  return m ? `${m[1]}-${m[2]}-${m[3]}` : s.trim()
}
