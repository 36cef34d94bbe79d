import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addEvent,
  candidateAttendance,
  createEventIndex,
  deriveAttendance,
  indexEvents,
  occupationLevelKey,
  parseInstant,
  subjectIsClosed,
} from '../../../src-shared/attendance'
import type { GroupTimes, LedgerEvent } from '../../../src-shared/schemas'
import { aCandidate, aDesk, aRoster, aSubject, at } from './factories'

const stateOf = (roster: ReturnType<typeof aRoster>, events: LedgerEvent[], no: string, subject: 'theory' | 'skills') =>
  deriveAttendance(roster, events).byAdmitCardNo.get(no)?.subjects[subject]?.state

describe('registered subjects', () => {
  it('marks a retake candidate notRegistered for the subject they do not sit', () => {
    const retake = aCandidate({ subjects: ['skills'] })
    const roster = aRoster({ candidates: [retake] })
    expect(stateOf(roster, [], retake.admitCardNo, 'theory')).toBe('notRegistered')
    expect(stateOf(roster, [], retake.admitCardNo, 'skills')).toBe('expected')
  })

  it('keeps notRegistered even with a check-in, and reports that check-in as an anomaly', () => {
    const retake = aCandidate({ subjects: ['skills'] })
    const checkIn = aDesk().checkIn(retake, 'theory', '08:40')
    const a = deriveAttendance(aRoster({ candidates: [retake] }), [checkIn])
    expect(a.byAdmitCardNo.get(retake.admitCardNo)?.subjects.theory?.state).toBe('notRegistered')
    expect(a.anomalies).toEqual([
      expect.objectContaining({ code: 'notRegisteredForSubject', eventId: checkIn.eventId, subject: 'theory' }),
    ])
  })
})

describe('check-in', () => {
  it('marks a candidate present with the time, desk and proctor of the check-in', () => {
    const c = aCandidate()
    const checkIn = aDesk('desk-b-0002', 'proctor-7').checkIn(c, 'theory', '08:45')
    const theory = deriveAttendance(aRoster({ candidates: [c] }), [checkIn]).byAdmitCardNo.get(c.admitCardNo)?.subjects
      .theory
    expect(theory).toMatchObject({
      state: 'present',
      sitting: { subject: 'theory', roomId: 'R101' },
      checkIn: {
        eventId: checkIn.eventId,
        deviceId: 'desk-b-0002',
        staffId: 'proctor-7',
        at: at('08:45'),
        late: false,
      },
    })
  })

  it('marks a candidate late when checked in after the subject start', () => {
    const c = aCandidate()
    expect(
      stateOf(aRoster({ candidates: [c] }), [aDesk().checkIn(c, 'theory', '09:10')], c.admitCardNo, 'theory'),
    ).toBe('late')
  })

  it('marks a candidate present when checked in at the start instant exactly', () => {
    const c = aCandidate()
    expect(
      stateOf(aRoster({ candidates: [c] }), [aDesk().checkIn(c, 'theory', '09:00')], c.admitCardNo, 'theory'),
    ).toBe('present')
  })

  it('compares instants, not the written clock time of another offset', () => {
    const c = aCandidate()
    // 01:05 UTC is 09:05 in Beijing: after the 09:00+08:00 start.
    const checkIn = aDesk().checkIn(c, 'theory', '2024-12-14T01:05:00Z')
    expect(stateOf(aRoster({ candidates: [c] }), [checkIn], c.admitCardNo, 'theory')).toBe('late')
  })

  it('counts a check-in for one subject only', () => {
    const c = aCandidate()
    expect(
      stateOf(aRoster({ candidates: [c] }), [aDesk().checkIn(c, 'theory', '08:45')], c.admitCardNo, 'skills'),
    ).toBe('expected')
  })
})

