/**
 * What each desk event records, as a domain rule: the check-in, the refusal, the override, the void and
 * the note are built here from what the desk saw, not assembled by a screen. The check-in machine
 * (checkin-machine.ts) calls these; HQ reads the same fields back.
 */
import { overridableReasons } from './overrides'
import type { EventPayload, ScanMethod, SubjectCode } from './schemas'
import type { CardRead, ScanInput, Verdict } from './verdict'

/** What the desk saw of one candidate: how they were found, the chip if a card was read, the verdict. */
export interface Seen {
  input: ScanInput
  /** Every way the candidate was identified, in order: `['qr', 'cardReader']` after a QR and then F2. */
  methods: readonly ScanMethod[]
  verdict: Verdict
}

export interface Checklist {
  faceMatches: boolean
  originalDocumentSeen: boolean
}

/**
 * Raw strings as presented, never normalised away: what was typed, or what the chip of the card said
 * (alone or read after a QR). Undefined when nothing but an admit card was shown.
 */
export function presented(input: ScanInput): Record<string, string> | undefined {
  if (input.kind === 'idDocument') return { typed: input.raw }
  const card =
    input.kind === 'cardReader' ? input.card : input.document?.kind === 'cardReader' ? input.document.card : undefined
  if (!card)
    return input.kind !== 'cardReader' && input.document?.kind === 'typed' ? { typed: input.document.raw } : undefined
  return chipFields(card)
}

function chipFields(c: CardRead): Record<string, string> {
  const out: Record<string, string> = { cardName: c.name, cardNumber: c.number, cardType: c.type }
  if (c.sex) out['cardSex'] = c.sex
  if (c.birthDate) out['cardBirthDate'] = c.birthDate
  if (c.validFrom) out['cardValidFrom'] = c.validFrom
  if (c.validTo) out['cardValidTo'] = c.validTo
  return out
}

const methodFields = (methods: readonly ScanMethod[]) => ({
  method: methods[0] ?? 'search',
  ...(methods.length > 1 ? { methods: [...methods] } : {}),
})

/** A check-in for `subject` on the verdict as decided at the moment of recording. */
export function checkInPayload(seen: Seen, subject: SubjectCode, checklist: Checklist): EventPayload<'checkIn'> {
  const v = seen.verdict
  if (!v.candidate || v.outcome === 'refuse') throw new Error('a check-in needs a candidate the verdict admits')
  const overridden = v.reasons.find((r) => r.code === 'overridden')
  const p = presented(seen.input)
  return {
    admitCardNo: v.candidate.admitCardNo,
    subject,
    ...methodFields(seen.methods),
    verdict: v.outcome,
    reasons: v.reasons.map((r) => r.code),
    checklist,
    ...(overridden && overridden.code === 'overridden' ? { overrideEventId: overridden.eventId } : {}),
    ...(p ? { presented: p } : {}),
  }
}

/** A refusal: the refuse reasons of the verdict, and the proctor's words when F4 gave some. */
export function refusalPayload(seen: Seen, subject: SubjectCode, reasonText?: string): EventPayload<'refusal'> {
  const v = seen.verdict
  const p = presented(seen.input)
  return {
    ...(v.candidate ? { admitCardNo: v.candidate.admitCardNo } : {}),
    subject,
    reasons: v.reasons.filter((r) => r.severity === 'refuse').map((r) => r.code),
    ...methodFields(seen.methods),
    ...(reasonText ? { reason: reasonText } : {}),
    ...(p ? { presented: p } : {}),
  }
}

/** A site manager lets through exactly the overridable refuse reasons on screen. */
export function overridePayload(
  seen: Seen,
  subject: SubjectCode,
  approvedBy: string,
  reasonText: string,
): EventPayload<'override'> {
  const v = seen.verdict
  if (!v.candidate) throw new Error('an override needs a candidate')
  return {
    admitCardNo: v.candidate.admitCardNo,
    subject,
    reasons: overridableReasons(v).map((r) => r.code),
    reason: reasonText,
    approvedBy,
  }
}

export function voidPayload(targetEventId: string, reasonText: string, approvedBy?: string): EventPayload<'void'> {
  return { targetEventId, reason: reasonText, ...(approvedBy ? { approvedBy } : {}) }
}

export function notePayload(text: string, admitCardNo?: string): EventPayload<'note'> {
  return { text, ...(admitCardNo ? { admitCardNo } : {}) }
}
