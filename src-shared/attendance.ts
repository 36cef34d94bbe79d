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
 * | `voidNotAllowed`          | a void names an event other than a check-in, override or invoice: ignored    |
 * | `unknownCandidate`        | a check-in or override for an admit card number not on the roster            |
 * | `notRegisteredForSubject` | a valid check-in for a subject the candidate does not sit                    |
 * | `duplicateEventId`        | two different events with one eventId (the one with the smaller hash is kept) |
 */
import { effectiveVoids, subjectAttendance, VOIDABLE_TYPES } from './attendance-candidate'
import { indexEvents, NONE, parseInstant, subjectIsClosed, type EventIndex } from './attendance-events'
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
  /** Every way the candidate was identified when more than one (a QR, then the card on the reader). */
  methods?: readonly ScanMethod[]
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
  /** How the candidate was found (absent in refusals recorded before desks wrote it). */
  method?: ScanMethod
  /** Every way the candidate was identified when more than one. */
  methods?: readonly ScanMethod[]
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

/** One candidate's attendance as a keeper holds it between derivations. */
interface Kept {
  candidate: Candidate
  /** The candidate's events as they were when `entry` was derived (a copy: the index grows its lists in place). */
  events: readonly LedgerEvent[]
  entry: CandidateAttendance
  /** `occupationLevelKey(candidate)`, made once. */
  groupKey: string
}

/**
 * What a screen that derives again after every event (the board, the reports) keeps between calls: each
 * candidate's attendance, built again only when that candidate's events, the candidate record, or a subject
 * (a start, session-wide or a group's, or whether it is closed) changed. One new check-in then costs one
 * candidate's derivation plus the totals, not 10,000 candidates'.
 */
export interface AttendanceKeeper {
  subjectsKey: string
  byAdmitCardNo: Map<string, Kept>
}

export function createAttendanceKeeper(): AttendanceKeeper {
  return { subjectsKey: '', byAdmitCardNo: new Map() }
}

/** `deriveAttendance(roster, index)`, reusing what `keeper` holds from earlier calls. */
export function deriveAttendanceKept(
  keeper: AttendanceKeeper,
  roster: AttendanceRoster,
  index: EventIndex,
): Attendance {
  return deriveAttendance(roster, index, keeper)
}

type AttendanceRoster = {
  subjects: Subject[]
  groupTimes?: readonly GroupTimes[] | undefined
  candidates: readonly Candidate[]
}

/**
 * Attendance of every candidate for every subject of the session, with totals, conflicts and anomalies.
 * "Late" is after the candidate's own start: their occupation + level's (`groupTimes`) or the session's.
 * With a `keeper`, candidates whose inputs did not change since the last call are taken from it; totals,
 * conflicts and anomalies are always rebuilt, so the result is the same either way.
 */
export function deriveAttendance(
  roster: AttendanceRoster,
  events: readonly LedgerEvent[] | EventIndex,
  keeper?: AttendanceKeeper,
): Attendance {
  const index = isIndex(events) ? events : indexEvents(events)
  const sessionSubjects = roster.subjects.map((s) => ({
    code: s.code,
    start: parseInstant(s.start),
    closed: subjectIsClosed(index.subjectEvents, s.code),
  }))
  const ownStarts = groupStarts(roster.groupTimes, parseInstant)
  if (keeper) {
    // Any change of a start (session-wide or a group's) or of a close derives everyone again.
    const subjectsKey = JSON.stringify(ownStarts ? [sessionSubjects, [...ownStarts]] : sessionSubjects)
    if (subjectsKey !== keeper.subjectsKey) {
      keeper.subjectsKey = subjectsKey
      keeper.byAdmitCardNo.clear()
    }
  }
  const totals: AttendanceTotals = { bySubject: {}, byRoom: {}, byOccupationLevel: {} }
  const candidates: CandidateAttendance[] = []
  const byAdmitCardNo = new Map<string, CandidateAttendance>()
  const conflicts: AttendanceConflict[] = []
  const anomalies: AttendanceAnomaly[] = []
  for (const candidate of roster.candidates) {
    const mine = index.byAdmitCardNo.get(candidate.admitCardNo) ?? NONE
    let kept = keeper?.byAdmitCardNo.get(candidate.admitCardNo)
    if (!kept || kept.candidate !== candidate || !sameEvents(kept.events, mine)) {
      const voidOf = effectiveVoids(mine)
      const subjects: CandidateAttendance['subjects'] = {}
      for (const s of sessionSubjects) {
        const start = ownStarts?.get(groupTimesKey(s.code, candidate.occupation, candidate.level)) ?? s.start
        subjects[s.code] = subjectAttendance(candidate, s.code, start, mine, s.closed, voidOf)
      }
      kept = {
        candidate,
        events: keeper && mine.length > 0 ? mine.slice() : mine,
        entry: { candidate, subjects },
        groupKey: kept?.candidate === candidate ? kept.groupKey : occupationLevelKey(candidate),
      }
      keeper?.byAdmitCardNo.set(candidate.admitCardNo, kept)
    }
    const group = occupationGroup(totals, kept.groupKey, candidate)
    for (const s of sessionSubjects) {
      const a = kept.entry.subjects[s.code]!
      bump(totals.bySubject, a)
      if (a.sitting) bump((totals.byRoom[a.sitting.roomId] ??= {}), a)
      bump(group, a)
      if (a.checkIn && a.duplicateCheckIns.length > 0) {
        conflicts.push({
          code: 'duplicateCheckIn',
          admitCardNo: candidate.admitCardNo,
          subject: s.code,
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
            subject: s.code,
          })
        }
      }
    }
    candidates.push(kept.entry)
    byAdmitCardNo.set(candidate.admitCardNo, kept.entry)
  }
  // Candidates no longer on the roster are not kept.
  if (keeper && keeper.byAdmitCardNo.size > byAdmitCardNo.size)
    for (const no of keeper.byAdmitCardNo.keys()) if (!byAdmitCardNo.has(no)) keeper.byAdmitCardNo.delete(no)
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

function sameEvents(a: readonly LedgerEvent[], b: readonly LedgerEvent[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
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
      const targetEventId = e.payload.targetEventId
      const target = index.byEventId.get(targetEventId)
      const code = !target
        ? 'voidOfUnknownEvent'
        : target.type === 'void'
          ? 'voidOfVoid'
          : VOIDABLE_TYPES.has(target.type)
            ? undefined
            : 'voidNotAllowed'
      if (code) out.push({ code, ...anomalyRef(e), targetEventId })
    } else if (e.type === 'checkIn' || e.type === 'override') {
      const admitCardNo = e.payload.admitCardNo
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

function occupationGroup(
  totals: AttendanceTotals,
  key: string,
  c: Candidate,
): Partial<Record<SubjectCode, StateCounts>> {
  const group = (totals.byOccupationLevel[key] ??= {
    occupation: c.occupation,
    level: c.level,
    ...(c.workType === undefined ? {} : { workType: c.workType }),
    bySubject: {},
  })
  return group.bySubject
}
