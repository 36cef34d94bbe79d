/**
 * The ledger events of a session as attendance reads them: an index by admit card number (voids go with
 * the event they void, even when they arrive first), event instants and their order across desks, and
 * whether a subject is closed. Part of attendance.ts, which re-exports the public names.
 */
import { admitCardNoOf, type LedgerEvent, type SubjectCode } from './schemas'

/** Events grouped for the desk's fast path; grow it with `addEvent` as events arrive. */
export interface EventIndex {
  /** Every event that names the candidate, plus the voids of those events. */
  byAdmitCardNo: Map<string, LedgerEvent[]>
  byEventId: Map<string, LedgerEvent>
  /** subjectClosed / subjectReopened. */
  subjectEvents: LedgerEvent[]
  /** Voids whose target has not arrived (yet), by target eventId. */
  pendingVoids: Map<string, LedgerEvent[]>
  /** Events that lost a clash of eventIds (same id, different hash). */
  displaced: LedgerEvent[]
}

// ───────────────────────────── reading events ─────────────────────────────

/** One frozen empty list, shared by the (many) candidates with nothing to list: 20,000 fresh ones are measurable GC. */
export const NONE: readonly never[] = Object.freeze([])

// Payloads were validated by zod when the ledger accepted them (parse at the boundary); they are typed by
// their event's type (LedgerEvent is a union): read them as `e.type === 'void' && e.payload.targetEventId`.

/** The event's deviceTime as epoch milliseconds (offsets honoured). */
export function instantOf(e: LedgerEvent): number {
  return parseInstant(e.deviceTime)
}

const digits = (s: string, from: number, n: number): number => {
  let v = 0
  for (let i = from; i < from + n; i++) {
    const d = s.charCodeAt(i) - 48
    if (d < 0 || d > 9) return NaN
    v = v * 10 + d
  }
  return v
}

/**
 * `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)` to epoch ms; other shapes go to Date.parse. Date.parse was the
 * largest single cost of recomputing 30,000 events (the desk does that after every scan).
 */
export function parseInstant(s: string): number {
  if (s.length < 20 || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return Date.parse(s)
  let i = 19
  let ms = 0
  if (s[i] === '.') {
    let scale = 100
    for (i++; i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57; i++, scale /= 10)
      ms += (s.charCodeAt(i) - 48) * scale
  }
  let offset = 0
  if (s[i] === '+' || s[i] === '-') {
    if (s.length !== i + 6 || s[i + 3] !== ':') return Date.parse(s)
    offset = (s[i] === '-' ? -1 : 1) * (digits(s, i + 1, 2) * 60 + digits(s, i + 4, 2))
  } else if (s[i] !== 'Z' || s.length !== i + 1) {
    return Date.parse(s)
  }
  const utc = Date.UTC(
    digits(s, 0, 4),
    digits(s, 5, 2) - 1,
    digits(s, 8, 2),
    digits(s, 11, 2),
    digits(s, 14, 2),
    digits(s, 17, 2),
    Math.floor(ms),
  )
  return Number.isNaN(utc) ? Date.parse(s) : utc - offset * 60_000
}

/** Deterministic event order across desks: device time as an instant, then deviceId, then seq. */
export function compareEvents(a: LedgerEvent, b: LedgerEvent): number {
  const d = instantOf(a) - instantOf(b)
  if (d !== 0) return d
  if (a.deviceId !== b.deviceId) return a.deviceId < b.deviceId ? -1 : 1
  return a.seq - b.seq
}

// ───────────────────────────── index ─────────────────────────────

/** An empty index, to be filled with `addEvent`. */
export function createEventIndex(): EventIndex {
  return {
    byAdmitCardNo: new Map(),
    byEventId: new Map(),
    subjectEvents: [],
    pendingVoids: new Map(),
    displaced: [],
  }
}

/** Group events by admit card number (voids go with the event they void), for the desk's fast path. */
export function indexEvents(events: readonly LedgerEvent[]): EventIndex {
  const index = createEventIndex()
  for (const e of events) addEvent(index, e)
  return index
}

/** Add one event to the index; returns the admit card numbers whose attendance may have changed. */
export function addEvent(index: EventIndex, e: LedgerEvent): string[] {
  const existing = index.byEventId.get(e.eventId)
  if (existing) {
    if (existing.hash === e.hash) return [] // the same event again (a re-sync): nothing to do
    // Keep the smaller hash so that the outcome does not depend on arrival order.
    if (existing.hash < e.hash) {
      index.displaced.push(e)
      return []
    }
    index.displaced.push(existing)
    replaceEvent(index, existing, e)
    const no = ownerOf(index, e)
    return no === undefined ? [] : [no]
  }
  index.byEventId.set(e.eventId, e)
  if (e.type === 'subjectClosed' || e.type === 'subjectReopened') {
    index.subjectEvents.push(e)
    return []
  }
  const no = ownerOf(index, e)
  if (no === undefined) {
    if (e.type === 'void') pushTo(index.pendingVoids, e.payload.targetEventId, e)
    return []
  }
  attach(index, no, e)
  return [no]
}

/** The admit card number an event belongs to: its own, or (for a void) that of the event it voids. */
function ownerOf(index: EventIndex, e: LedgerEvent): string | undefined {
  // Bounded walk: a chain of voids of voids is an anomaly, and a cycle must not hang the desk.
  let current: LedgerEvent | undefined = e
  for (let depth = 0; current && depth < 8; depth++) {
    if (current.type !== 'void') return admitCardNoOf(current)
    current = index.byEventId.get(current.payload.targetEventId)
  }
  return undefined
}

function attach(index: EventIndex, no: string, e: LedgerEvent): void {
  pushTo(index.byAdmitCardNo, no, e)
  // Voids that arrived before their target (from another desk) follow it now, and voids of those voids too.
  const waiting = index.pendingVoids.size === 0 ? undefined : index.pendingVoids.get(e.eventId)
  if (!waiting) return
  index.pendingVoids.delete(e.eventId)
  for (const v of waiting) attach(index, no, v)
}

function replaceEvent(index: EventIndex, old: LedgerEvent, e: LedgerEvent): void {
  index.byEventId.set(e.eventId, e)
  const lists = [index.subjectEvents, ...index.byAdmitCardNo.values(), ...index.pendingVoids.values()]
  for (const list of lists) {
    const i = list.indexOf(old)
    if (i >= 0) list[i] = e
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

// ───────────────────────────── subject closing ─────────────────────────────

/** True when the newest subjectClosed / subjectReopened event for the subject is a close. */
export function subjectIsClosed(events: readonly LedgerEvent[], subject: SubjectCode): boolean {
  let newest: LedgerEvent | undefined
  for (const e of events) {
    if (e.type !== 'subjectClosed' && e.type !== 'subjectReopened') continue
    if (e.payload.subject !== subject) continue
    if (!newest || compareEvents(e, newest) > 0) newest = e
  }
  return newest?.type === 'subjectClosed'
}
