/**
 * The site manager's attendance board, as pure views over `deriveAttendance`: numbers per subject and
 * room, the filtered candidate list, arrivals in time buckets, and who a close would mark absent.
 * The UI renders these and decides nothing. No reason codes are returned here; the exceptions list
 * (board-exceptions.ts) has its own kinds.
 *
 * The board counts candidates who sit the subject: a `notRegistered` pair (a retake candidate and the
 * subject they do not sit) has no room and is not on the board; a check-in of such a pair is an anomaly
 * and appears in the exceptions list instead.
 */
import {
  occupationLevelKey,
  parseInstant,
  type Attendance,
  type AttendanceState,
  type CheckInRecord,
} from './attendance'
import type { Candidate, Subject, SubjectCode } from './schemas'
import type { SubjectAttendance } from './attendance'
import { buildSearchIndex, searchCandidates, type SearchIndex } from './search'

/** The states a board shows, in the order of its bars. */
export const BOARD_STATES = ['expected', 'present', 'late', 'absent', 'refused'] as const
export type BoardState = (typeof BOARD_STATES)[number]
export type BoardCounts = Record<BoardState, number> & { total: number }

/** What the site manager narrowed the board to; every field is optional. */
export interface BoardFilter {
  roomId?: string
  /** `occupationLevelKey(candidate)`. */
  occupationKey?: string
  group?: string
  state?: BoardState
  /** What the desk's search takes (search.ts): part of the name, pinyin, initials, admit card or ID number. */
  query?: string
}

/** One line of the candidate list: the candidate and their attendance for the board's subject. */
export interface BoardRow {
  candidate: Candidate
  attendance: SubjectAttendance & { state: BoardState }
  roomId: string
  seat: number
}

export interface BoardNumbers {
  subject: SubjectCode
  total: BoardCounts
  /** Rooms in the order given (the session's room list), then any room only the roster names. */
  rooms: { roomId: string; counts: BoardCounts }[]
}

/** Zero counts for every board state. */
export function emptyBoardCounts(): BoardCounts {
  return { expected: 0, present: 0, late: 0, absent: 0, refused: 0, total: 0 }
}

const isBoardState = (s: AttendanceState): s is BoardState => s !== 'notRegistered'

/**
 * Rows of the candidates sitting `subject` that match the filter, in roster order. The query is the
 * desk's search (one rule for both screens); pass the roster's `search` index, built once, else it is
 * built here from the attendance's candidates.
 */
export function boardRows(
  att: Attendance,
  subject: SubjectCode,
  filter: BoardFilter = {},
  search?: SearchIndex,
): BoardRow[] {
  const found = queryHits(att, filter.query, search)
  const rows: BoardRow[] = []
  for (const { candidate, subjects } of att.candidates) {
    const a = subjects[subject]
    if (!a || !a.sitting || !isBoardState(a.state)) continue
    if (filter.roomId !== undefined && a.sitting.roomId !== filter.roomId) continue
    if (filter.state !== undefined && a.state !== filter.state) continue
    if (filter.group !== undefined && (candidate.group ?? '') !== filter.group) continue
    if (filter.occupationKey !== undefined && occupationLevelKey(candidate) !== filter.occupationKey) continue
    if (found && !found.has(candidate.admitCardNo)) continue
    rows.push({
      candidate,
      attendance: a as SubjectAttendance & { state: BoardState },
      roomId: a.sitting.roomId,
      seat: a.sitting.seat,
    })
  }
  return rows
}

function queryHits(att: Attendance, query: string | undefined, search?: SearchIndex): Set<string> | null {
  if (!query || query.trim() === '') return null
  const index = search ?? buildSearchIndex(att.candidates.map((c) => c.candidate))
  return new Set(searchCandidates(index, query, Infinity).map((h) => h.admitCardNo))
}

/** Numbers for the subject, in total and per room, over the rows that pass the filter (its state ignored). */
export function boardNumbers(
  att: Attendance,
  subject: SubjectCode,
  roomOrder: readonly string[] = [],
  filter: BoardFilter = {},
  search?: SearchIndex,
): BoardNumbers {
  const rest: BoardFilter = { ...filter }
  delete rest.state
  const total = emptyBoardCounts()
  const byRoom = new Map<string, BoardCounts>(roomOrder.map((id) => [id, emptyBoardCounts()]))
  for (const row of boardRows(att, subject, rest, search)) {
    let room = byRoom.get(row.roomId)
    if (!room) byRoom.set(row.roomId, (room = emptyBoardCounts()))
    total[row.attendance.state] += 1
    total.total += 1
    room[row.attendance.state] += 1
    room.total += 1
  }
  const rooms = [...byRoom].map(([roomId, counts]) => ({ roomId, counts }))
  // With a room filter, the other rooms of the session stay out of the list.
  return {
    subject,
    total,
    rooms: filter.roomId === undefined ? rooms : rooms.filter((r) => r.roomId === filter.roomId),
  }
}

