/** This desk as the ledger sees it: its deviceId, a signer backed by the platform's key, and `record`. */
import type { EventPayload, EventType, LedgerEvent } from '../src-shared/schemas'
import { ledger } from './db'
import { appendEvent, type DeskSigner } from './db/append'
import { platform } from './platform'

let signer: Promise<DeskSigner> | null = null

export function deskSigner(): Promise<DeskSigner> {
  signer ??= platform.deskIdentity().then((id) => ({ deviceId: id.deviceId, sign: (d) => platform.signDigest(d) }))
  return signer
}

type Recorded = (e: LedgerEvent) => void
const listeners = new Set<Recorded>()

/**
 * The one way this page records an event: sign it with the desk's key, append it in one strict-durability
 * transaction, and hand it to whoever follows the ledger in memory (the desk's index) at once, before the
 * live query of the ledger brings it again. `at` is the instant the decision was taken (default: now).
 */
export async function record<T extends EventType>(
  sessionId: string,
  type: T,
  payload: EventPayload<T>,
  actor: string | null,
  at?: Date,
): Promise<LedgerEvent> {
  const event = await appendEvent(ledger, await deskSigner(), { sessionId, type, payload, actor }, at && (() => at))
  for (const l of listeners) l(event)
  return event
}

/** Follow what this page records; returns the unsubscribe. */
export function onRecorded(listener: Recorded): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
