import { describe, expect, it } from 'vitest'
import { addEvent, createEventIndex, deriveAttendance } from '../../../src-shared/attendance'
import { createAttendanceKeeper, deriveAttendanceKept } from '../../../src-shared/attendance'
import type { LedgerEvent } from '../../../src-shared/schemas'
import { aCandidate, aDesk, aRoster, at } from './factories'

/** A small session with one of everything attendance has to handle, its events in desk order. */
function aMessyDay() {
  const candidates = Array.from({ length: 24 }, (_, i) =>
    aCandidate({
      room: i % 2 ? 'R102' : 'R101',
      subjects: i % 6 === 5 ? ['skills'] : ['theory', 'skills'],
      group: i % 4 === 0 ? '某某职业学院' : undefined,
    }),
  )
  const roster = aRoster({ candidates })
  const a = aDesk('desk-a-0001')
  const b = aDesk('desk-b-0002', 'proctor-2')
  const c = (i: number) => candidates[i]!
  const wrong = a.checkIn(c(3), 'theory', '08:40')
  const overridden = a.override(c(4), 'theory', ['lateEntryClosed'], '09:31')
  const fromB = b.checkIn(c(7), 'theory', '08:50')
  const undo = a.void(wrong, '08:41', '认错人')
  const refused = a.refusal(c(6), 'theory', ['nameMismatch'], '08:45')
  const events: LedgerEvent[] = [
    a.checkIn(c(0), 'theory', '08:30'),
    a.checkIn(c(1), 'theory', '09:10'), // late
    wrong,
    undo,
    b.void(undo, '08:44'), // a void of a void: ignored
    a.checkIn(c(3), 'theory', '08:42'),
    overridden,
    a.checkIn(c(4), 'theory', '09:32', { verdict: 'attention', reasons: ['late', 'overridden'] }),
    a.void(overridden, '09:33'), // the override taken back (the check-in stays)
    refused,
    b.void(refused, '08:46'), // a void of a refusal: not allowed
    fromB,
    a.checkIn(c(7), 'theory', '08:51'), // a second desk's check-in too: a conflict
    b.void('ev-nowhere-1', '08:53'), // a void of an event no desk has
    a.checkIn('99999999999', 'theory', '08:55'), // not on the roster
    a.checkIn(c(5), 'theory', '08:56'), // does not sit theory
    a.event('note', { text: '考场秩序正常' }, '09:00'),
    a.close('theory', '10:00'),
    a.checkIn(c(8), 'skills', '13:00'),
    a.reopen('theory', '10:05'),
    a.checkIn(c(9), 'theory', '10:06'),
    a.close('theory', '10:10'),
    b.checkIn(c(10), 'skills', '13:05'),
    b.refusal(c(11), 'skills', ['documentExpired'], '13:06'),
  ]
  // The same eventId with another hash and time (a clash): the smaller hash is kept, the other displaced.
  // In desk order the smaller comes second, so the index replaces the event inside the candidate's list.
  const clash = { ...a.checkIn(c(12), 'skills', '13:07'), hash: '8'.repeat(64) }
  events.push(clash, { ...clash, hash: '0'.repeat(64), deviceTime: at('13:40') })
  return { roster, events }
}

/** A fixed shuffle, so a void can arrive before the event it voids, as from another desk. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list]
  let s = seed
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31
    const j = s % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

describe('attendance kept between recomputes', () => {
  it('equals deriveAttendance after every event, in desk order and in shuffled orders', () => {
    const { roster, events } = aMessyDay()
    const all = deriveAttendance(roster, events)
    expect(new Set(all.anomalies.map((a) => a.code))).toEqual(
      new Set([
        'voidOfUnknownEvent',
        'voidOfVoid',
        'voidNotAllowed',
        'unknownCandidate',
        'notRegisteredForSubject',
        'duplicateEventId',
      ]),
    )
    expect(all.conflicts).toHaveLength(1)
    expect(all.closedSubjects).toEqual(['theory'])
    for (const order of [events, shuffled(events, 1), shuffled(events, 7), shuffled(events, 2024)]) {
      const index = createEventIndex()
      const keeper = createAttendanceKeeper()
      expect(deriveAttendanceKept(keeper, roster, index)).toEqual(deriveAttendance(roster, index))
      for (const e of order) {
        addEvent(index, e)
        expect(deriveAttendanceKept(keeper, roster, index)).toEqual(deriveAttendance(roster, index))
      }
    }
  })

  it('reuses the attendance of candidates whose events did not change, and only theirs', () => {
    const { roster, events } = aMessyDay()
    const index = createEventIndex()
    for (const e of events) addEvent(index, e)
    const keeper = createAttendanceKeeper()
    const first = deriveAttendanceKept(keeper, roster, index)
    const someone = roster.candidates[13]!
    addEvent(index, aDesk('desk-c-0003').checkIn(someone, 'skills', '13:10'))
    const second = deriveAttendanceKept(keeper, roster, index)
    expect(second).toEqual(deriveAttendance(roster, index))
    for (const [i, entry] of second.candidates.entries()) {
      if (entry.candidate === someone) expect(entry).not.toBe(first.candidates[i])
      else expect(entry).toBe(first.candidates[i])
    }
  })

  it('follows a new roster and a subject closed or reopened', () => {
    const { roster, events } = aMessyDay()
    const index = createEventIndex()
    for (const e of events) addEvent(index, e)
    const keeper = createAttendanceKeeper()
    deriveAttendanceKept(keeper, roster, index)
    const edited = {
      subjects: roster.subjects,
      candidates: roster.candidates.slice(2).map((c, i) => (i === 0 ? { ...c, name: '改名' } : c)),
    }
    expect(deriveAttendanceKept(keeper, edited, index)).toEqual(deriveAttendance(edited, index))
    addEvent(index, aDesk('desk-c-0003').close('skills', '15:40'))
    expect(deriveAttendanceKept(keeper, edited, index)).toEqual(deriveAttendance(edited, index))
    expect(deriveAttendanceKept(keeper, roster, index)).toEqual(deriveAttendance(roster, index))
  })

  it("follows a group's own start: added, moved, and gone", () => {
    const { roster, events } = aMessyDay()
    const index = createEventIndex()
    for (const e of events) addEvent(index, e)
    const keeper = createAttendanceKeeper()
    const before = deriveAttendanceKept(keeper, roster, index)
    // Everyone in the messy day is 区块链应用操作员 四级/中级: give them theory at 09:30.
    const { occupation, level } = roster.candidates[0]!
    const group = { subject: 'theory' as const, occupation, level, doorsOpen: at('09:00'), end: at('11:00') }
    const later = { ...roster, groupTimes: [{ ...group, start: at('09:30') }] }
    const kept = deriveAttendanceKept(keeper, later, index)
    expect(kept).toEqual(deriveAttendance(later, index))
    expect(kept.byAdmitCardNo.get(roster.candidates[1]!.admitCardNo)?.subjects.theory?.state).toBe('present')
    expect(before.byAdmitCardNo.get(roster.candidates[1]!.admitCardNo)?.subjects.theory?.state).toBe('late')
    const earlier = { ...roster, groupTimes: [{ ...group, start: at('09:05') }] }
    expect(deriveAttendanceKept(keeper, earlier, index)).toEqual(deriveAttendance(earlier, index))
    expect(deriveAttendanceKept(keeper, roster, index)).toEqual(before)
  })
})
