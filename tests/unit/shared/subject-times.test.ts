import { describe, expect, it } from 'vitest'
import { Manifest } from '../../../src-shared/package-format'
import type { GroupTimes } from '../../../src-shared/schemas'
import {
  groupTimesProblems,
  hasOwnTimes,
  subjectTimesFor,
  unmatchedGroupTimes,
} from '../../../src-shared/subject-times'
import { aManifest, aStaff } from '../../fixtures/packages'
import { aCandidate, aSession, aSubject, at, bothSubjects } from './factories'

const subjects = bothSubjects()
const electrician = { occupation: '电工', level: '三级/高级工' }
/** 电工 三级 sits theory 10:00–11:30 (doors 09:30), with no cutoff of its own. */
const laterTheory: GroupTimes = {
  subject: 'theory',
  ...electrician,
  doorsOpen: at('09:30'),
  start: at('10:00'),
  end: at('11:30'),
}

describe("a candidate's own times for a subject", () => {
  it('are the session-wide times when the package gives no group times', () => {
    const c = aCandidate()
    expect(subjectTimesFor(subjects, undefined, c, 'theory')).toBe(subjects[0])
    expect(subjectTimesFor(subjects, [], c, 'skills')).toBe(subjects[1])
  })

  it("are the group's times when their occupation and level have some, with the session-wide cutoff", () => {
    const c = aCandidate(electrician)
    expect(subjectTimesFor(subjects, [laterTheory], c, 'theory')).toEqual({
      code: 'theory',
      doorsOpen: at('09:30'),
      start: at('10:00'),
      end: at('11:30'),
      lateEntryCutoffMinutes: 30,
    })
  })

  it("take the group's own cutoff when it names one", () => {
    const c = aCandidate(electrician)
    const own = subjectTimesFor(subjects, [{ ...laterTheory, lateEntryCutoffMinutes: 15 }], c, 'theory')
    expect(own?.lateEntryCutoffMinutes).toBe(15)
  })

  it('are only for that subject: the group sits the other subject at the session-wide time', () => {
    const c = aCandidate(electrician)
    expect(subjectTimesFor(subjects, [laterTheory], c, 'skills')).toBe(subjects[1])
  })

  it('need both the occupation and the level to match', () => {
    const sameOccupation = aCandidate({ occupation: '电工', level: '四级/中级工' })
    const sameLevel = aCandidate({ occupation: '焊工', level: '三级/高级工' })
    expect(subjectTimesFor(subjects, [laterTheory], sameOccupation, 'theory')).toBe(subjects[0])
    expect(subjectTimesFor(subjects, [laterTheory], sameLevel, 'theory')).toBe(subjects[0])
  })

  it('do not exist for a subject the session does not hold', () => {
    expect(subjectTimesFor([aSubject('theory')], [laterTheory], aCandidate(electrician), 'skills')).toBeUndefined()
  })

  it('are told apart from the session-wide ones for the screen', () => {
    expect(hasOwnTimes(subjects, [laterTheory], aCandidate(electrician), 'theory')).toBe(true)
    expect(hasOwnTimes(subjects, [laterTheory], aCandidate(), 'theory')).toBe(false)
    // Group times equal to the session-wide ones are not "own" times.
    const same = { ...laterTheory, doorsOpen: at('08:30'), start: at('09:00'), end: at('10:30') }
    expect(hasOwnTimes(subjects, [same], aCandidate(electrician), 'theory')).toBe(false)
  })
})

describe('group times nobody sits under', () => {
  it('are those whose occupation and level nobody sitting that subject has', () => {
    const theoryOnly = aCandidate({ ...electrician, subjects: ['theory'] })
    const skills = { ...laterTheory, subject: 'skills' as const }
    const typo = { ...laterTheory, level: '三级' }
    expect(unmatchedGroupTimes([laterTheory, skills, typo], [theoryOnly, aCandidate()])).toEqual([skills, typo])
    expect(unmatchedGroupTimes(undefined, [theoryOnly])).toEqual([])
  })
})

describe('the rules for group times', () => {
  const session = aSession()
  const problems = (g: GroupTimes[], held = subjects) =>
    groupTimesProblems(session, held, g).map((p) => `${p.index}.${p.field}`)

  it('accept group times of a held subject, on the session day, doors before the start before the end', () => {
    expect(
      problems([laterTheory, { ...laterTheory, subject: 'skills', start: at('14:00'), end: at('15:30') }]),
    ).toEqual([])
  })

  it('refuse times for a subject the session does not hold', () => {
    expect(problems([{ ...laterTheory, subject: 'skills' }], [aSubject('theory')])).toEqual(['0.subject'])
  })

  it('refuse two entries for one subject, occupation and level', () => {
    expect(problems([laterTheory, { ...laterTheory, start: at('10:15') }])).toEqual(['1.level'])
  })

  it('refuse an end that is not after the start', () => {
    expect(problems([{ ...laterTheory, end: at('10:00') }])).toEqual(['0.end'])
  })

  it('refuse doors that open after the start, and accept doors opening at the start', () => {
    expect(problems([{ ...laterTheory, doorsOpen: at('10:05') }])).toEqual(['0.doorsOpen'])
    expect(problems([{ ...laterTheory, doorsOpen: at('10:00') }])).toEqual([])
  })

  it('refuse times on another day than the session', () => {
    const nextDay = {
      ...laterTheory,
      doorsOpen: at('09:30', '2024-12-15'),
      start: at('10:00', '2024-12-15'),
      end: at('11:30', '2024-12-15'),
    }
    expect(problems([nextDay])).toEqual(['0.doorsOpen', '0.start', '0.end'])
  })

  it('are part of the manifest schema; a manifest without group times stays valid', async () => {
    const hqKey = { keyId: '0123456789abcdef', publicKey: 'A'.repeat(43) }
    const base = aManifest([aCandidate(electrician)], await aStaff(), hqKey)
    expect(Manifest.safeParse(base).success).toBe(true)
    expect(Manifest.safeParse({ ...base, groupTimes: [laterTheory] }).success).toBe(true)
    const bad = Manifest.safeParse({ ...base, groupTimes: [{ ...laterTheory, end: at('09:00') }] })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['groupTimes.0.end'])
  })
})
