import { describe, expect, it } from 'vitest'
import { deriveAttendance } from '../../../src-shared/attendance'
import { boardExceptions } from '../../../src-shared/board-exceptions'
import { boardNumbers } from '../../../src-shared/board'
import { indexEvents } from '../../../src-shared/attendance'
import {
  absenteeList,
  attendanceSheets,
  EXPORT_INFO,
  exportFileName,
  exportInfo,
  localStamp,
  sessionSummary,
  wallTime,
} from '../../../src-shared/reports'
import { attendanceExportRows } from '../../../src-shared/reports-export'
import type { LedgerEvent, Room } from '../../../src-shared/schemas'
import { ledgerViewFromIndex } from '../../../src-shared/verdict'
import { aCandidate, aDesk, aRoster, bothSubjects } from './factories'

const ROOMS: Room[] = [
  { id: 'R101', name: '第一考场', seats: 30 },
  { id: 'R102', name: '第二考场', seats: 30 },
]

function aDay() {
  const a = aCandidate({ room: 'R101', sittings: [{ subject: 'theory', roomId: 'R101', seat: 2 }] })
  const b = aCandidate({ room: 'R101', sittings: [{ subject: 'theory', roomId: 'R101', seat: 1 }] })
  const c = aCandidate({ room: 'R102', subjects: ['theory'] })
  const retake = aCandidate({ room: 'R102', subjects: ['skills'] })
  const desk = aDesk()
  const wrong = desk.checkIn(c, 'theory', '08:50')
  const events: LedgerEvent[] = [
    desk.checkIn(a, 'theory', '08:44'),
    wrong,
    desk.void(wrong, '08:52', '认错人'),
    desk.override(b, 'theory', ['nameMismatch'], '09:05'),
    desk.checkIn(b, 'theory', '09:06', { verdict: 'attention', reasons: ['late', 'overridden', 'nameMismatch'] }),
    desk.refusal(retake, 'theory', ['notRegisteredForSubject'], '09:07'),
  ]
  return { roster: aRoster({ candidates: [a, b, c, retake] }), events, desk, a, b, c, retake }
}

/** The desk's view of the ledger: each candidate's events. */
const indexedView = (events: LedgerEvent[]) => ledgerViewFromIndex(indexEvents(events))

describe('wall time', () => {
  it('shows the time as the desk clock showed it, whatever the reader’s time zone', () => {
    expect(wallTime('2024-12-14T08:44:05.120+08:00')).toBe('08:44')
    expect(wallTime(undefined)).toBe('')
  })
})

describe('the attendance sheet (签到表)', () => {
  it('lists each room’s candidates by seat with state and time, one sheet per room', () => {
    const d = aDay()
    const sheets = attendanceSheets(deriveAttendance(d.roster, d.events), 'theory', ROOMS)
    expect(sheets.map((s) => s.roomName)).toEqual(['第一考场', '第二考场'])
    expect(sheets[0]!.rows).toEqual([
      { seat: 1, admitCardNo: d.b.admitCardNo, name: d.b.name, state: 'late', time: '09:06' },
      { seat: 2, admitCardNo: d.a.admitCardNo, name: d.a.name, state: 'present', time: '08:44' },
    ])
    expect(sheets[1]!.rows).toEqual([
      expect.objectContaining({ admitCardNo: d.c.admitCardNo, state: 'expected', time: '' }),
    ])
  })

  it('has per room the same numbers as the board', () => {
    const d = aDay()
    const att = deriveAttendance(d.roster, d.events)
    const board = boardNumbers(att, 'theory', ['R101', 'R102'])
    for (const s of attendanceSheets(att, 'theory', ROOMS))
      expect(s.counts).toEqual(board.rooms.find((r) => r.roomId === s.roomId)!.counts)
  })
})

describe('the absentee list (缺考名单)', () => {
  it('names who has not arrived while the subject is open, and says it is not final', () => {
    const d = aDay()
    const list = absenteeList(deriveAttendance(d.roster, d.events), 'theory')
    expect(list.closed).toBe(false)
    expect(list.rows.map((r) => r.admitCardNo)).toEqual([d.c.admitCardNo])
  })

  it('names exactly the absent candidates after the close', () => {
    const d = aDay()
    const list = absenteeList(deriveAttendance(d.roster, [...d.events, d.desk.close('theory', '10:30')]), 'theory')
    expect(list).toMatchObject({
      closed: true,
      rows: [{ admitCardNo: d.c.admitCardNo, state: 'absent', roomId: 'R102' }],
    })
  })
})

describe('the session summary', () => {
  it('gives per subject the board totals, per room and per occupation, and the attendance rate', () => {
    const d = aDay()
    const att = deriveAttendance(d.roster, d.events)
    const [theory, skills] = sessionSummary(att, bothSubjects(), ROOMS)
    expect(theory!.total).toEqual(boardNumbers(att, 'theory').total)
    expect(theory!.attendanceRate).toBe(67)
    expect(theory!.rooms.map((r) => r.roomName)).toEqual(['第一考场', '第二考场'])
    expect(theory!.occupations).toEqual([
      expect.objectContaining({ occupation: '区块链应用操作员', counts: theory!.total }),
    ])
    expect(skills!.total.total).toBe(1)
  })
})

