import { describe, expect, it } from 'vitest'
import { auditRows } from '../../../src-shared/audit'
import { aCandidate, aDesk, at } from './factories'

function aLog() {
  const a = aCandidate()
  const b = aCandidate()
  const desk = aDesk('desk-a-0001', 'proctor-1')
  const login = desk.event('login', { staffId: 'proctor-1' }, '08:30')
  const first = desk.checkIn(a, 'theory', '08:40')
  const events = [
    login,
    first,
    desk.checkIn(b, 'theory', '08:41'),
    desk.void(first, '08:50', '认错人', 'proctor-1'),
    desk.override(a, 'theory', ['lateEntryClosed'], '09:35', 'manager-1'),
    desk.close('theory', '10:30', 'manager-1'),
  ]
  return { a, b, events, first }
}

describe('the audit log', () => {
  it('lists every event, newest first', () => {
    const { events } = aLog()
    expect(auditRows(events).map((r) => r.event.seq)).toEqual([6, 5, 4, 3, 2, 1])
  })

  it('finds everything about one candidate, including the void of their check-in', () => {
    const { a, events } = aLog()
    const rows = auditRows(events, { admitCardNo: a.admitCardNo })
    expect(rows.map((r) => r.event.type)).toEqual(['override', 'void', 'checkIn'])
    expect(rows[1]).toMatchObject({ admitCardNo: a.admitCardNo, subject: 'theory' })
  })

  it('finds what one staff member did or approved', () => {
    const { events } = aLog()
    expect(auditRows(events, { staffId: 'manager-1' }).map((r) => r.event.type)).toEqual(['subjectClosed', 'override'])
  })

  it('narrows to event types and to a time span', () => {
    const { events } = aLog()
    expect(auditRows(events, { types: ['checkIn'] })).toHaveLength(2)
    const span = { from: Date.parse(at('08:40')), to: Date.parse(at('08:50')) }
    expect(auditRows(events, span).map((r) => r.event.deviceTime)).toEqual([at('08:41'), at('08:40')])
  })
})