describe("late and absent by the candidate's own start", () => {
  // 电工 三级 sits theory from 10:00; everyone else from 09:00.
  const electrician = { occupation: '电工', level: '三级/高级工' }
  const groupTimes: GroupTimes[] = [
    { subject: 'theory', ...electrician, doorsOpen: at('09:30'), start: at('10:00'), end: at('11:30') },
  ]

  it('is present at 09:45 in a group starting at 10:00, late at 09:45 in a group starting at 09:00', () => {
    const later = aCandidate(electrician)
    const usual = aCandidate()
    const desk = aDesk()
    const roster = { ...aRoster({ candidates: [later, usual] }), groupTimes }
    const events = [desk.checkIn(later, 'theory', '09:45'), desk.checkIn(usual, 'theory', '09:45')]
    expect(stateOf(roster, events, later.admitCardNo, 'theory')).toBe('present')
    expect(stateOf(roster, events, usual.admitCardNo, 'theory')).toBe('late')
    expect(deriveAttendance(roster, events).byAdmitCardNo.get(later.admitCardNo)?.subjects.theory?.checkIn?.late).toBe(
      false,
    )
  })

  it('is late after the group start, and the group sits the other subject on the session clock', () => {
    const later = aCandidate(electrician)
    const desk = aDesk()
    const roster = { ...aRoster({ candidates: [later] }), groupTimes }
    const events = [desk.checkIn(later, 'theory', '10:05'), desk.checkIn(later, 'skills', '13:35')]
    expect(stateOf(roster, events, later.admitCardNo, 'theory')).toBe('late')
    expect(stateOf(roster, events, later.admitCardNo, 'skills')).toBe('late')
  })

  it('is absent when the subject closes without a check-in, whatever the group', () => {
    const later = aCandidate(electrician)
    const roster = { ...aRoster({ candidates: [later, aCandidate()] }), groupTimes }
    const a = deriveAttendance(roster, [aDesk().close('theory', '11:40')])
    expect(a.candidates.map((c) => c.subjects.theory?.state)).toEqual(['absent', 'absent'])
  })

  it('gives the same attendance as before when the package has no group times', () => {
    const c = aCandidate(electrician)
    const events = [aDesk().checkIn(c, 'theory', '09:45')]
    const without = deriveAttendance(aRoster({ candidates: [c] }), events)
    expect(deriveAttendance({ ...aRoster({ candidates: [c] }), groupTimes: [] }, events)).toEqual(without)
    expect(without.byAdmitCardNo.get(c.admitCardNo)?.subjects.theory?.state).toBe('late')
  })
})

describe('device times', () => {
  it('reads every ISO instant with an offset as Date.parse does', () => {
    const offsets = fc.constantFrom('Z', '+08:00', '-05:30', '+00:00', '+14:00')
    const instant = fc.date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2099-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    fc.assert(
      fc.property(instant, offsets, fc.boolean(), (d, offset, withMs) => {
        const minutes =
          offset === 'Z'
            ? 0
            : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4)))
        const local = new Date(d.getTime() + minutes * 60_000).toISOString().slice(0, withMs ? 23 : 19)
        const iso = `${local}${offset}`
        expect(parseInstant(iso)).toBe(Date.parse(iso))
      }),
    )
  })
})

describe('two check-ins of one candidate for one subject', () => {
  it('counts the earliest and reports both as a conflict, across desks', () => {
    const c = aCandidate()
    const later = aDesk('desk-a-0001').checkIn(c, 'theory', '08:50')
    const earlier = aDesk('desk-b-0002').checkIn(c, 'theory', '08:40')
    const a = deriveAttendance(aRoster({ candidates: [c] }), [later, earlier])
    expect(a.byAdmitCardNo.get(c.admitCardNo)?.subjects.theory?.checkIn?.eventId).toBe(earlier.eventId)
    expect(a.conflicts).toEqual([
      expect.objectContaining({
        code: 'duplicateCheckIn',
        admitCardNo: c.admitCardNo,
        subject: 'theory',
        counted: expect.objectContaining({ eventId: earlier.eventId }),
        others: [expect.objectContaining({ eventId: later.eventId })],
      }),
    ])
  })

  it('reports a conflict on the same desk too', () => {
    const c = aCandidate()
    const desk = aDesk()
    const a = deriveAttendance(aRoster({ candidates: [c] }), [
      desk.checkIn(c, 'theory', '08:40'),
      desk.checkIn(c, 'theory', '08:41'),
    ])
    expect(a.conflicts).toHaveLength(1)
  })

  it('reports no conflict when one of the two was voided', () => {
    const c = aCandidate()
    const desk = aDesk()
    const first = desk.checkIn(c, 'theory', '08:40')
    const a = deriveAttendance(aRoster({ candidates: [c] }), [
      first,
      desk.void(first, '08:41'),
      desk.checkIn(c, 'theory', '08:42'),
    ])
    expect(a.conflicts).toEqual([])
  })
})

