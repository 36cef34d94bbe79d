import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deriveAttendance, occupationLevelKey } from '../../../src-shared/attendance'
import {
  arrivals,
  BOARD_STATES,
  boardFilterOptions,
  boardNumbers,
  boardRows,
  closePreview,
} from '../../../src-shared/board'
import type { LedgerEvent } from '../../../src-shared/schemas'
import { buildSearchIndex } from '../../../src-shared/search'
import { aCandidate, aDesk, aRoster, aSubject, at } from './factories'

/** Six candidates in two rooms: one present, one late, one refused, one retake (skills only), two expected. */
function aMorning() {
  const present = aCandidate({ room: 'R101', group: '某某职业学院' })
  const late = aCandidate({ room: 'R101' })
  const refused = aCandidate({ room: 'R102', occupation: '信息安全测试员' })
  const retake = aCandidate({ room: 'R102', subjects: ['skills'] })
  const waiting = aCandidate({ room: 'R102', name: '欧阳明' })
  const waiting2 = aCandidate({ room: 'R101', group: '某某职业学院' })
  const desk = aDesk()
  const events: LedgerEvent[] = [
    desk.checkIn(present, 'theory', '08:41'),
    desk.checkIn(late, 'theory', '09:12', { verdict: 'attention', reasons: ['late'] }),
    desk.refusal(refused, 'theory', ['nameMismatch'], '08:50'),
  ]
  const roster = aRoster({ candidates: [present, late, refused, retake, waiting, waiting2] })
  return { roster, events, desk, present, late, refused, retake, waiting, waiting2 }
}

describe('board numbers', () => {
  it('counts expected, present, late, absent and refused per subject, leaving out who does not sit it', () => {
    const m = aMorning()
    const n = boardNumbers(deriveAttendance(m.roster, m.events), 'theory', ['R101', 'R102'])
    expect(n.total).toEqual({ expected: 2, present: 1, late: 1, absent: 0, refused: 1, total: 5 })
  })

  it('counts per room in the session order of rooms, empty rooms included', () => {
    const m = aMorning()
    const n = boardNumbers(deriveAttendance(m.roster, m.events), 'theory', ['R102', 'R101', 'R103'])
    expect(n.rooms.map((r) => [r.roomId, r.counts.total, r.counts.refused])).toEqual([
      ['R102', 2, 1],
      ['R101', 3, 0],
      ['R103', 0, 0],
    ])
  })

  it('equals the totals of deriveAttendance for any run of check-ins, voids and refusals', () => {
    const cands = Array.from({ length: 8 }, (_, i) => aCandidate({ room: i % 2 ? 'R101' : 'R102' }))
    const roster = aRoster({ candidates: cands })
    const step = fc.record({
      who: fc.integer({ min: 0, max: 7 }),
      what: fc.constantFrom('checkIn', 'void', 'refusal'),
      minute: fc.integer({ min: 30, max: 100 }),
    })
    fc.assert(
      fc.property(fc.array(step, { maxLength: 20 }), fc.boolean(), (steps, closed) => {
        const desk = aDesk()
        const events: LedgerEvent[] = []
        for (const s of steps) {
          const time = `0${8 + Math.floor(s.minute / 60)}:${String(s.minute % 60).padStart(2, '0')}`
          const last = [...events].reverse().find((e) => e.type === 'checkIn')
          if (s.what === 'checkIn') events.push(desk.checkIn(cands[s.who]!, 'theory', time))
          else if (s.what === 'refusal') events.push(desk.refusal(cands[s.who]!, 'theory', ['lateEntryClosed'], time))
          else if (last) events.push(desk.void(last, time))
        }
        if (closed) events.push(desk.close('theory', '11:00'))
        const att = deriveAttendance(roster, events)
        const n = boardNumbers(att, 'theory', ['R101', 'R102'])
        const derived = att.totals.bySubject.theory!
        for (const s of BOARD_STATES) expect(n.total[s]).toBe(derived[s])
        for (const r of n.rooms)
          for (const s of BOARD_STATES) expect(r.counts[s]).toBe(att.totals.byRoom[r.roomId]?.theory?.[s] ?? 0)
      }),
      { numRuns: 100 },
    )
  })
})

