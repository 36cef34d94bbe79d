/**
 * `deriveAttendance` for a screen that recomputes after every event (the board, the reports): the same
 * result, but each candidate's per-subject attendance is kept between calls and built again only when
 * that candidate's events, the candidate record, or a subject (its start, whether it is closed) changed.
 * One new check-in then costs one candidate's derivation plus the totals, not 10,000 candidates'.
 *
 * Totals, conflicts and anomalies are rebuilt on every call, in the order deriveAttendance gives them;
 * the unit tests compare the two after every event of a scripted and of a shuffled ledger.
 */
import {
  indexAnomalies,
  occupationLevelKey,
  type Attendance,
  type AttendanceAnomaly,
  type AttendanceConflict,
  type AttendanceTotals,
  type CandidateAttendance,
  type StateCounts,
  type SubjectAttendance,
} from './attendance'
import { effectiveVoids, subjectAttendance } from './attendance-candidate'
import { NONE, parseInstant, subjectIsClosed, type EventIndex } from './attendance-events'
import type { Candidate, GroupTimes, LedgerEvent, Subject, SubjectCode } from './schemas'
import { groupStarts, groupTimesKey } from './subject-times'

interface Kept {
  candidate: Candidate
  /** The candidate's events as they were when `entry` was derived (a copy: the index grows its lists in place). */
  events: readonly LedgerEvent[]
  entry: CandidateAttendance
  /** `occupationLevelKey(candidate)`, made once. */
  groupKey: string
}

/** What `deriveAttendanceKept` keeps between calls; one per screen. */
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
  roster: { subjects: Subject[]; groupTimes?: readonly GroupTimes[] | undefined; candidates: readonly Candidate[] },
  index: EventIndex,
): Attendance {
  const sessionSubjects = roster.subjects.map((s) => ({
    code: s.code,
    start: parseInstant(s.start),
    closed: subjectIsClosed(index.subjectEvents, s.code),
  }))
  const ownStarts = groupStarts(roster.groupTimes, parseInstant)
  // Any change of a start (session-wide or a group's) or of a close derives everyone again.
  const subjectsKey = JSON.stringify(ownStarts ? [sessionSubjects, [...ownStarts]] : sessionSubjects)
  if (subjectsKey !== keeper.subjectsKey) {
    keeper.subjectsKey = subjectsKey
    keeper.byAdmitCardNo.clear()
  }
  const totals: AttendanceTotals = { bySubject: {}, byRoom: {}, byOccupationLevel: {} }
  const candidates: CandidateAttendance[] = []
  const byAdmitCardNo = new Map<string, CandidateAttendance>()
  const conflicts: AttendanceConflict[] = []
  const anomalies: AttendanceAnomaly[] = []
  for (const candidate of roster.candidates) {
    const mine = index.byAdmitCardNo.get(candidate.admitCardNo) ?? NONE
    let kept = keeper.byAdmitCardNo.get(candidate.admitCardNo)
    if (!kept || kept.candidate !== candidate || !sameEvents(kept.events, mine)) {
      const voidOf = effectiveVoids(mine)
      const subjects: CandidateAttendance['subjects'] = {}
      for (const s of sessionSubjects) {
        const start = ownStarts?.get(groupTimesKey(s.code, candidate.occupation, candidate.level)) ?? s.start
        subjects[s.code] = subjectAttendance(candidate, s.code, start, mine, s.closed, voidOf)
      }
      kept = {
        candidate,
        events: mine.length === 0 ? NONE : mine.slice(),
        entry: { candidate, subjects },
        groupKey: kept?.candidate === candidate ? kept.groupKey : occupationLevelKey(candidate),
      }
      keeper.byAdmitCardNo.set(candidate.admitCardNo, kept)
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
            eventId: c.eventId,
            deviceId: c.deviceId,
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
  if (keeper.byAdmitCardNo.size > byAdmitCardNo.size)
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