describe('voiding a check-in', () => {
  it('puts the candidate back to expected, and keeps the voided check-in with who and why', () => {
    const c = aCandidate()
    const desk = aDesk()
    const checkIn = desk.checkIn(c, 'theory', '08:40')
    const voidEvent = desk.void(checkIn, '08:42', '扫错考生')
    const theory = deriveAttendance(aRoster({ candidates: [c] }), [checkIn, voidEvent]).byAdmitCardNo.get(c.admitCardNo)
      ?.subjects.theory
    expect(theory?.state).toBe('expected')
    expect(theory?.voidedCheckIns).toEqual([
      {
        checkIn: expect.objectContaining({ eventId: checkIn.eventId }),
        void: expect.objectContaining({ eventId: voidEvent.eventId, reason: '扫错考生' }),
      },
    ])
  })

  it('makes the candidate absent when the subject is closed', () => {
    const c = aCandidate()
    const desk = aDesk()
    const checkIn = desk.checkIn(c, 'theory', '08:40')
    const events = [checkIn, desk.void(checkIn, '08:42'), desk.close('theory', '09:31')]
    expect(stateOf(aRoster({ candidates: [c] }), events, c.admitCardNo, 'theory')).toBe('absent')
  })

  it('voids only the check-in it names', () => {
    const c = aCandidate()
    const a = aDesk('desk-a-0001').checkIn(c, 'theory', '08:40')
    const b = aDesk('desk-b-0002').checkIn(c, 'theory', '08:45')
    const v = aDesk('desk-c-0003').void(a, '08:50')
    const theory = deriveAttendance(aRoster({ candidates: [c] }), [a, b, v]).byAdmitCardNo.get(c.admitCardNo)?.subjects
      .theory
    expect(theory?.checkIn?.eventId).toBe(b.eventId)
  })

  it('applies a void that arrives before the check-in it names (from another desk)', () => {
    const c = aCandidate()
    const checkIn = aDesk('desk-a-0001').checkIn(c, 'theory', '08:40')
    const v = aDesk('desk-b-0002').void(checkIn, '08:42')
    expect(stateOf(aRoster({ candidates: [c] }), [v, checkIn], c.admitCardNo, 'theory')).toBe('expected')
  })
})

describe('voiding anything else', () => {
  it('voids an override: it no longer applies', () => {
    const c = aCandidate()
    const desk = aDesk()
    const override = desk.override(c, 'theory', ['lateEntryClosed'], '09:35')
    const theory = deriveAttendance(aRoster({ candidates: [c] }), [
      override,
      desk.void(override, '09:36'),
    ]).byAdmitCardNo.get(c.admitCardNo)?.subjects.theory
    expect(theory?.overrides).toEqual([])
  })

  it('ignores a void of a void and reports it', () => {
    const c = aCandidate()
    const desk = aDesk()
    const checkIn = desk.checkIn(c, 'theory', '08:40')
    const v1 = desk.void(checkIn, '08:41')
    const v2 = desk.void(v1, '08:42')
    const a = deriveAttendance(aRoster({ candidates: [c] }), [checkIn, v1, v2])
    expect(a.byAdmitCardNo.get(c.admitCardNo)?.subjects.theory?.state).toBe('expected')
    expect(a.anomalies).toEqual([
      expect.objectContaining({ code: 'voidOfVoid', eventId: v2.eventId, targetEventId: v1.eventId }),
    ])
  })

  it('ignores a void of a refusal and reports it as not allowed', () => {
    const c = aCandidate()
    const desk = aDesk()
    const refusal = desk.refusal(c, 'theory', ['lateEntryClosed'], '09:40')
    const v = desk.void(refusal, '09:41')
    const a = deriveAttendance(aRoster({ candidates: [c] }), [refusal, v])
    expect(a.byAdmitCardNo.get(c.admitCardNo)?.subjects.theory?.state).toBe('refused')
    expect(a.anomalies).toEqual([expect.objectContaining({ code: 'voidNotAllowed', eventId: v.eventId })])
  })

  it('reports a void of an event no desk recorded', () => {
    const v = aDesk().void('ev-nowhere-42', '08:41')
    expect(deriveAttendance(aRoster(), [v]).anomalies).toEqual([
      expect.objectContaining({ code: 'voidOfUnknownEvent', targetEventId: 'ev-nowhere-42' }),
    ])
  })
})

