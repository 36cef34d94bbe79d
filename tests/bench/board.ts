/**
 * Board recompute time: 10,000 candidates × 2 subjects, 30,000 ledger events (check-ins, voids and
 * re-check-ins, overrides, refusals, notes). What the board does after each new event: add it to the
 * index, derive attendance (attendance.ts with a keeper: only the candidate the event concerns is derived again),
 * then numbers, the list, arrivals, the filter choices and exceptions for the shown subject. Each timed
 * run adds one more check-in. Target ≤ 50 ms. Also printed, not judged: the same views over a full
 * `deriveAttendance` (the first load, and the recompute after a close or reopen, which changes everyone).
 * Run alone: `npx tsx tests/bench/board.ts`.
 */
import { addEvent, deriveAttendance, indexEvents, type Attendance } from '../../src-shared/attendance'
import { arrivals, boardFilterOptions, boardNumbers, boardRows } from '../../src-shared/board'
import { createAttendanceKeeper, deriveAttendanceKept } from '../../src-shared/attendance'
import { boardExceptions } from '../../src-shared/board-exceptions'
import type { LedgerEvent, SubjectCode } from '../../src-shared/schemas'
import { aCandidate, aDesk, aRoster, bothSubjects } from '../unit/shared/factories'
import { fmt, percentile } from './common'

const N = 10_000
const EVENTS = 30_000
const TARGET_MS = 50

const rooms = Array.from({ length: 34 }, (_, i) => `R${101 + i}`)
const candidates = Array.from({ length: N }, (_, i) => {
  const roomId = rooms[i % rooms.length]!
  const seat = Math.floor(i / rooms.length) + 1
  const c = aCandidate({ group: i % 7 === 0 ? '某某职业学院' : undefined })
  c.sittings = (['theory', 'skills'] as const).map((subject) => ({ subject, roomId, seat }))
  return c
})
const roster = aRoster({ candidates, subjects: bothSubjects() })

const desks = [aDesk('desk-a-0001'), aDesk('desk-b-0002'), aDesk('desk-c-0003')]
const events: LedgerEvent[] = []
const time = (base: number, i: number) => {
  const m = base + (i % 80)
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}
for (const [subject, base] of [
  ['theory', 8 * 60 + 20],
  ['skills', 12 * 60 + 50],
] as [SubjectCode, number][]) {
  for (let i = 0; i < N && events.length < EVENTS - 4000; i++) {
    const desk = desks[i % desks.length]!
    if (i % 23 === 0) continue // absent
    if (i % 50 === 1) {
      events.push(desk.refusal(candidates[i]!, subject, ['nameMismatch'], time(base, i)))
      continue
    }
    if (i % 40 === 2) events.push(desk.override(candidates[i]!, subject, ['lateEntryClosed'], time(base, i)))
    const e = desk.checkIn(candidates[i]!, subject, time(base, i))
    events.push(e)
    if (i % 30 === 3) {
      events.push(desk.void(e, time(base, i + 1)))
      events.push(desk.checkIn(candidates[i]!, subject, time(base, i + 2)))
    }
  }
}
for (let i = 0; events.length < EVENTS; i++)
  events.push(desks[i % 3]!.event('note', { text: '考场秩序正常' }, time(8 * 60, i)))

const index = indexEvents(events)
const views = (att: Attendance) => {
  const numbers = boardNumbers(att, 'theory', rooms)
  const rows = boardRows(att, 'theory')
  const chart = arrivals(rows, roster.subjects[0]!)
  const options = boardFilterOptions(att, 'theory')
  const exceptions = boardExceptions(att, index, 'theory')
  return numbers.total.total + chart.buckets.length + options.rooms.length + exceptions.length
}
const keeper = createAttendanceKeeper()
const afterEvent = () => views(deriveAttendanceKept(keeper, roster, index))
const full = () => views(deriveAttendance(roster, index))

// Candidates no event names yet (every 23rd is absent above): each timed run checks one of them in.
const waiting = candidates.filter((_, i) => i % 23 === 0)
let next = 0
const arrive = () => addEvent(index, desks[next % 3]!.checkIn(waiting[next++]!, 'theory', time(9 * 60 + 5, next)))

// 100 samples: with 30, p95 is the second-worst run and one scheduler hiccup decides it.
const RUNS = 100
function measure(run: () => number, before?: () => void): number[] {
  for (let i = 0; i < 5; i++) run() // warm up the JIT
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    before?.()
    run()
    times.push(performance.now() - t0)
  }
  return times
}
afterEvent() // the keeper's first, full derivation
const live = measure(afterEvent, arrive)
const cold = measure(full)
const p50 = percentile(live, 50)
const p95 = percentile(live, 95)
console.log(
  `board recompute, ${N.toLocaleString('en')} candidates × 2 subjects, ${events.length.toLocaleString('en')} events`,
)
console.log(
  `  after each new event (${RUNS} runs, one more check-in each): median ${fmt(p50)}, p95 ${fmt(p95)}; target ≤ ${TARGET_MS} ms: median ${p50 <= TARGET_MS ? 'met' : 'MISSED'}, p95 ${p95 <= TARGET_MS ? 'met' : 'MISSED'}`,
)
console.log(
  `  full derivation (first load, close or reopen; ${RUNS} runs): median ${fmt(percentile(cold, 50))}, p95 ${fmt(percentile(cold, 95))}`,
)
