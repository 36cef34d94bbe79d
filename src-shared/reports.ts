/**
 * The rows of the printed reports, from the same attendance the board shows, so paper, files and screen
 * cannot disagree; the export's rows are in reports-export.ts, the invoice list in reports-invoice.ts.
 * Headings and state names are screen text: the UI takes them from its locale files (`BoardState`).
 */
import type { Attendance } from './attendance'
import { boardNumbers, boardRows, byRoomSeat, type BoardCounts, type BoardRow, type BoardState } from './board'
import type { Room, Subject, SubjectCode } from './schemas'

/** `HH:MM` as the desk's clock showed it: deviceTime carries the desk's own offset. */
export function wallTime(iso: string | undefined): string {
  return iso && iso.length >= 16 ? iso.slice(11, 16) : ''
}

// ───────────────────────────── 签到表 ─────────────────────────────

export interface SheetRow {
  seat: number
  admitCardNo: string
  name: string
  state: BoardState
  /** `HH:MM` of the counted check-in, empty when none. */
  time: string
}
export interface AttendanceSheet {
  subject: SubjectCode
  roomId: string
  roomName: string
  rows: SheetRow[]
  counts: BoardCounts
}

/** The 签到表 of every room that has candidates for `subject`, in the session's room order, rows by seat. */
export function attendanceSheets(att: Attendance, subject: SubjectCode, rooms: readonly Room[]): AttendanceSheet[] {
  const numbers = boardNumbers(
    att,
    subject,
    rooms.map((r) => r.id),
  )
  const rowsByRoom = new Map<string, SheetRow[]>()
  for (const row of boardRows(att, subject).sort(byRoomSeat)) {
    const list = rowsByRoom.get(row.roomId) ?? []
    list.push(sheetRow(row))
    rowsByRoom.set(row.roomId, list)
  }
  const names = new Map(rooms.map((r) => [r.id, r.name]))
  return numbers.rooms
    .filter((r) => r.counts.total > 0)
    .map((r) => ({
      subject,
      roomId: r.roomId,
      roomName: names.get(r.roomId) ?? r.roomId,
      rows: rowsByRoom.get(r.roomId) ?? [],
      counts: r.counts,
    }))
}

function sheetRow(row: BoardRow): SheetRow {
  return {
    seat: row.seat,
    admitCardNo: row.candidate.admitCardNo,
    name: row.candidate.name,
    state: row.attendance.state,
    time: wallTime(row.attendance.checkIn?.at),
  }
}

// ───────────────────────────── 缺考名单 ─────────────────────────────

export interface AbsenteeRow extends SheetRow {
  roomId: string
  occupation: string
  level: string
}
export interface AbsenteeList {
  subject: SubjectCode
  /** False while the subject is open: the list then names who has not arrived yet (state expected). */
  closed: boolean
  rows: AbsenteeRow[]
}

/** Absent candidates of `subject` by room and seat; before the close, those still expected. */
export function absenteeList(att: Attendance, subject: SubjectCode): AbsenteeList {
  const closed = att.closedSubjects.includes(subject)
  const rows = boardRows(att, subject, { state: closed ? 'absent' : 'expected' })
    .sort(byRoomSeat)
    .map((row) => ({
      ...sheetRow(row),
      roomId: row.roomId,
      occupation: row.candidate.occupation,
      level: row.candidate.level,
    }))
  return { subject, closed, rows }
}

// ───────────────────────────── 场次汇总 ─────────────────────────────

export interface SummarySubject {
  subject: SubjectCode
  start: string
  closed: boolean
  total: BoardCounts
  rooms: { roomId: string; roomName: string; counts: BoardCounts }[]
  occupations: { key: string; occupation: string; workType?: string; level: string; counts: BoardCounts }[]
  /** Present + late over everyone sitting, in whole percent (0 when nobody sits). */
  attendanceRate: number
}