describe('refusal', () => {
  it('marks a refused candidate refused', () => {
    const c = aCandidate()
    expect(
      stateOf(
        aRoster({ candidates: [c] }),
        [aDesk().refusal(c, 'theory', ['lateEntryClosed'], '09:40')],
        c.admitCardNo,
        'theory',
      ),
    ).toBe('refused')
  })

  it('marks a candidate present who was checked in after a refusal', () => {
    const c = aCandidate()
    const desk = aDesk()
    const events = [desk.refusal(c, 'theory', ['nameMismatch'], '08:40'), desk.checkIn(c, 'theory', '08:50')]
    expect(stateOf(aRoster({ candidates: [c] }), events, c.admitCardNo, 'theory')).toBe('present')
  })

  it('keeps a candidate present who was checked in before a refusal (a second scan refused as already checked in)', () => {
    const c = aCandidate()
    const desk = aDesk()
    const events = [desk.checkIn(c, 'theory', '08:40'), desk.refusal(c, 'theory', ['alreadyCheckedIn'], '08:50')]
    expect(stateOf(aRoster({ candidates: [c] }), events, c.admitCardNo, 'theory')).toBe('present')
  })

  it('keeps refused (not absent) after the subject closes: it says why', () => {
    const c = aCandidate()
    const desk = aDesk()
    const events = [desk.refusal(c, 'theory', ['lateEntryClosed'], '09:40'), desk.close('theory', '09:45')]
    expect(stateOf(aRoster({ candidates: [c] }), events, c.admitCardNo, 'theory')).toBe('refused')
  })
})

describe('closing a subject', () => {
  it('makes everyone not checked in absent, and leaves the other subject alone', () => {
    const c = aCandidate()
    const roster = aRoster({ candidates: [c] })
    const events = [aDesk().close('theory', '09:31')]
    expect(stateOf(roster, events, c.admitCardNo, 'theory')).toBe('absent')
    expect(stateOf(roster, events, c.admitCardNo, 'skills')).toBe('expected')
    expect(deriveAttendance(roster, events).closedSubjects).toEqual(['theory'])
  })

  it('goes back to expected after the subject is reopened', () => {
    const desk = aDesk()
    expect(subjectIsClosed([desk.close('theory', '09:31'), desk.reopen('theory', '09:33')], 'theory')).toBe(false)
  })

  it('takes the newest close or reopen across desks, whatever order they arrive in', () => {
    const reopen = aDesk('desk-a-0001').reopen('theory', '09:33')
    const close = aDesk('desk-b-0002').close('theory', '09:40')
    expect(subjectIsClosed([close, reopen], 'theory')).toBe(true)
    expect(subjectIsClosed([reopen, close], 'theory')).toBe(true)
  })
})

describe('check-ins for someone not on the roster', () => {
  it('reports an unknownCandidate anomaly', () => {
    const checkIn = aDesk().checkIn('2099000001', 'theory', '08:40')
    expect(deriveAttendance(aRoster(), [checkIn]).anomalies).toEqual([
      expect.objectContaining({ code: 'unknownCandidate', eventId: checkIn.eventId, admitCardNo: '2099000001' }),
    ])
  })
})

describe('totals', () => {
  it('counts each state per subject, per room and per occupation and level', () => {
    const inA = [aCandidate({ room: 'A' }), aCandidate({ room: 'A' }), aCandidate({ room: 'A', subjects: ['skills'] })]
    const inB = aCandidate({ room: 'B', occupation: '人工智能训练师', level: '五级/初级' })
    const desk = aDesk()
    const events = [
      desk.checkIn(inA[0]!, 'theory', '08:40'),
      desk.checkIn(inA[1]!, 'theory', '09:05'),
      desk.close('theory', '09:31'),
    ]
    const { totals } = deriveAttendance(aRoster({ candidates: [...inA, inB] }), events)
    expect(totals.bySubject.theory).toEqual({
      expected: 0,
      present: 1,
      late: 1,
      absent: 1,
      refused: 0,
      notRegistered: 1,
    })
    expect(totals.byRoom.A?.theory).toEqual({
      expected: 0,
      present: 1,
      late: 1,
      absent: 0,
      refused: 0,
      notRegistered: 0,
    })
    expect(totals.byRoom.A?.skills?.expected).toBe(3)
    expect(totals.byOccupationLevel[occupationLevelKey(inB)]).toMatchObject({
      occupation: '人工智能训练师',
      level: '五级/初级',
      bySubject: { theory: { absent: 1 }, skills: { expected: 1 } },
    })
  })
})

