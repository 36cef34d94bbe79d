import { describe, expect, it } from 'vitest'
import { deriveAttendance, indexEvents } from '../../../src-shared/attendance'
import { invoiceList } from '../../../src-shared/reports-invoice'
import type { Candidate, LedgerEvent } from '../../../src-shared/schemas'
import { ledgerViewFromIndex } from '../../../src-shared/verdict'
import { aCandidate, aDesk, aRoster } from './factories'

function listOf(candidates: Candidate[], events: LedgerEvent[]) {
  return invoiceList(deriveAttendance(aRoster({ candidates }), events), ledgerViewFromIndex(indexEvents(events)))
}

describe('the invoice hand-over list (发票领取清单)', () => {
  it('lists, in roster order, everyone who requested an invoice, handed over or not, and nobody else', () => {
    const a = aCandidate({ invoiceRequested: true })
    const quiet = aCandidate({ invoiceRequested: false })
    const b = aCandidate({ invoiceRequested: true })
    const list = listOf([a, quiet, b], [aDesk('desk-a-0001', 'proctor-1').invoice(b, '08:40')])
    expect(list.rows).toEqual([
      { admitCardNo: a.admitCardNo, name: a.name, requested: true, state: 'notHandedOver' },
      {
        admitCardNo: b.admitCardNo,
        name: b.name,
        requested: true,
        state: 'handedOver',
        handedOver: expect.objectContaining({
          deviceId: 'desk-a-0001',
          at: '2024-12-14T08:40:00+08:00',
          staffId: 'proctor-1',
        }),
      },
    ])
    expect(list.counts).toEqual({ requested: 2, handedOver: 1, outstanding: 1, unrequested: 0 })
  })

  it('does not count a voided hand-over: the candidate is again waiting for the invoice', () => {
    const c = aCandidate({ invoiceRequested: true })
    const desk = aDesk()
    const wrong = desk.invoice(c, '08:40')
    const list = listOf([c], [wrong, desk.void(wrong, '08:41', '发错人')])
    expect(list.rows).toEqual([{ admitCardNo: c.admitCardNo, name: c.name, requested: true, state: 'notHandedOver' }])
    expect(list.counts).toMatchObject({ handedOver: 0, outstanding: 1 })
  })

  it('lists the hand-over made after a voided one, with its own time and staff', () => {
    const c = aCandidate({ invoiceRequested: true })
    const desk = aDesk('desk-a-0001', 'proctor-1')
    const wrong = desk.invoice(c, '08:40')
    const events = [wrong, desk.void(wrong, '08:41', '发错人'), desk.invoice(c, '08:50', {}, 'proctor-2')]
    expect(listOf([c], events).rows[0]!.handedOver).toMatchObject({
      at: '2024-12-14T08:50:00+08:00',
      staffId: 'proctor-2',
    })
  })

  it('lists a candidate who did not request one but received one, with the approving site manager and the reason', () => {
    const c = aCandidate({ invoiceRequested: false })
    const e = aDesk('desk-a-0001', 'proctor-1').invoice(c, '08:45', { approvedBy: 'manager-1', reason: '单位报销需要' })
    const list = listOf([c], [e])
    expect(list.rows).toEqual([
      {
        admitCardNo: c.admitCardNo,
        name: c.name,
        requested: false,
        state: 'handedOver',
        handedOver: {
          eventId: e.eventId,
          deviceId: 'desk-a-0001',
          at: '2024-12-14T08:45:00+08:00',
          staffId: 'proctor-1',
          approvedBy: 'manager-1',
          reason: '单位报销需要',
        },
      },
    ])
    expect(list.counts).toEqual({ requested: 0, handedOver: 1, outstanding: 0, unrequested: 1 })
  })

  it('is empty when nobody requested or received an invoice', () => {
    expect(listOf([aCandidate({ invoiceRequested: false })], []).rows).toEqual([])
  })
})
