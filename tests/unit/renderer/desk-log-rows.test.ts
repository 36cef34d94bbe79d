import { describe, expect, it } from 'vitest'
import { createLedgerDb } from '../../../src-renderer/db/ledger'
import { deskLogEvents } from '../../../src-renderer/db/desk-log'
import { DESK_LOG_TYPES, deskLogRows, type DeskLogFacts } from '../../../src-renderer/features/checkin/desk-log-rows'
import type { Candidate, LedgerEvent } from '../../../src-shared/schemas'
import { aCandidate, aDesk, SESSION_ID } from '../shared/factories'

/** The facts the log resolves against: the desk's events by id and the roster's names. */
function factsOf(events: readonly LedgerEvent[], roster: readonly Candidate[]): DeskLogFacts {
  const byId = new Map(events.map((e) => [e.eventId, e]))
  const names = new Map(roster.map((c) => [c.admitCardNo, c.name]))
  return { event: (id) => byId.get(id), candidateName: (no) => names.get(no) }
}
const newestFirst = (...events: LedgerEvent[]) => [...events].reverse()

describe('the desk log', () => {
  it("names on a void's row the candidate, subject and time of the check-in it took back, and the reason", () => {
    const c = aCandidate()
    const desk = aDesk()
    const checkIn = desk.checkIn(c, 'theory', '08:40')
    const voided = desk.void(checkIn, '08:41', '认错人')
    const rows = deskLogRows(newestFirst(checkIn, voided), factsOf([checkIn, voided], [c]), 12)
    expect(rows[0]).toMatchObject({
      type: 'void',
      candidate: { admitCardNo: c.admitCardNo, name: c.name },
      subject: 'theory',
      staffId: 'proctor-1',
      detail: { kind: 'void', reason: '认错人', target: { type: 'checkIn', at: checkIn.deviceTime } },
      voidable: false,
    })
    expect(rows[1]).toMatchObject({ type: 'checkIn', voided: true, voidable: false })
  })

  it('resolves a void whose check-in is older than every row shown', () => {
    const [a, b] = [aCandidate(), aCandidate()]
    const desk = aDesk()
    const old = desk.checkIn(a, 'skills', '08:00')
    const later = Array.from({ length: 5 }, (_, i) => desk.event('note', { text: `备注 ${i}` }, `08:1${i}`))
    const voided = desk.void(old, '08:30', '考生走错考场')
    const rows = deskLogRows(newestFirst(old, ...later, voided), factsOf([old], [a, b]), 3)
    expect(rows).toHaveLength(3)
    expect(rows[0]).toMatchObject({
      candidate: { name: a.name },
      subject: 'skills',
      detail: { reason: '考生走错考场' },
    })
  })

  it('says so when the void names an event this desk does not hold, and keeps the row', () => {
    const desk = aDesk()
    const voided = desk.void('ev-elsewhere-1', '08:30', '重复')
    const [row] = deskLogRows([voided], factsOf([], []), 12)
    expect(row).toMatchObject({ type: 'void', detail: { kind: 'void', targetEventId: 'ev-elsewhere-1' } })
    expect(row).not.toHaveProperty('candidate')
    expect(row?.detail).not.toHaveProperty('target')
  })

  it("shows a refusal's reason codes and the proctor's words", () => {
    const c = aCandidate()
    const refusal = aDesk().refusal(c, 'theory', ['documentExpired'], '08:50', '身份证已过期')
    const [row] = deskLogRows([refusal], factsOf([refusal], [c]), 12)
    expect(row).toMatchObject({
      candidate: { name: c.name },
      detail: { kind: 'refusal', reasons: ['documentExpired'], text: '身份证已过期' },
    })
  })

  it("shows an override's approving site manager and reason, under the site manager's name", () => {
    const c = aCandidate()
    const override = aDesk().override(c, 'theory', ['lateEntryClosed'], '09:35', 'manager-1', '交通管制')
    const [row] = deskLogRows([override], factsOf([override], [c]), 12)
    expect(row).toMatchObject({
      staffId: 'manager-1',
      detail: { kind: 'override', approvedBy: 'manager-1', reason: '交通管制', reasons: ['lateEntryClosed'] },
    })
  })

  it('gives every row the same fields, leaves out logins and closes, and offers 撤销 only on a standing check-in', () => {
    const [a, b] = [aCandidate(), aCandidate()]
    const desk = aDesk()
    const events = [
      desk.checkIn(a, 'theory', '08:40'),
      desk.close('theory', '10:00'),
      desk.invoice(a, '08:41'),
      desk.checkIn(b, 'theory', '08:42'),
      desk.event('note', { text: '忘带准考证，已补打' }, '08:43'),
    ]
    const rows = deskLogRows(newestFirst(...events), factsOf(events, [a, b]), 12)
    expect(rows.map((r) => r.type)).toEqual(['note', 'checkIn', 'invoiceHandedOver', 'checkIn'])
    expect(rows.map((r) => r.voidable)).toEqual([false, true, false, true])
    expect(rows.find((r) => r.type === 'note')).not.toHaveProperty('candidate')
    for (const r of rows) expect(Object.keys(r)).toEqual(expect.arrayContaining(['at', 'type', 'staffId', 'detail']))
  })

  it('names a candidate not on the roster by admit card number only', () => {
    const refusal = aDesk().refusal('2099000001', 'theory', ['notOnRoster'], '08:50')
    const [row] = deskLogRows([refusal], factsOf([refusal], []), 12)
    expect(row?.candidate).toEqual({ admitCardNo: '2099000001' })
  })
})

describe("the desk log's read", () => {
  it('takes the newest events of the shown kinds of this session, and the targets of their voids however old', async () => {
    const db = createLedgerDb(`desk-log-${Math.random().toString(36).slice(2)}`)
    const c = aCandidate()
    const desk = aDesk()
    const old = desk.checkIn(c, 'theory', '08:00')
    const filler = Array.from({ length: 4 }, (_, i) => desk.event('note', { text: `备注 ${i}` }, `08:1${i}`))
    const voided = desk.void(old, '08:30', '认错人')
    const other = aDesk('desk-b-0002', 'proctor-2', 'another-session').event('note', { text: '别的场次' }, '08:31')
    await db.events.bulkAdd([old, ...filler, desk.close('theory', '08:35'), voided, { ...other, seq: 99 }])
    const read = await deskLogEvents(db, SESSION_ID, DESK_LOG_TYPES, 3)
    expect(read.events.map((e) => e.eventId)).toEqual([voided.eventId, filler[3]!.eventId, filler[2]!.eventId])
    expect([...read.targets.keys()]).toEqual([old.eventId])
  })
})
