/**
 * Attendance: who is present, late, refused, absent or still expected, per candidate and subject,
 * derived from the roster and the ledger events of every desk of the session (sync-protocol.md,
 * "Merging desks"). Pure: the same set of events gives the same attendance in any order.
 *
 * Conflicts and anomalies (the UI translates the codes in its locale files):
 * | code                      | meaning                                                                      |
 * | ------------------------- | ---------------------------------------------------------------------------- |
 * | `duplicateCheckIn`        | conflict: two or more valid check-ins of one candidate for one subject        |
 * | `voidOfUnknownEvent`      | a void names an event no desk has recorded                                   |
 * | `voidOfVoid`              | a void names another void: not allowed, ignored                              |
 * | `voidNotAllowed`          | a void names an event that is neither a check-in nor an override: ignored    |
 * | `unknownCandidate`        | a check-in or override for an admit card number not on the roster            |
 * | `notRegisteredForSubject` | a valid check-in for a subject the candidate does not sit                    |
 * | `duplicateEventId`        | two different events with one eventId (the one with the smaller hash is kept) |
 */
import { effectiveVoids, subjectAttendance } from './attendance-candidate'
import { indexEvents, NONE, parseInstant, payloadString, subjectIsClosed, type EventIndex } from './attendance-events'
import type { Candidate, GroupTimes, LedgerEvent, ScanMethod, Sitting, Subject, SubjectCode } from './schemas'
import { groupStarts, groupTimesKey } from './subject-times'

export { candidateAttendance } from './attendance-candidate'
export {
  addEvent,
  compareEvents,
  createEventIndex,
  indexEvents,
  instantOf,
  parseInstant,
  subjectIsClosed,
  type EventIndex,
} from './attendance-events'

export const ATTENDANCE_STATES = ['expected', 'present', 'late', 'absent', 'refused', 'notRegistered'] as const
export type AttendanceState = (typeof ATTENDANCE_STATES)[number]

export const ATTENDANCE_ANOMALY_CODES = [
  'voidOfUnknownEvent',
  'voidOfVoid',
  'voidNotAllowed',
  'unknownCandidate',
  'notRegisteredForSubject',
  'duplicateEventId',
] as const
export type AttendanceAnomalyCode = (typeof ATTENDANCE_ANOMALY_CODES)[number]

/** Who recorded an event, where and when (deviceTime, with its offset, as the desk wrote it). */
export interface EventRef {
  eventId: string
  deviceId: string
  seq: number
  at: string
  staffId: string | null
}
export interface CheckInRecord extends EventRef {
  method: ScanMethod
  verdict: 'admit' | 'attention'
  reasons: readonly string[]
  overrideEventId?: string
  /** Checked in after the candidate's own subject start (admitted within the late-entry window or by override). */
  late: boolean
}
export interface VoidRecord extends EventRef {
  reason: string
  approvedBy?: string
}
export interface OverrideRecord extends EventRef {
  reasons: readonly string[]
  reason: string
  approvedBy: string
}
export interface RefusalRecord extends EventRef {
  reasons: readonly string[]
  reason?: string
}

/** One candidate's attendance for one subject: the state plus what a screen shows beside it. */
export interface SubjectAttendance {
  subject: SubjectCode
  state: AttendanceState
  sitting?: Sitting
  /** The check-in that counts: the earliest valid one. */
  checkIn?: CheckInRecord
  /** Further valid check-ins: a conflict to review (both kept, the earliest counts). */
  duplicateCheckIns: readonly CheckInRecord[]
  voidedCheckIns: readonly { checkIn: CheckInRecord; void: VoidRecord }[]
  /** The newest refusal, if any. */
  refusal?: RefusalRecord
  /** Overrides not voided, oldest first. */
  overrides: readonly OverrideRecord[]
}
export interface CandidateAttendance {
  candidate: Candidate
  subjects: Partial<Record<SubjectCode, SubjectAttendance>>
}

export type StateCounts = Record<AttendanceState, number>
export interface AttendanceTotals {
  bySubject: Partial<Record<SubjectCode, StateCounts>>
  /** Per room, per subject sat in it (a notRegistered pair has no room and is not counted here). */
  byRoom: Record<string, Partial<Record<SubjectCode, StateCounts>>>
  /** Keyed by `occupationLevelKey(candidate)`. */
  byOccupationLevel: Record<
    string,
    { occupation: string; workType?: string; level: string; bySubject: Partial<Record<SubjectCode, StateCounts>> }
  >
}
export interface AttendanceConflict {
  code: 'duplicateCheckIn'
  admitCardNo: string
  subject: SubjectCode
  counted: CheckInRecord
  others: readonly CheckInRecord[]
}
export interface AttendanceAnomaly {
  code: AttendanceAnomalyCode
  eventId: string
  deviceId: string
  admitCardNo?: string
  targetEventId?: string
  subject?: SubjectCode
}
export interface Attendance {
  /** In roster order. */
  candidates: CandidateAttendance[]
  byAdmitCardNo: ReadonlyMap<string, CandidateAttendance>
  closedSubjects: SubjectCode[]
  totals: AttendanceTotals
  conflicts: AttendanceConflict[]
  anomalies: AttendanceAnomaly[]
}

// ───────────────────────────── the whole roster ─────────────────────────────

/** The key that groups candidates by occupation, work type and level in `totals.byOccupationLevel`. */
export function occupationLevelKey(c: Pick<Candidate, 'occupation' | 'workType' | 'level'>): string {
  return `${c.occupation}\u001f${c.workType ?? ''}\u001f${c.level}`
}

