/**
 * The exceptions list of the board: everything about a subject a site manager should look at again.
 *
 * | kind        | what                                                                                |
 * | ----------- | ----------------------------------------------------------------------------------- |
 * | `override`  | a site manager let a refusal reason through (with reason and approver)              |
 * | `void`      | a check-in or an override taken back (with reason)                                 |
 * | `mismatch`  | a counted check-in admitted despite an identity mismatch shown to the proctor       |
 * | `refusal`   | a candidate (or an unknown / forged card) refused at the desk                       |
 * | `duplicate` | a conflict: a second valid check-in of one candidate for the subject                |
 * | `anomaly`   | an event attendance could not apply (see ATTENDANCE_ANOMALY_CODES in attendance.ts) |
 */
import type { Attendance } from './attendance'
import { instantOf, type EventIndex } from './attendance-events'
import type { LedgerEvent, SubjectCode } from './schemas'

export const EXCEPTION_KINDS = ['override', 'void', 'mismatch', 'refusal', 'duplicate', 'anomaly'] as const
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number]

/** Verdict reasons that mean the person or the document did not match the registration. */
export const MISMATCH_REASONS: ReadonlySet<string> = new Set([
  'wrongDocumentType',
  'documentTypeMismatch',
  'documentNumberMismatch',
  'nameMismatch',
  'birthDateMismatch',
  'cardReaderMismatch',
  'documentExpired',
  'documentNotYetValid',
  'photoMissing',
])

export interface BoardException {
  kind: ExceptionKind
  eventId: string
  deviceId: string
  at: string
  staffId: string | null
  admitCardNo?: string
  /** Reason codes (verdict reasons, or the anomaly code). */
  reasons: readonly string[]
  /** The free text a person wrote (override, void, refusal). */
  text?: string
  approvedBy?: string
  /** For a void: the type of the event it took back. */
  voidOf?: 'checkIn' | 'override'
}

/** Every exception of `subject`, newest first. */
export function boardExceptions(att: Attendance, index: EventIndex, subject: SubjectCode): BoardException[] {
  const out: { e: LedgerEvent; x: BoardException }[] = []
  const add = (e: LedgerEvent, x: Omit<BoardException, 'eventId' | 'deviceId' | 'at' | 'staffId'>) =>
    out.push({ e, x: { eventId: e.eventId, deviceId: e.deviceId, at: e.deviceTime, staffId: e.actor, ...x } })
  for (const e of index.byEventId.values()) {
    if (e.type === 'void') {
      const target = index.byEventId.get(e.payload.targetEventId)
      if (!target || (target.type !== 'checkIn' && target.type !== 'override')) continue
      if (target.payload.subject !== subject) continue
      add(e, {
        kind: 'void',
        reasons: [],
        voidOf: target.type,
        admitCardNo: target.payload.admitCardNo,
        text: e.payload.reason,
        ...opt('approvedBy', e.payload.approvedBy),
      })
      continue
    }
    if (e.type !== 'checkIn' && e.type !== 'override' && e.type !== 'refusal') continue
    if (e.payload.subject !== subject) continue
    const common = { reasons: e.payload.reasons, ...opt('admitCardNo', e.payload.admitCardNo) }
    if (e.type === 'override') {
      add(e, {
        kind: 'override',
        ...common,
        text: e.payload.reason,
        approvedBy: e.payload.approvedBy,
      })
    } else if (e.type === 'refusal') {
      add(e, { kind: 'refusal', ...common, ...opt('text', e.payload.reason) })
    } else if (e.type === 'checkIn' && common.reasons.some((r) => MISMATCH_REASONS.has(r))) {
      add(e, { kind: 'mismatch', ...common, reasons: common.reasons.filter((r) => MISMATCH_REASONS.has(r)) })
    }
  }
  for (const c of att.conflicts) {
    if (c.subject !== subject) continue
    for (const other of c.others) {
      const e = index.byEventId.get(other.eventId)
      if (e) add(e, { kind: 'duplicate', admitCardNo: c.admitCardNo, reasons: ['duplicateCheckIn'] })
    }
  }
  for (const a of att.anomalies) {
    if (a.subject !== undefined && a.subject !== subject) continue
    const e = index.byEventId.get(a.eventId)
    if (e) add(e, { kind: 'anomaly', reasons: [a.code], ...opt('admitCardNo', a.admitCardNo) })
  }
  // Newest first in compareEvents' order (instant, deviceId, seq), with each event's instant parsed once.
  const keyed = out.map((o) => ({ ...o, t: eventInstant(o.e) }))
  keyed.sort(
    (a, b) => b.t - a.t || (a.e.deviceId === b.e.deviceId ? b.e.seq - a.e.seq : a.e.deviceId < b.e.deviceId ? 1 : -1),
  )
  return keyed.map((o) => o.x)
}

const instants = new WeakMap<LedgerEvent, number>()
function eventInstant(e: LedgerEvent): number {
  let t = instants.get(e)
  if (t === undefined) instants.set(e, (t = instantOf(e)))
  return t
}

/** The field only when it has a value (exactOptionalPropertyTypes). */
function opt<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string }
}
