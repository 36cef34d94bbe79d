/** The desk log's reads: this desk's latest events of the kinds it shows, and the events their voids name. */
import type { LedgerEvent } from '../../src-shared/schemas'
import type { LedgerDb } from './ledger'

export interface DeskLogEvents {
  /** Newest first. */
  events: LedgerEvent[]
  /** The targets of the voids among `events`, by event id: a void may take back an event older than any row. */
  targets: Map<string, LedgerEvent>
}

export async function deskLogEvents(
  db: LedgerDb,
  sessionId: string,
  types: readonly string[],
  limit: number,
): Promise<DeskLogEvents> {
  const events = await db.events
    .orderBy('seq')
    .reverse()
    .filter((e) => e.sessionId === sessionId && types.includes(e.type))
    .limit(limit)
    .toArray()
  const ids = events.flatMap((e) => (e.type === 'void' ? [e.payload.targetEventId] : []))
  const found = ids.length > 0 ? await db.events.where('eventId').anyOf(ids).toArray() : []
  return { events, targets: new Map(found.map((e) => [e.eventId, e])) }
}