/**
 * Attendance of every candidate for every subject of the session, with totals, conflicts and anomalies.
 * "Late" is after the candidate's own start: their occupation + level's (`groupTimes`) or the session's.
 */
export function deriveAttendance(
  roster: { subjects: Subject[]; groupTimes?: readonly GroupTimes[] | undefined; candidates: readonly Candidate[] },
  events: readonly LedgerEvent[] | EventIndex,
): Attendance {
  const index = isIndex(events) ? events : indexEvents(events)
  const sessionSubjects = roster.subjects.map((s) => ({
    code: s.code,
    start: parseInstant(s.start),
    closed: subjectIsClosed(index.subjectEvents, s.code),
  }))
  const ownStarts = groupStarts(roster.groupTimes, parseInstant)
  const totals: AttendanceTotals = { bySubject: {}, byRoom: {}, byOccupationLevel: {} }
  const candidates: CandidateAttendance[] = []
  const byAdmitCardNo = new Map<string, CandidateAttendance>()
  const conflicts: AttendanceConflict[] = []
  const anomalies: AttendanceAnomaly[] = []
  for (const candidate of roster.candidates) {
    const mine = index.byAdmitCardNo.get(candidate.admitCardNo) ?? NONE
    const voidOf = effectiveVoids(mine)
    const group = occupationGroup(totals, candidate)
    const subjects: CandidateAttendance['subjects'] = {}
    for (const subject of sessionSubjects) {
      const start = ownStarts?.get(groupTimesKey(subject.code, candidate.occupation, candidate.level)) ?? subject.start
      const a = subjectAttendance(candidate, subject.code, start, mine, subject.closed, voidOf)
      subjects[subject.code] = a
      bump(totals.bySubject, a)
      if (a.sitting) bump((totals.byRoom[a.sitting.roomId] ??= {}), a)
      bump(group, a)
      if (a.checkIn && a.duplicateCheckIns.length > 0) {
        conflicts.push({
          code: 'duplicateCheckIn',
          admitCardNo: candidate.admitCardNo,
          subject: subject.code,
          counted: a.checkIn,
          others: a.duplicateCheckIns,
        })
      }
      if (a.state === 'notRegistered' && a.checkIn) {
        for (const c of [a.checkIn, ...a.duplicateCheckIns]) {
          anomalies.push({
            code: 'notRegisteredForSubject',
            ...anomalyRef(c),
            admitCardNo: candidate.admitCardNo,
            subject: subject.code,
          })
        }
      }
    }
    const entry = { candidate, subjects }
    candidates.push(entry)
    byAdmitCardNo.set(candidate.admitCardNo, entry)
  }
  anomalies.push(...indexAnomalies(index, byAdmitCardNo))
  anomalies.sort((a, b) => (a.eventId === b.eventId ? (a.code < b.code ? -1 : 1) : a.eventId < b.eventId ? -1 : 1))
  return {
    candidates,
    byAdmitCardNo,
    closedSubjects: sessionSubjects.filter((s) => s.closed).map((s) => s.code),
    totals,
    conflicts,
    anomalies,
  }
}

function isIndex(x: readonly LedgerEvent[] | EventIndex): x is EventIndex {
  return !Array.isArray(x)
}

const anomalyRef = (e: { eventId: string; deviceId: string }) => ({ eventId: e.eventId, deviceId: e.deviceId })

/** Anomalies the index shows, whatever the candidates (the board's kept derivation uses it too). */
export function indexAnomalies(index: EventIndex, roster: ReadonlyMap<string, unknown>): AttendanceAnomaly[] {
  const out: AttendanceAnomaly[] = []
  for (const e of index.byEventId.values()) {
    if (e.type === 'void') {
      const targetEventId = payloadString(e, 'targetEventId') ?? ''
      const target = index.byEventId.get(targetEventId)
      const code = !target
        ? 'voidOfUnknownEvent'
        : target.type === 'void'
          ? 'voidOfVoid'
          : target.type === 'checkIn' || target.type === 'override'
            ? undefined
            : 'voidNotAllowed'
      if (code) out.push({ code, ...anomalyRef(e), targetEventId })
    } else if (e.type === 'checkIn' || e.type === 'override') {
      const admitCardNo = payloadString(e, 'admitCardNo') ?? ''
      if (!roster.has(admitCardNo))
        out.push({ code: 'unknownCandidate', eventId: e.eventId, deviceId: e.deviceId, admitCardNo })
    }
  }
  for (const e of index.displaced) out.push({ code: 'duplicateEventId', ...anomalyRef(e) })
  return out
}

function emptyCounts(): StateCounts {
  return { expected: 0, present: 0, late: 0, absent: 0, refused: 0, notRegistered: 0 }
}

function bump(bySubject: Partial<Record<SubjectCode, StateCounts>>, a: SubjectAttendance): void {
  const counts = (bySubject[a.subject] ??= emptyCounts())
  counts[a.state] += 1
}

function occupationGroup(totals: AttendanceTotals, c: Candidate): Partial<Record<SubjectCode, StateCounts>> {
  const group = (totals.byOccupationLevel[occupationLevelKey(c)] ??= {
    occupation: c.occupation,
    level: c.level,
    ...(c.workType === undefined ? {} : { workType: c.workType }),
    bySubject: {},
  })
  return group.bySubject
}
