import { describe, expect, it } from 'vitest'
import { deriveAttendance, indexEvents } from '../../../src-shared/attendance'
import { attendanceExportRows } from '../../../src-shared/reports-export'
import type { LedgerEvent, Room } from '../../../src-shared/schemas'
import { ledgerViewFromIndex } from '../../../src-shared/verdict'
import { aCandidate, aDesk, aRoster, bothSubjects } from './factories'

const ROOMS: Room[] = [{ id: 'R101', name: '第一考场', seats: 30 }]

function exportOf(candidates: ReturnType<typeof aCandidate>[], events: LedgerEvent[]) {
  const att = deriveAttendance(aRoster({ candidates }), events)
  return attendanceExportRows(att, bothSubjects(), ROOMS, ledgerViewFromIndex(indexEvents(events)))
}

describe('a refusal in the attendance export', () => {
  it('carries the refusal’s time, desk, staff, method, reasons and the proctor’s words', () => {
    const c = aCandidate({ room: 'R101', subjects: ['theory'] })
    const refusal = aDesk('desk-b-0002', 'proctor-7').refusal(
      c,
      'theory',
      ['lateEntryClosed'],
      '09:31',
      '迟到 31 分钟',
      {
        method: 'qr',
      },
    )
    const [row] = exportOf([c], [refusal])
    expect(row).toMatchObject({
      state: 'refused',
      time: '2024-12-14T09:31:00+08:00',
      deviceId: 'desk-b-0002',
      staffId: 'proctor-7',
      method: 'qr',
      reasons: 'lateEntryClosed',
      note: '迟到 31 分钟',
      voidedCheckIns: 0,
    })
  })

  it('names every method when a QR and then the card identified the candidate', () => {
    const c = aCandidate({ room: 'R101', subjects: ['theory'] })
    const refusal = aDesk().refusal(c, 'theory', ['nameMismatch', 'birthDateMismatch'], '08:50', undefined, {
      method: 'qr',
      methods: ['qr', 'cardReader'],
    })
    expect(exportOf([c], [refusal])[0]).toMatchObject({
      method: 'qr cardReader',
      reasons: 'nameMismatch birthDateMismatch',
      note: '',
    })
  })

  it('shows the check-in, not the earlier refusal, once the candidate was admitted after all', () => {
    const c = aCandidate({ room: 'R101', subjects: ['theory'] })
    const desk = aDesk('desk-a-0001', 'proctor-1')
    const events = [
      desk.refusal(c, 'theory', ['documentNumberMismatch'], '08:40', undefined, { method: 'idDocument' }),
      desk.checkIn(c, 'theory', '08:45', { method: 'cardReader' }),
    ]
    expect(exportOf([c], events)[0]).toMatchObject({
      state: 'present',
      time: '2024-12-14T08:45:00+08:00',
      method: 'cardReader',
      reasons: '',
      note: '',
    })
  })

  it('leaves time, desk and staff empty for a candidate nobody has seen yet', () => {
    const c = aCandidate({ room: 'R101', subjects: ['theory'] })
    expect(exportOf([c], [])[0]).toMatchObject({ state: 'expected', time: '', deviceId: '', staffId: '', method: '' })
  })
})

describe('the invoice in the attendance export', () => {
  it('says 已领取 with time and staff, 未领取 for a request not met, 未申请 otherwise, on each subject row', () => {
    const got = aCandidate({ invoiceRequested: true })
    const waiting = aCandidate({ invoiceRequested: true })
    const none = aCandidate({ invoiceRequested: false })
    const rows = exportOf([got, waiting, none], [aDesk('desk-a-0001', 'proctor-1').invoice(got, '08:41')])
    const of = (no: string) => rows.filter((r) => r.admitCardNo === no)
    expect(of(got.admitCardNo)).toHaveLength(2)
    for (const r of of(got.admitCardNo))
      expect(r).toMatchObject({
        invoice: 'handedOver',
        invoiceTime: '2024-12-14T08:41:00+08:00',
        invoiceStaffId: 'proctor-1',
        invoiceApprovedBy: '',
      })
    expect(of(waiting.admitCardNo)[0]).toMatchObject({ invoice: 'notHandedOver', invoiceTime: '' })
    expect(of(none.admitCardNo)[0]).toMatchObject({ invoice: 'notRequested', invoiceTime: '' })
  })

  it('names the approving site manager and the reason of an unrequested hand-over', () => {
    const c = aCandidate({ invoiceRequested: false })
    const e = aDesk().invoice(c, '08:42', { approvedBy: 'manager-1', reason: '单位报销需要' })
    expect(exportOf([c], [e])[0]).toMatchObject({
      invoice: 'handedOver',
      invoiceApprovedBy: 'manager-1',
      invoiceReason: '单位报销需要',
    })
  })
})