/** The choices the filters offer for a subject: rooms, occupation + level groups, registration groups. */
export function boardFilterOptions(
  att: Attendance,
  subject: SubjectCode,
): {
  rooms: string[]
  occupations: { key: string; occupation: string; workType?: string; level: string }[]
  groups: string[]
} {
  const rooms = new Set<string>()
  const occupations = new Map<string, { key: string; occupation: string; workType?: string; level: string }>()
  const groups = new Set<string>()
  for (const row of boardRows(att, subject)) {
    const c = row.candidate
    rooms.add(row.roomId)
    const key = occupationLevelKey(c)
    if (!occupations.has(key))
      occupations.set(key, {
        key,
        occupation: c.occupation,
        level: c.level,
        ...(c.workType === undefined ? {} : { workType: c.workType }),
      })
    if (c.group) groups.add(c.group)
  }
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return {
    rooms: [...rooms].sort(byText),
    occupations: [...occupations.values()].sort((a, b) => byText(a.key, b.key)),
    groups: [...groups].sort(byText),
  }
}

// ───────────────────────────── arrivals ─────────────────────────────

export interface ArrivalBucket {
  /** Epoch ms of the bucket's first instant. */
  from: number
  /** Check-ins counted in this bucket, on time and late. */
  onTime: number
  late: number
}
export interface Arrivals {
  bucketMinutes: number
  buckets: ArrivalBucket[]
  doorsOpen: number
  start: number
  /** Start plus the late-entry cutoff: entry is refused after it (unless overridden). */
  cutoff: number
  /** The largest bucket total, for scaling the bars (at least 1). */
  max: number
}

/**
 * Counted check-ins of the rows in buckets of `bucketMinutes`, aligned on the subject start, covering
 * doors-open to the cutoff and any check-in outside that span (an override after the cutoff).
 */
export function arrivals(rows: readonly BoardRow[], subject: Subject, bucketMinutes = 5): Arrivals {
  const size = bucketMinutes * 60_000
  const start = parseInstant(subject.start)
  const doorsOpen = parseInstant(subject.doorsOpen)
  const cutoff = start + subject.lateEntryCutoffMinutes * 60_000
  const times: { t: number; late: boolean }[] = []
  let lo = Math.min(doorsOpen, start)
  let hi = cutoff
  for (const row of rows) {
    const c = row.attendance.checkIn
    if (!c) continue
    const t = checkInInstant(c)
    times.push({ t, late: c.late })
    if (t < lo) lo = t
    if (t > hi) hi = t
  }
  const first = start + Math.floor((lo - start) / size) * size
  const count = Math.max(1, Math.floor((hi - first) / size) + 1)
  const buckets: ArrivalBucket[] = Array.from({ length: count }, (_, i) => ({
    from: first + i * size,
    onTime: 0,
    late: 0,
  }))
  for (const { t, late } of times) {
    const b = buckets[Math.floor((t - first) / size)]!
    if (late) b.late += 1
    else b.onTime += 1
  }
  const max = buckets.reduce((m, b) => Math.max(m, b.onTime + b.late), 1)
  return { bucketMinutes, buckets, doorsOpen, start, cutoff, max }
}

// A candidate's check-in record lives as long as their events do not change (deriveAttendance's keeper keeps it
// between recomputes), so its instant is parsed once, not for every row after every event.
const instants = new WeakMap<CheckInRecord, number>()
function checkInInstant(c: CheckInRecord): number {
  let t = instants.get(c)
  if (t === undefined) instants.set(c, (t = parseInstant(c.at)))
  return t
}

// ───────────────────────────── closing ─────────────────────────────

/** Who a close of `subject` marks absent: every candidate still expected, by room then seat. */
export function closePreview(att: Attendance, subject: SubjectCode): BoardRow[] {
  return boardRows(att, subject, { state: 'expected' }).sort(byRoomSeat)
}

/** Order rows by room id, then seat. */
export function byRoomSeat(a: BoardRow, b: BoardRow): number {
  if (a.roomId !== b.roomId) return a.roomId < b.roomId ? -1 : 1
  return a.seat - b.seat
}