describe('the attendance export', () => {
  it('has one row per candidate and subject they sit, with the counted check-in', () => {
    const d = aDay()
    const rows = attendanceExportRows(
      deriveAttendance(d.roster, d.events),
      bothSubjects(),
      ROOMS,
      indexedView(d.events),
    )
    expect(rows).toHaveLength(4)
    expect(rows.find((r) => r.admitCardNo === d.b.admitCardNo)).toMatchObject({
      subject: 'theory',
      room: '第一考场',
      seat: 1,
      state: 'late',
      time: '2024-12-14T09:06:00+08:00',
      staffId: 'proctor-1',
      reasons: 'late overridden nameMismatch',
    })
    expect(rows.find((r) => r.admitCardNo === d.c.admitCardNo)).toMatchObject({ state: 'expected', voidedCheckIns: 1 })
  })

  it('counts each state as often as the board does', () => {
    const d = aDay()
    const att = deriveAttendance(d.roster, d.events)
    const rows = attendanceExportRows(att, bothSubjects(), ROOMS, indexedView(d.events)).filter(
      (r) => r.subject === 'theory',
    )
    const board = boardNumbers(att, 'theory').total
    for (const s of ['expected', 'present', 'late', 'absent', 'refused'] as const)
      expect(rows.filter((r) => r.state === s)).toHaveLength(board[s])
  })
})

describe('the exceptions list', () => {
  it('lists overrides, voids, identity mismatches and refusals of the subject, newest first', () => {
    const d = aDay()
    const att = deriveAttendance(d.roster, d.events)
    const x = boardExceptions(att, indexEvents(d.events), 'theory')
    expect(x.map((e) => e.kind)).toEqual(['refusal', 'mismatch', 'override', 'void'])
    expect(x.find((e) => e.kind === 'void')).toMatchObject({
      admitCardNo: d.c.admitCardNo,
      text: '认错人',
      voidOf: 'checkIn',
    })
    expect(x.find((e) => e.kind === 'mismatch')).toMatchObject({ reasons: ['nameMismatch'] })
    expect(x.find((e) => e.kind === 'override')).toMatchObject({ approvedBy: 'manager-1', reasons: ['nameMismatch'] })
  })

  it('names a second valid check-in of one candidate as a duplicate', () => {
    const c = aCandidate()
    const events = [
      aDesk('desk-a-0001').checkIn(c, 'theory', '08:40'),
      aDesk('desk-b-0002').checkIn(c, 'theory', '08:41'),
    ]
    const att = deriveAttendance(aRoster({ candidates: [c] }), events)
    expect(boardExceptions(att, indexEvents(events), 'theory')).toEqual([
      expect.objectContaining({ kind: 'duplicate', deviceId: 'desk-b-0002', admitCardNo: c.admitCardNo }),
    ])
  })

  it('keeps the other subject’s exceptions out', () => {
    const d = aDay()
    const att = deriveAttendance(d.roster, d.events)
    expect(boardExceptions(att, indexEvents(d.events), 'skills')).toEqual([])
  })
})

describe('what matches an export to the ledger', () => {
  const hash = 'ab'.repeat(32)
  const at = new Date(2026, 10, 23, 9, 5, 7) // local time, as the desk's clock shows it
  const stamp = {
    deskName: '一号 签到台/A',
    deviceId: 'd3adbeef-0000-4000-8000-000000000001',
    at,
    head: { seq: 42, hash },
  }

  it('names the file by desk, device, local time and ledger head, with nothing a file system refuses', () => {
    expect(localStamp(at)).toBe('2026-11-23 09:05:07')
    const name = exportFileName('S-2026-签到记录', stamp, 'csv')
    expect(name).toBe(`S-2026-签到记录-一号_签到台_A-d3adbeef-20261123-090507-42-${hash.slice(0, 16)}.csv`)
    expect(name).not.toMatch(/[\\/:*?"<>|\s]/)
    expect(exportFileName('x', { ...stamp, deskName: '', head: null }, 'xlsx')).toBe(
      'x-d3adbeef-20261123-090507-0.xlsx',
    )
  })

  it('lists venue, session, desk, time, who exported, the full head hash and the row count, in order', () => {
    const lines = exportInfo(stamp, { venue: '某考点', session: '第一场', exportedBy: '王建国', rows: 7 })
    expect(lines.map(([k]) => k)).toEqual([...EXPORT_INFO])
    expect(Object.fromEntries(lines)).toEqual({
      venue: '某考点',
      session: '第一场',
      desk: '一号 签到台/A',
      deviceId: stamp.deviceId,
      exportedAt: '2026-11-23 09:05:07',
      exportedBy: '王建国',
      headSeq: 42,
      headHash: hash,
      rows: 7,
    })
    expect(
      Object.fromEntries(exportInfo({ ...stamp, head: null }, { venue: '', session: '', exportedBy: '', rows: 0 })),
    ).toMatchObject({ headSeq: 0, headHash: '' })
  })
})
