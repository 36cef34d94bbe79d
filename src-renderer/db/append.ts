/**
 * Appending to the ledger (sync-protocol.md "Appending"): one writer; read the head, build and sign the
 * event outside the transaction (signing may cross the bridge to main), then in one strict transaction
 * check the head is unchanged, add the event and advance the head. A check-in shows as done only after
 * this returns.
 */
import { buildEvent, nextEventHeader } from '../../src-shared/ledger'
import type { EventPayload, EventType, LedgerEvent } from '../../src-shared/schemas'
import { localIso } from '../clock'
import type { LedgerDb } from './ledger'

export interface DeskSigner {
  deviceId: string
  sign(digest: Uint8Array): Promise<Uint8Array>
}

export interface NewEvent<T extends EventType> {
  sessionId: string
  type: T
  payload: EventPayload<T>
  actor: string | null
}

export class HeadMovedError extends Error {
  constructor() {
    super('the ledger head moved while an event was being signed')
  }
}

const MAX_ATTEMPTS = 5
let queue: Promise<unknown> = Promise.resolve()

/** Append one event, serialised with every other append of this page. */
export function appendEvent<T extends EventType>(
  db: LedgerDb,
  desk: DeskSigner,
  event: NewEvent<T>,
  now: () => Date = () => new Date(),
): Promise<LedgerEvent> {
  const run = queue.then(() => appendOnce(db, desk, event, now))
  queue = run.catch(() => undefined)
  return run
}

async function appendOnce<T extends EventType>(db: LedgerDb, desk: DeskSigner, event: NewEvent<T>, now: () => Date) {
  for (let attempt = 1; ; attempt++) {
    const head = (await db.head.get('head')) ?? null
    const built = await buildEvent(
      {
        deviceId: desk.deviceId,
        ...nextEventHeader(head),
        eventId: crypto.randomUUID(),
        sessionId: event.sessionId,
        type: event.type,
        payload: event.payload,
        actor: event.actor,
        deviceTime: localIso(now()),
      },
      (digest) => desk.sign(digest),
    )
    try {
      await db.transaction('rw', db.events, db.head, async () => {
        const current = (await db.head.get('head')) ?? null
        // Another window of this desk wrote in between: sign again on the new head.
        if ((current?.hash ?? null) !== (head?.hash ?? null)) throw new HeadMovedError()
        await db.events.add(built)
        await db.head.put({ id: 'head', seq: built.seq, hash: built.hash })
      })
      return built
    } catch (err) {
      if (!(err instanceof HeadMovedError) || attempt >= MAX_ATTEMPTS) throw err
    }
  }
}
