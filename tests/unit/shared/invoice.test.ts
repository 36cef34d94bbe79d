import { describe, expect, it } from 'vitest'
import { deriveAttendance, indexEvents } from '../../../src-shared/attendance'
import { invoiceDecision, invoiceHandOver, invoicePayload } from '../../../src-shared/invoice'
import { parsePayload, type LedgerEvent } from '../../../src-shared/schemas'
import { aCandidate, aDesk, aRoster } from './factories'

const requested = () => aCandidate({ invoiceRequested: true })

/** Every order of a short list of events. */
function orders<T>(list: readonly T[]): T[][] {
  if (list.length <= 1) return [[...list]]
  return list.flatMap((x, i) => orders([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [x, ...rest]))
}

describe('invoice hand-over (发票)', () => {
  it('hands a candidate who requested one their invoice once, with no site manager and no reason', () => {
    const c = requested()
    expect(invoiceDecision(c, [])).toEqual({ ok: true, needsSiteManager: false, needsReason: false })
    const e = aDesk('desk-a-0001', 'proctor-1').invoice(c, '08:40')
    expect(invoiceHandOver([e])).toEqual({
      eventId: e.eventId,
      deviceId: 'desk-a-0001',
      at: '2024-12-14T08:40:00+08:00',
      staffId: 'proctor-1',
    })
  })

  it('refuses a second hand-over and names when, where and who handed it over', () => {
    const c = requested()
    const first = aDesk('desk-a-0001', 'proctor-1').invoice(c, '08:40')
    const decision = invoiceDecision(c, [first])
    expect(decision).toEqual({
      ok: false,
      reason: 'alreadyHandedOver',
      handedOver: expect.objectContaining({
        eventId: first.eventId,
        deviceId: 'desk-a-0001',
        at: '2024-12-14T08:40:00+08:00',
        staffId: 'proctor-1',
      }),
    })
  })

  it('counts the earliest of two hand-overs made at two desks before they synced', () => {
    const c = requested()
    const later = aDesk('desk-a-0001', 'proctor-1').invoice(c, '08:50')
    const earlier = aDesk('desk-b-0002', 'proctor-2').invoice(c, '08:41')
    expect(invoiceHandOver([later, earlier])).toMatchObject({ eventId: earlier.eventId, staffId: 'proctor-2' })
  })

  it('can hand over again after the hand-over was voided, and the new one counts', () => {
    const c = requested()
    const desk = aDesk()
    const wrong = desk.invoice(c, '08:40')
    const undo = desk.void(wrong, '08:41', '发给了同名考生')
    expect(invoiceHandOver([wrong, undo])).toBeUndefined()
    expect(invoiceDecision(c, [wrong, undo])).toEqual({ ok: true, needsSiteManager: false, needsReason: false })
    const again = desk.invoice(c, '09:00')
    expect(invoiceHandOver([wrong, undo, again])?.eventId).toBe(again.eventId)
  })

  it('does not let a void of the void bring a voided hand-over back', () => {
    const c = requested()
    const desk = aDesk()
    const wrong = desk.invoice(c, '08:40')
    const undo = desk.void(wrong, '08:41')
    expect(invoiceHandOver([wrong, undo, desk.void(undo, '08:42')])).toBeUndefined()
  })

  it('needs a site manager and a reason for a candidate who did not request one, and records both', () => {
    const c = aCandidate({ invoiceRequested: false })
    expect(invoiceDecision(c, [])).toEqual({ ok: true, needsSiteManager: true, needsReason: true })
    const payload = invoicePayload(c.admitCardNo, { reason: '考生现场补充申请', approvedBy: 'manager-1' })
    expect(payload).toEqual({ admitCardNo: c.admitCardNo, reason: '考生现场补充申请', approvedBy: 'manager-1' })
    const e = aDesk().invoice(c, '08:40', payload, 'manager-1')
    expect(invoiceHandOver([e])).toMatchObject({ reason: '考生现场补充申请', approvedBy: 'manager-1' })
  })

  it('gives the same answer in every order of the events', () => {
    const c = requested()
    const a = aDesk('desk-a-0001', 'proctor-1')
    const b = aDesk('desk-b-0002', 'proctor-2')
    const first = a.invoice(c, '08:40')
    const undo = a.void(first, '08:45')
    const second = b.invoice(c, '08:50')
    const third = a.invoice(c, '09:10')
    for (const order of orders([first, undo, second, third])) {
      expect(invoiceHandOver(order)?.eventId).toBe(second.eventId)
      expect(invoiceDecision(c, order)).toMatchObject({ ok: false, handedOver: { eventId: second.eventId } })
    }
  })
})

describe('the invoice payload', () => {
  it('leaves reason and approver out when none was given, so it reads like the events of older desks', () => {
    expect(invoicePayload('2024000001')).toEqual({ admitCardNo: '2024000001' })
    expect(invoicePayload('2024000001', { reason: '  ', approvedBy: '' })).toEqual({ admitCardNo: '2024000001' })
  })

  it('is accepted by the ledger’s schema, old and new shapes alike, and a reason of 501 characters is not', () => {
    expect(parsePayload('invoiceHandedOver', { admitCardNo: '2024000001' })).toEqual({ admitCardNo: '2024000001' })
    const p = invoicePayload('2024000001', { reason: '现场申请', approvedBy: 'manager-1' })
    expect(parsePayload('invoiceHandedOver', p)).toEqual(p)
    expect(() => parsePayload('invoiceHandedOver', { admitCardNo: '2024000001', reason: 'x'.repeat(501) })).toThrow()
    expect(() => parsePayload('invoiceHandedOver', { admitCardNo: '2024000001', reason: '' })).toThrow()
  })
})

describe('voids of invoice hand-overs in attendance', () => {
  it('takes a void of a hand-over as allowed: no anomaly, and check-ins are untouched', () => {
    const c = requested()
    const desk = aDesk()
    const checkIn = desk.checkIn(c, 'theory', '08:40')
    const inv = desk.invoice(c, '08:41')
    const undo = desk.void(inv, '08:42')
    const events: LedgerEvent[] = [checkIn, inv, undo]
    const att = deriveAttendance(aRoster({ candidates: [c] }), events)
    expect(att.anomalies).toEqual([])
    expect(att.byAdmitCardNo.get(c.admitCardNo)?.subjects.theory?.state).toBe('present')
    // The index gives the void to the candidate whose invoice it takes back.
    expect(indexEvents(events).byAdmitCardNo.get(c.admitCardNo)).toContain(undo)
  })

  it('still reports a void of a refusal as not allowed', () => {
    const c = requested()
    const desk = aDesk()
    const refusal = desk.refusal(c, 'theory', ['lateEntryClosed'], '09:40')
    const v = desk.void(refusal, '09:41')
    const att = deriveAttendance(aRoster({ candidates: [c] }), [refusal, v])
    expect(att.anomalies).toEqual([expect.objectContaining({ code: 'voidNotAllowed', eventId: v.eventId })])
  })
})
