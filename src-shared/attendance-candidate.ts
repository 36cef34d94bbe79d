/**
 * Attendance of one candidate for one subject, from that candidate's events alone: the incremental
 * path (a desk recomputes only the candidate an event concerns). Part of attendance.ts.
 */
import type {
  AttendanceState,
  CheckInRecord,
  OverrideRecord,
  RefusalRecord,
  SubjectAttendance,
  VoidRecord,
} from './attendance'
import { compareEvents, instantOf, NONE, parseInstant } from './attendance-events'
import type { Candidate, EventOf, EventType, LedgerEvent, Sitting, Subject, SubjectCode } from './schemas'

const NO_VOIDS: ReadonlyMap<string, EventOf<'void'>> = new Map()

/** The event types a void can take back; a void of any other type is the anomaly `voidNotAllowed`. */
export const VOIDABLE_TYPES: ReadonlySet<EventType> = new Set<EventType>(['checkIn', 'override', 'invoiceHandedOver'])

/** Attendance of one candidate for one subject from that candidate's events (as grouped by `indexEvents`). */
export function candidateAttendance(
  candidate: Candidate,
  subject: Subject,
  eventsOfCandidate: readonly LedgerEvent[],
  closed: boolean,
): SubjectAttendance {
  const start = parseInstant(subject.start)
  return subjectAttendance(candidate, subject.code, start, eventsOfCandidate, closed, effectiveVoids(eventsOfCandidate))
}

/** `candidateAttendance` with the subject start parsed and the voids found once per candidate (deriveAttendance's loop). */
export function subjectAttendance(
  candidate: Candidate,
  code: SubjectCode,
  start: number,
  events: readonly LedgerEvent[],
  closed: boolean,
  voidOf: ReadonlyMap<string, EventOf<'void'>>,
): SubjectAttendance {
  let valid: EventOf<'checkIn'>[] | undefined
  let voided: EventOf<'checkIn'>[] | undefined
  let overrides: EventOf<'override'>[] | undefined
  let refusal: EventOf<'refusal'> | undefined
  for (const e of events) {
    if (e.type !== 'checkIn' && e.type !== 'override' && e.type !== 'refusal') continue
    if (e.payload.subject !== code || e.payload.admitCardNo !== candidate.admitCardNo) continue
    if (e.type === 'refusal') {
      if (!refusal || compareEvents(e, refusal) > 0) refusal = e
    } else if (e.type === 'checkIn') {
      ;(voidOf.has(e.eventId) ? (voided ??= []) : (valid ??= [])).push(e)
    } else if (!voidOf.has(e.eventId)) {
      ;(overrides ??= []).push(e)
    }
  }
  // An override lets one admission through: once the check-in that used it is voided, it is spent, and a
  // new admission asks the site manager again.
  if (overrides && voided) {
    const spent = new Set(voided.map((e) => e.payload.overrideEventId))
    overrides = overrides.filter((o) => !spent.has(o.eventId))
  }
  const checkIns = valid ? sorted(valid).map((e) => checkInRecord(e, start)) : NONE
  let sitting: Sitting | undefined
  for (const s of candidate.sittings) if (s.subject === code) sitting = s
  const checkIn = checkIns[0]
  const result: SubjectAttendance = {
    subject: code,
    state: stateOf(sitting, checkIn, refusal, closed),
    duplicateCheckIns: checkIns.length > 1 ? checkIns.slice(1) : NONE,
    voidedCheckIns: voided
      ? sorted(voided).map((e) => ({ checkIn: checkInRecord(e, start), void: voidRecord(voidOf.get(e.eventId)!) }))
      : NONE,
    overrides: overrides ? sorted(overrides).map(overrideRecord) : NONE,
  }
  if (sitting) result.sitting = sitting
  if (checkIn) result.checkIn = checkIn
  if (refusal) result.refusal = refusalRecord(refusal)
  return result
}

// The order of the rule book: registration first, then a check-in, then a refusal, then the close.
// A refused candidate stays `refused` after the close: it says more than `absent` about why.
function stateOf(
  sitting: Sitting | undefined,
  checkIn: CheckInRecord | undefined,
  refusal: LedgerEvent | undefined,
  closed: boolean,
): AttendanceState {
  if (!sitting) return 'notRegistered'
  if (checkIn) return checkIn.late ? 'late' : 'present'
  if (refusal) return 'refused'
  return closed ? 'absent' : 'expected'
}

/**
 * eventId → the void that voids it. A void applies only to a check-in, an override or an invoice hand-over
 * (VOIDABLE_TYPES); a void of a void (or of anything else) is ignored, so no chain of voids can flip a
 * check-in back and forth.
 */
export function effectiveVoids(events: readonly LedgerEvent[]): ReadonlyMap<string, EventOf<'void'>> {
  let anyVoid = false
  for (const e of events) if (e.type === 'void') anyVoid = true
  if (!anyVoid) return NO_VOIDS
  const voidable = new Set<string>()
  for (const e of events) if (VOIDABLE_TYPES.has(e.type)) voidable.add(e.eventId)
  const voids = new Map<string, EventOf<'void'>>()
  for (const e of events) {
    if (e.type !== 'void') continue
    const target = e.payload.targetEventId
    if (!voidable.has(target)) continue
    const earlier = voids.get(target)
    if (!earlier || compareEvents(e, earlier) < 0) voids.set(target, e)
  }
  return voids
}

// Records are built field by field, without spreads: this runs 20,000 times per recompute.
const sorted = <E extends LedgerEvent>(events: E[]): E[] => (events.length > 1 ? events.sort(compareEvents) : events)

function checkInRecord(e: EventOf<'checkIn'>, start: number): CheckInRecord {
  const r: CheckInRecord = {
    eventId: e.eventId,
    deviceId: e.deviceId,
    seq: e.seq,
    at: e.deviceTime,
    staffId: e.actor,
    method: e.payload.method,
    verdict: e.payload.verdict,
    reasons: e.payload.reasons,
    late: instantOf(e) > start,
  }
  const { overrideEventId, methods } = e.payload
  if (overrideEventId !== undefined) r.overrideEventId = overrideEventId
  if (methods !== undefined && methods.length > 1) r.methods = methods
  return r
}

function voidRecord(e: EventOf<'void'>): VoidRecord {
  const r: VoidRecord = {
    eventId: e.eventId,
    deviceId: e.deviceId,
    seq: e.seq,
    at: e.deviceTime,
    staffId: e.actor,
    reason: e.payload.reason,
  }
  const { approvedBy } = e.payload
  if (approvedBy !== undefined) r.approvedBy = approvedBy
  return r
}

function overrideRecord(e: EventOf<'override'>): OverrideRecord {
  return {
    eventId: e.eventId,
    deviceId: e.deviceId,
    seq: e.seq,
    at: e.deviceTime,
    staffId: e.actor,
    reasons: e.payload.reasons,
    reason: e.payload.reason,
    approvedBy: e.payload.approvedBy,
  }
}

function refusalRecord(e: EventOf<'refusal'>): RefusalRecord {
  const r: RefusalRecord = {
    eventId: e.eventId,
    deviceId: e.deviceId,
    seq: e.seq,
    at: e.deviceTime,
    staffId: e.actor,
    reasons: e.payload.reasons,
  }
  const { reason, method, methods } = e.payload
  if (reason !== undefined) r.reason = reason
  if (method !== undefined) r.method = method
  if (methods !== undefined && methods.length > 1) r.methods = methods
  return r
}
