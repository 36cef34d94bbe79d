/**
 * The rows of the attendance export (CSV, XLSX): one per candidate and subject they sit, from the same
 * attendance the board shows. Cells hold codes (subject, state, method, reason codes, staff ids): the UI
 * turns each into screen text with its locale files, so this file writes no Chinese and no English.
 */
import type { Attendance, CheckInRecord, RefusalRecord } from './attendance'
import { invoiceHandOver } from './invoice'
import { invoiceState, type EventsOfCandidate } from './reports-invoice'
import type { Room, Subject } from './schemas'

/** Columns of the attendance export, in order; the UI names them from `reports.column.<key>`. */
export const EXPORT_COLUMNS = [
  'admitCardNo',
  'name',
  'sex',
  'occupation',
  'level',
  'group',
  'subject',
  'room',
  'seat',
  'state',
  'time',
  'deviceId',
  'staffId',
  'method',
  'reasons',
  'note',
  'voidedCheckIns',
  'invoice',
  'invoiceTime',
  'invoiceStaffId',
  'invoiceApprovedBy',
  'invoiceReason',
] as const
export type ExportColumn = (typeof EXPORT_COLUMNS)[number]
export type ExportRow = Record<ExportColumn, string | number>

/** The desk event a row reports: the counted check-in, else (a refused candidate) the newest refusal. */
function recorded(checkIn: CheckInRecord | undefined, refusal: RefusalRecord | undefined) {
  const e = checkIn ?? refusal
  if (!e) return { time: '', deviceId: '', staffId: '', method: '', reasons: '', note: '' }
  return {
    time: e.at,
    deviceId: e.deviceId,
    staffId: e.staffId ?? '',
    // Several methods (a QR, then the card) as codes separated by spaces, like the reasons.
    method: (e.methods ?? (e.method ? [e.method] : [])).join(' '),
    reasons: e.reasons.join(' '),
    note: checkIn ? '' : (refusal?.reason ?? ''),
  }
}

/**
 * One row per candidate and subject they sit, in roster order, subjects in session order. A refused
 * candidate's row carries the refusal's time, desk, staff, method and reasons; the invoice columns
 * (per candidate, so the same on each of their rows) come from the ledger's hand-overs.
 */
export function attendanceExportRows(
  att: Attendance,
  subjects: readonly Subject[],
  rooms: readonly Room[],
  ledger: EventsOfCandidate,
): ExportRow[] {
  const names = new Map(rooms.map((r) => [r.id, r.name]))
  const out: ExportRow[] = []
  for (const { candidate: c, subjects: by } of att.candidates) {
    const handedOver = invoiceHandOver(ledger.eventsFor(c.admitCardNo))
    const invoice = {
      invoice: invoiceState(c, handedOver),
      invoiceTime: handedOver?.at ?? '',
      invoiceStaffId: handedOver?.staffId ?? '',
      invoiceApprovedBy: handedOver?.approvedBy ?? '',
      invoiceReason: handedOver?.reason ?? '',
    }
    for (const s of subjects) {
      const a = by[s.code]
      if (!a?.sitting || a.state === 'notRegistered') continue
      out.push({
        admitCardNo: c.admitCardNo,
        name: c.name,
        sex: c.sex,
        occupation: c.workType ? `${c.occupation}（${c.workType}）` : c.occupation,
        level: c.level,
        group: c.group ?? '',
        subject: s.code,
        room: names.get(a.sitting.roomId) ?? a.sitting.roomId,
        seat: a.sitting.seat,
        state: a.state,
        ...recorded(a.checkIn, a.state === 'refused' ? a.refusal : undefined),
        voidedCheckIns: a.voidedCheckIns.length,
        ...invoice,
      })
    }
  }
  return out
}