describe('the event index (desk fast path)', () => {
  it('groups events by admit card number, voids with the check-in they void', () => {
    const c = aCandidate()
    const desk = aDesk()
    const checkIn = desk.checkIn(c, 'theory', '08:40')
    const v = desk.void(checkIn, '08:41')
    expect(indexEvents([v, checkIn, desk.close('theory', '09:31')]).byAdmitCardNo.get(c.admitCardNo)).toEqual([
      checkIn,
      v,
    ])
  })

  it('tells which candidate an added event concerns, so the desk recomputes only that one', () => {
    const c = aCandidate()
    const desk = aDesk()
    const index = createEventIndex()
    const checkIn = desk.checkIn(c, 'theory', '08:40')
    expect(addEvent(index, checkIn)).toEqual([c.admitCardNo])
    expect(addEvent(index, checkIn)).toEqual([]) // the same event again: a re-sync
    expect(addEvent(index, desk.void(checkIn, '08:41'))).toEqual([c.admitCardNo])
  })

  it('computes one candidate and subject from that candidate events alone', () => {
    const c = aCandidate()
    const desk = aDesk()
    const mine = indexEvents([desk.checkIn(c, 'skills', '13:40')]).byAdmitCardNo.get(c.admitCardNo) ?? []
    expect(candidateAttendance(c, aSubject('skills'), mine, false).state).toBe('late')
  })
})

describe('merging desks in any order', () => {
  const candidates = [aCandidate(), aCandidate(), aCandidate({ subjects: ['theory'] })]
  const roster = aRoster({ candidates })
  const deviceIds = ['desk-a-0001', 'desk-b-0002', 'desk-c-0003']
  const times = ['08:20', '08:40', '08:59', '09:00', '09:10', '09:31', '13:20', '13:45', '14:10']

  // Each desk writes a plausible sequence; voids name earlier events of any desk (or nothing known).
  const action = fc.record({
    desk: fc.nat(deviceIds.length - 1),
    kind: fc.constantFrom('checkIn', 'refusal', 'override', 'void', 'close', 'reopen'),
    who: fc.nat(candidates.length),
    subject: fc.constantFrom('theory' as const, 'skills' as const),
    time: fc.constantFrom(...times),
    target: fc.nat(),
  })

  function play(actions: readonly (typeof action extends fc.Arbitrary<infer A> ? A : never)[]): LedgerEvent[] {
    const desks = deviceIds.map((id) => aDesk(id))
    const events: LedgerEvent[] = []
    for (const a of actions) {
      const desk = desks[a.desk]!
      const who = candidates[a.who]?.admitCardNo ?? '2099000001'
      const target = events.length > 0 ? events[a.target % events.length]! : 'ev-nowhere-1'
      const e =
        a.kind === 'checkIn'
          ? desk.checkIn(who, a.subject, a.time)
          : a.kind === 'refusal'
            ? desk.refusal(who, a.subject, ['lateEntryClosed'], a.time)
            : a.kind === 'override'
              ? desk.override(who, a.subject, ['lateEntryClosed'], a.time)
              : a.kind === 'void'
                ? desk.void(target, a.time)
                : a.kind === 'close'
                  ? desk.close(a.subject, a.time)
                  : desk.reopen(a.subject, a.time)
      events.push(e)
    }
    return events
  }

  it('gives the same attendance, conflicts and anomalies whatever order the events arrive in', () => {
    fc.assert(
      fc.property(
        fc.array(action, { maxLength: 40 }).chain((actions) => {
          const events = play(actions)
          return fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length }))
        }),
        ([events, shuffled]) => {
          expect(deriveAttendance(roster, shuffled)).toEqual(deriveAttendance(roster, events))
        },
      ),
      { numRuns: 300 },
    )
  })
})