/** Per subject: totals, per room and per occupation + level, with the attendance rate. */
export function sessionSummary(
  att: Attendance,
  subjects: readonly Subject[],
  rooms: readonly Room[],
): SummarySubject[] {
  const names = new Map(rooms.map((r) => [r.id, r.name]))
  return subjects.map((s) => {
    const numbers = boardNumbers(
      att,
      s.code,
      rooms.map((r) => r.id),
    )
    const occupations = Object.entries(att.totals.byOccupationLevel)
      .map(([key, g]) => {
        const c = g.bySubject[s.code]
        const counts: BoardCounts = {
          expected: c?.expected ?? 0,
          present: c?.present ?? 0,
          late: c?.late ?? 0,
          absent: c?.absent ?? 0,
          refused: c?.refused ?? 0,
          total: 0,
        }
        counts.total = counts.expected + counts.present + counts.late + counts.absent + counts.refused
        return {
          key,
          occupation: g.occupation,
          level: g.level,
          ...(g.workType ? { workType: g.workType } : {}),
          counts,
        }
      })
      .filter((o) => o.counts.total > 0)
      .sort((a, b) => (a.key < b.key ? -1 : 1))
    const t = numbers.total
    return {
      subject: s.code,
      start: s.start,
      closed: att.closedSubjects.includes(s.code),
      total: t,
      rooms: numbers.rooms
        .filter((r) => r.counts.total > 0)
        .map((r) => ({ ...r, roomName: names.get(r.roomId) ?? r.roomId })),
      occupations,
      attendanceRate: t.total === 0 ? 0 : Math.round(((t.present + t.late) * 100) / t.total),
    }
  })
}

// ───────────────────────────── what matches files to data ─────────────────────────────

/** Where and when a report or export was made, and the ledger head it was made from. */
export interface ReportStamp {
  deskName: string
  deviceId: string
  at: Date
  head: { seq: number; hash: string } | null
}

const pad2 = (n: number) => String(n).padStart(2, '0')

/** `YYYY-MM-DD HH:MM:SS` on this machine's clock (the desk's), as the reports print it. */
export function localStamp(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`
}

/** Characters Windows takes in no file name, and white space. */
const UNSAFE = /[\\/:*?"<>|\s]+/g

/** The first characters of the head hash a file name carries: enough to tell ledgers apart. */
export const FILE_HASH_CHARS = 16

/**
 * The name of an export file: `<base>-<desk>-<deviceId 8>-<YYYYMMDD-HHMMSS>-<head seq>-<hash 16>.<ext>`,
 * so a file found later says which desk made it, when, and from which ledger head.
 */
export function exportFileName(base: string, stamp: ReportStamp, ext: string): string {
  const d = stamp.at
  const time = `${d.getFullYear()}${pad2(d.getMonth() + 1)}${pad2(d.getDate())}-${pad2(d.getHours())}${pad2(d.getMinutes())}${pad2(d.getSeconds())}`
  const desk = stamp.deskName.replace(UNSAFE, '_').replace(/^_+|_+$/g, '')
  const head = stamp.head ? `${stamp.head.seq}-${stamp.head.hash.slice(0, FILE_HASH_CHARS)}` : '0'
  return [base.replace(UNSAFE, '_'), desk, stamp.deviceId.slice(0, 8), time, head].filter(Boolean).join('-') + `.${ext}`
}

/** Lines of an export's info block, in order; the UI names them from `reports.info.<key>`. */
export const EXPORT_INFO = [
  'venue',
  'session',
  'desk',
  'deviceId',
  'exportedAt',
  'exportedBy',
  'headSeq',
  'headHash',
  'rows',
] as const
export type ExportInfoKey = (typeof EXPORT_INFO)[number]

/** The info block of an export: what a reader needs to match the file to the ledger it came from. */
export function exportInfo(
  stamp: ReportStamp,
  about: { venue: string; session: string; exportedBy: string; rows: number },
): [ExportInfoKey, string | number][] {
  const values: Record<ExportInfoKey, string | number> = {
    venue: about.venue,
    session: about.session,
    desk: stamp.deskName,
    deviceId: stamp.deviceId,
    exportedAt: localStamp(stamp.at),
    exportedBy: about.exportedBy,
    headSeq: stamp.head?.seq ?? 0,
    headHash: stamp.head?.hash ?? '',
    rows: about.rows,
  }
  return EXPORT_INFO.map((k) => [k, values[k]])
}