describe('board filters', () => {
  it('narrows the list to one room, one occupation and level, one group or one state', () => {
    const m = aMorning()
    const att = deriveAttendance(m.roster, m.events)
    const names = (f: Parameters<typeof boardRows>[2]) => boardRows(att, 'theory', f).map((r) => r.candidate)
    expect(names({ roomId: 'R102' })).toEqual([m.refused, m.waiting])
    expect(names({ occupationKey: occupationLevelKey(m.refused) })).toEqual([m.refused])
    expect(names({ group: '某某职业学院' })).toEqual([m.present, m.waiting2])
    expect(names({ state: 'late' })).toEqual([m.late])
  })

  it('finds candidates by part of the name or of the admit card number', () => {
    const m = aMorning()
    const att = deriveAttendance(m.roster, m.events)
    expect(boardRows(att, 'theory', { query: '欧阳' }).map((r) => r.candidate)).toEqual([m.waiting])
    expect(boardRows(att, 'theory', { query: m.late.admitCardNo.slice(-4) }).map((r) => r.candidate)).toEqual([m.late])
  })

  it('finds candidates by pinyin and initials, as the desk does (one search for both)', () => {
    const m = aMorning()
    const att = deriveAttendance(m.roster, m.events)
    const found = (query: string) => boardRows(att, 'theory', { query }).map((r) => r.candidate)
    expect(found('ouyangming')).toEqual([m.waiting])
    expect(found('OUYANG')).toEqual([m.waiting])
    expect(found('oym')).toEqual([m.waiting])
    const index = buildSearchIndex(m.roster.candidates)
    expect(boardRows(att, 'theory', { query: 'oym' }, index).map((r) => r.candidate)).toEqual([m.waiting])
    expect(boardNumbers(att, 'theory', [], { query: 'oym' }, index).total.total).toBe(1)
  })

  it('keeps the numbers of every state while the list is filtered by one state', () => {
    const m = aMorning()
    const att = deriveAttendance(m.roster, m.events)
    expect(boardNumbers(att, 'theory', [], { state: 'late' }).total.total).toBe(5)
  })

  it('offers the rooms, occupations and groups of those sitting the subject', () => {
    const m = aMorning()
    const o = boardFilterOptions(deriveAttendance(m.roster, m.events), 'theory')
    expect(o.rooms).toEqual(['R101', 'R102'])
    expect(o.occupations.map((x) => x.occupation)).toEqual(['信息安全测试员', '区块链应用操作员'])
    expect(o.groups).toEqual(['某某职业学院'])
  })
})

describe('arrivals over time', () => {
  it('puts counted check-ins in 5-minute buckets aligned on the subject start, late ones apart', () => {
    const m = aMorning()
    const rows = boardRows(deriveAttendance(m.roster, m.events), 'theory')
    const a = arrivals(rows, aSubject('theory'))
    expect(a.start).toBe(Date.parse(at('09:00')))
    expect(a.cutoff).toBe(Date.parse(at('09:30')))
    const bucketAt = (hhmm: string) => a.buckets.find((b) => b.from === Date.parse(at(hhmm)))
    expect(bucketAt('08:40')).toMatchObject({ onTime: 1, late: 0 })
    expect(bucketAt('09:10')).toMatchObject({ onTime: 0, late: 1 })
    expect(a.buckets.reduce((s, b) => s + b.onTime + b.late, 0)).toBe(2)
  })

  it('spans doors-open to the cutoff when nobody has arrived', () => {
    const a = arrivals([], aSubject('theory'))
    expect(a.buckets[0]!.from).toBe(Date.parse(at('08:30')))
    expect(a.buckets.at(-1)!.from).toBe(Date.parse(at('09:30')))
    expect(a.buckets).toHaveLength(13)
  })

  it('widens the span for an overridden check-in after the cutoff', () => {
    const c = aCandidate()
    const att = deriveAttendance(aRoster({ candidates: [c] }), [aDesk().checkIn(c, 'theory', '09:47')])
    const a = arrivals(boardRows(att, 'theory'), aSubject('theory'))
    expect(a.buckets.at(-1)).toMatchObject({ from: Date.parse(at('09:45')), late: 1 })
  })

  it('does not count a voided check-in', () => {
    const c = aCandidate()
    const desk = aDesk()
    const checkIn = desk.checkIn(c, 'theory', '08:45')
    const att = deriveAttendance(aRoster({ candidates: [c] }), [checkIn, desk.void(checkIn, '08:46')])
    expect(arrivals(boardRows(att, 'theory'), aSubject('theory')).buckets.every((b) => b.onTime === 0)).toBe(true)
  })
})

describe('closing a subject', () => {
  it('lists exactly the candidates still expected, by room and seat', () => {
    const m = aMorning()
    const preview = closePreview(deriveAttendance(m.roster, m.events), 'theory').map((r) => r.candidate)
    expect(preview).toEqual([m.waiting2, m.waiting])
  })

  it('marks exactly the previewed candidates absent after the close, and nobody else changes', () => {
    const m = aMorning()
    const before = deriveAttendance(m.roster, m.events)
    const preview = new Set(closePreview(before, 'theory').map((r) => r.candidate.admitCardNo))
    const after = deriveAttendance(m.roster, [...m.events, m.desk.close('theory', '10:30')])
    for (const { candidate, subjects } of after.candidates) {
      const was = before.byAdmitCardNo.get(candidate.admitCardNo)!.subjects.theory!.state
      expect(subjects.theory!.state).toBe(preview.has(candidate.admitCardNo) ? 'absent' : was)
    }
    expect(closePreview(after, 'theory')).toEqual([])
  })

  it('leaves the other subject open', () => {
    const m = aMorning()
    const after = deriveAttendance(m.roster, [...m.events, m.desk.close('theory', '10:30')])
    expect(boardNumbers(after, 'skills').total.absent).toBe(0)
  })

  it('brings the candidates back to expected after a reasoned reopen', () => {
    const m = aMorning()
    const after = deriveAttendance(m.roster, [
      ...m.events,
      m.desk.close('theory', '10:30'),
      m.desk.reopen('theory', '10:35'),
    ])
    expect(boardNumbers(after, 'theory').total).toMatchObject({ absent: 0, expected: 2 })
  })
})
