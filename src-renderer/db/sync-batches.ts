/**
 * The pieces of desk → HQ sync that touch the ledger: cutting signed batches, accepting HQ's signed
 * acknowledgement (only for events this desk holds, with exactly the hash HQ names), the sync lease
 * that lets one tab sync at a time, and the signed export file for a USB stick.
 */
import { toBase64Url, utf8 } from '../../src-shared/crypto'
import type { HqKey } from '../../src-shared/package-format'
import type { LedgerEvent } from '../../src-shared/schemas'
import {
  AckReply,
  contentBytes,
  digestOf,
  MAX_BATCH_BYTES,
  verifyReceipt,
  type ExportContent,
  type ExportFile,
} from '../../src-shared/sync-format'
import { localIso } from '../clock'
import type { LedgerDb, SyncRecord } from './ledger'

export interface DeskKey {
  deviceId: string
  publicKey: string
  sign(digest: Uint8Array): Promise<Uint8Array>
}

export interface Batch {
  fromSeq: number
  toSeq: number
  count: number
  /** The exact body bytes; the request signature covers them. */
  body: Uint8Array
  sig: string
}

/** Room for the body's envelope under the 1 MiB limit. */
const BATCH_BUDGET = MAX_BATCH_BYTES - 4096
const MAX_BATCH_EVENTS = 2000

/** The batch of events from `fromSeq` on, as many as fit under 1 MiB; null when there is none. */
export async function nextBatch(
  db: LedgerDb,
  key: DeskKey,
  fromSeq: number,
  now: Date,
  maxEvents = MAX_BATCH_EVENTS,
): Promise<Batch | null> {
  let events: LedgerEvent[] = await db.events
    .where('seq')
    .between(fromSeq, fromSeq + maxEvents, true, false)
    .toArray()
  if (events.length === 0) return null
  // Only the contiguous run: a hole would be refused as a gap anyway.
  const hole = events.findIndex((e, i) => e.seq !== fromSeq + i)
  if (hole > 0) events = events.slice(0, hole)
  for (;;) {
    const body = utf8(JSON.stringify({ deviceId: key.deviceId, deskTime: localIso(now), events }))
    if (body.byteLength <= BATCH_BUDGET || events.length === 1) {
      const sig = toBase64Url(await key.sign(await digestOf(body)))
      return { fromSeq, toSeq: events[events.length - 1]!.seq, count: events.length, body, sig }
    }
    events = events.slice(0, Math.max(1, Math.floor(events.length / 2)))
  }
}

export type AckCheck =
  | { ok: true; reply: AckReply; advanced: boolean }
  | { ok: false; reason: 'badReply' | 'badReceipt' | 'hqAhead' | 'hqMismatch' }

/**
 * Check a head or upload reply and record it: schema, HQ's signature, this desk, and the event at
 * `ackedSeq` is one this desk holds with that very hash. The acked seq only moves forward; the
 * receipt is kept whenever it does.
 */
export async function acceptAck(
  db: LedgerDb,
  deviceId: string,
  body: unknown,
  trusted: readonly HqKey[],
  now: Date,
): Promise<AckCheck> {
  const parsed = AckReply.safeParse(body)
  if (!parsed.success) return { ok: false, reason: 'badReply' }
  const reply = parsed.data
  const c = reply.receipt.content
  if (c.deviceId !== deviceId || c.ackedSeq !== reply.ackedSeq || c.headHash !== reply.headHash)
    return { ok: false, reason: 'badReceipt' }
  if (!(await verifyReceipt(reply.receipt, trusted))) return { ok: false, reason: 'badReceipt' }
  if (reply.ackedSeq > 0) {
    const mine = await db.events.get(reply.ackedSeq)
    if (!mine) return { ok: false, reason: 'hqAhead' }
    if (mine.hash !== reply.headHash) return { ok: false, reason: 'hqMismatch' }
  }
  const advanced = await db.transaction('rw', db.sync, db.receipts, async () => {
    const sync = await readSync(db)
    if (reply.ackedSeq <= sync.ackedSeq) return false
    await db.sync.put({ ...sync, ackedSeq: reply.ackedSeq, headHash: reply.headHash, lastError: null })
    await db.receipts.add({
      receivedAt: now.toISOString(),
      ackedSeq: reply.ackedSeq,
      receipt: JSON.stringify(reply.receipt),
    })
    return true
  })
  return { ok: true, reply, advanced }
}

/** The sync row, or the state before the first sync. */
export async function readSync(db: LedgerDb): Promise<SyncRecord> {
  return (
    (await db.sync.get('sync')) ?? { id: 'sync', ackedSeq: 0, headHash: null, lastError: null, lastAttemptAt: null }
  )
}

/** Note an attempt and its outcome on the sync row (what the screen shows as the last error). */
export async function noteAttempt(db: LedgerDb, error: string | null, at: Date): Promise<void> {
  await db.transaction('rw', db.sync, async () => {
    const sync = await readSync(db)
    await db.sync.put({ ...sync, lastError: error, lastAttemptAt: at.toISOString() })
  })
}

const LEASE_KEY = 'syncLease'
interface Lease {
  holder: string
  until: number
}

/**
 * Take or renew the sync lease for `ms` milliseconds: one sync at a time across every tab and window
 * of this desk. A crashed tab's lease simply runs out.
 */
export async function takeLease(db: LedgerDb, holder: string, nowMs: number, ms: number): Promise<boolean> {
  return db.transaction('rw', db.settings, async () => {
    const lease = (await db.settings.get(LEASE_KEY))?.value as Lease | undefined
    if (lease && lease.holder !== holder && lease.until > nowMs) return false
    await db.settings.put({ key: LEASE_KEY, value: { holder, until: nowMs + ms } satisfies Lease })
    return true
  })
}

/** Give the lease back (only if it is still ours). */
export async function releaseLease(db: LedgerDb, holder: string): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const lease = (await db.settings.get(LEASE_KEY))?.value as Lease | undefined
    if (lease?.holder === holder) await db.settings.delete(LEASE_KEY)
  })
}

/** The signed export file: every event of this desk, in the very batches an upload sends. */
export async function buildExportFile(
  db: LedgerDb,
  key: DeskKey,
  now: Date,
): Promise<{ bytes: Uint8Array; events: number }> {
  const batches: ExportContent['batches'] = []
  const decoder = new TextDecoder()
  let seq = 1
  let events = 0
  for (;;) {
    const batch = await nextBatch(db, key, seq, now)
    if (!batch) break
    batches.push({ body: decoder.decode(batch.body), sig: batch.sig })
    events += batch.count
    seq = batch.toSeq + 1
  }
  const content: ExportContent = {
    format: 'examdesk-export/1',
    deviceId: key.deviceId,
    publicKey: key.publicKey,
    exportedAt: localIso(now),
    headSeq: seq - 1,
    batches,
  }
  const sig = toBase64Url(await key.sign(await digestOf(contentBytes(content))))
  const file: ExportFile = { content, sig }
  return { bytes: utf8(JSON.stringify(file)), events }
}
