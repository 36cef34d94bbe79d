/**
 * Whose clock is it: a subject's times for one candidate. The session package lists every subject once
 * (`subjects`, the session-wide times) and may give an occupation + level group its own times for a
 * subject (`groupTimes`). Everything that decides whether a candidate is early, on time, late or past the
 * cutoff asks `subjectTimesFor`, so the check-in verdict, attendance and the admit card agree.
 */
import type { Candidate, GroupTimes, Session, Subject, SubjectCode } from './schemas'

type Who = Pick<Candidate, 'occupation' | 'level'>

/** The group times entry for this candidate and subject, if their occupation + level has one. */
export function groupTimesOf(
  groupTimes: readonly GroupTimes[] | undefined,
  candidate: Who,
  code: SubjectCode,
): GroupTimes | undefined {
  if (!groupTimes || groupTimes.length === 0) return undefined
  return groupTimes.find(
    (g) => g.subject === code && g.occupation === candidate.occupation && g.level === candidate.level,
  )
}

/**
 * The candidate's own times for a subject: their group's when the package gives one (with the
 * session-wide cutoff when the group names none), else the session-wide subject. Undefined when the
 * session has no such subject.
 */
export function subjectTimesFor(
  subjects: readonly Subject[],
  groupTimes: readonly GroupTimes[] | undefined,
  candidate: Who,
  code: SubjectCode,
): Subject | undefined {
  const sessionWide = subjects.find((s) => s.code === code)
  if (!sessionWide) return undefined
  const own = groupTimesOf(groupTimes, candidate, code)
  if (!own) return sessionWide
  return {
    code,
    doorsOpen: own.doorsOpen,
    start: own.start,
    end: own.end,
    lateEntryCutoffMinutes: own.lateEntryCutoffMinutes ?? sessionWide.lateEntryCutoffMinutes,
  }
}

/** True when the candidate's times for the subject differ from the session-wide ones. */
export function hasOwnTimes(
  subjects: readonly Subject[],
  groupTimes: readonly GroupTimes[] | undefined,
  candidate: Who,
  code: SubjectCode,
): boolean {
  const sessionWide = subjects.find((s) => s.code === code)
  const own = subjectTimesFor(subjects, groupTimes, candidate, code)
  if (!sessionWide || !own) return false
  return (
    own.doorsOpen !== sessionWide.doorsOpen ||
    own.start !== sessionWide.start ||
    own.end !== sessionWide.end ||
    own.lateEntryCutoffMinutes !== sessionWide.lateEntryCutoffMinutes
  )
}

/**
 * Group times no candidate sits under: no one of that occupation and level sits that subject. Harmless,
 * but most likely a typo in the occupation or level, so HQ is told when it builds the package.
 */
export function unmatchedGroupTimes(
  groupTimes: readonly GroupTimes[] | undefined,
  candidates: readonly Pick<Candidate, 'occupation' | 'level' | 'sittings'>[],
): GroupTimes[] {
  if (!groupTimes || groupTimes.length === 0) return []
  const sat = new Set<string>()
  for (const c of candidates) for (const s of c.sittings) sat.add(groupTimesKey(s.subject, c.occupation, c.level))
  return groupTimes.filter((g) => !sat.has(groupTimesKey(g.subject, g.occupation, g.level)))
}

/** The key `groupStarts` uses: subject, occupation and level. */
export function groupTimesKey(code: SubjectCode, occupation: string, level: string): string {
  return `${code}\u001f${occupation}\u001f${level}`
}

/** Start instants (ms) of the group times, by `groupTimesKey`; undefined when there are none (the common case). */
export function groupStarts(
  groupTimes: readonly GroupTimes[] | undefined,
  parse: (iso: string) => number = Date.parse,
): ReadonlyMap<string, number> | undefined {
  if (!groupTimes || groupTimes.length === 0) return undefined
  return new Map(groupTimes.map((g) => [groupTimesKey(g.subject, g.occupation, g.level), parse(g.start)]))
}

/** The messages of `groupTimesProblems`: fixed texts, so the desk's import panel can say each in words. */
export const GROUP_TIMES_MESSAGES = {
  unknownSubject: 'group times for a subject the session does not hold',
  listedTwice: 'group times listed twice for one subject, occupation and level',
  endNotAfterStart: 'the end is not after the start',
  doorsAfterStart: 'doors open after the start',
  otherDate: 'not on the session date',
} as const

/** A rule the group times of a package break, at `index` of `groupTimes`. */
export interface GroupTimesProblem {
  index: number
  field: keyof GroupTimes
  message: string
}

/**
 * The rules for `groupTimes`: the subject is one of the session's; one entry per subject, occupation
 * and level; doors open no later than the start, the start before the end; all on the session's date
 * (the date as written, in the venue's offset).
 */
export function groupTimesProblems(
  session: Pick<Session, 'date'>,
  subjects: readonly Pick<Subject, 'code'>[],
  groupTimes: readonly GroupTimes[],
): GroupTimesProblem[] {
  const held = new Set(subjects.map((s) => s.code))
  const seen = new Set<string>()
  const problems: GroupTimesProblem[] = []
  groupTimes.forEach((g, index) => {
    if (!held.has(g.subject)) {
      problems.push({ index, field: 'subject', message: GROUP_TIMES_MESSAGES.unknownSubject })
    }
    const key = groupTimesKey(g.subject, g.occupation, g.level)
    if (seen.has(key)) {
      problems.push({ index, field: 'level', message: GROUP_TIMES_MESSAGES.listedTwice })
    }
    seen.add(key)
    const doorsOpen = Date.parse(g.doorsOpen)
    const start = Date.parse(g.start)
    const end = Date.parse(g.end)
    if (!(start < end)) problems.push({ index, field: 'end', message: GROUP_TIMES_MESSAGES.endNotAfterStart })
    if (!(doorsOpen <= start))
      problems.push({ index, field: 'doorsOpen', message: GROUP_TIMES_MESSAGES.doorsAfterStart })
    for (const field of ['doorsOpen', 'start', 'end'] as const) {
      if (g[field].slice(0, 10) !== session.date) {
        problems.push({ index, field, message: GROUP_TIMES_MESSAGES.otherDate })
      }
    }
  })
  return problems
}
