/**
 * Ingesting a batch of one desk's events (sync-protocol.md "Upload"): the ONE code path for an HTTP
 * upload and for every batch of an export file. Verify outside the lock (hashes and signatures depend
 * only on the key and on rows that never change once written), then in one transaction with the
 * device row locked: re-check the head, compare retried events with what is stored (same hash: no-op;
 * other hash: fork), insert the new ones and advance the head.
 *
 * Quarantine codes (stored in events.quarantine; the event is kept and the head advances):
 * | code               | meaning                                                            |
 * | ------------------ | ------------------------------------------------------------------ |
 * | `unknownSession`   | a check-in/override/invoice for a session HQ has no package of      |
 * | `unknownCandidate` | a check-in/override/invoice for an admit card not on the roster     |
 */
import { importPublicKeyRaw } from '../src-shared/crypto'
import { verifyChain, ZERO_HASH } from '../src-shared/ledger'
import { admitCardNoOf, type LedgerEvent } from '../src-shared/schemas'
import { signReceipt, UploadBody, verifyDeskSig, type AckReply, type HqReason } from '../src-shared/sync-format'
import type { Db, Queryable } from './db/query'
import type { HqSigningKey } from './keys'
import type { RosterCache } from './rosters'

export const QUARANTINE_CODES = ['unknownSession', 'unknownCandidate'] as const
export type QuarantineCode = (typeof QUARANTINE_CODES)[number]

export interface HqContext {
  db: Db
  key: HqSigningKey
  rosters: RosterCache
  now: () => Date
}

export type IngestResult =
  | { ok: true; reply: AckReply; stored: number }
  | { ok: false; status: number; error: HqReason; detail?: string; seq?: number }

interface DeviceRow {
  public_key: string
  acked_seq: string | number
  head_hash: string
}

const keyCache = new Map<string, Promise<CryptoKey>>()
function deviceKey(publicKey: string): Promise<CryptoKey> {
  let k = keyCache.get(publicKey)
  if (k === undefined) {
    k = importPublicKeyRaw(publicKey)
    keyCache.set(publicKey, k)
  }
  return k
}

const fail = (status: number, error: HqReason, extra: { detail?: string; seq?: number } = {}): IngestResult => ({
  ok: false,
  status,
  error,
  ...extra,
})

/** Raise an alarm for HQ's operator (outside any transaction that is about to roll back). */
export async function raiseAlarm(db: Queryable, now: Date, deviceId: string | null, kind: string, detail: unknown) {
  await db.query('INSERT INTO alarms (at, device_id, kind, detail) VALUES ($1, $2, $3, $4)', [
    now.toISOString(),
    deviceId,
    kind,
    JSON.stringify(detail),
  ])
}

/** A signed statement of what HQ holds for this device. */
export async function ackOf(
  ctx: HqContext,
  deviceId: string,
  ackedSeq: number,
  headHash: string,
  counts = { stored: 0, quarantined: 0 },
): Promise<AckReply> {
  const receipt = await signReceipt(
    { format: 'examdesk-receipt/1', deviceId, ackedSeq, headHash, ...counts, issuedAt: ctx.now().toISOString() },
    ctx.key,
  )
  return { ackedSeq, headHash, receipt }
}

/**
 * Ingest one upload: `raw` is the exact body the desk signed, `sig` its request signature.
 * `source` only labels the rows; a file batch goes through every check an HTTP batch does.
 */
export async function ingestUpload(
  ctx: HqContext,
  deviceId: string,
  raw: Uint8Array,
  sig: string | undefined,
  source: 'http' | 'file',
): Promise<IngestResult> {
  let body: UploadBody
  try {
    const parsed = UploadBody.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw)))
    if (!parsed.success) return fail(400, 'badRequest', { detail: parsed.error.issues[0]?.message ?? 'schema' })
    body = parsed.data
  } catch {
    return fail(400, 'badRequest', { detail: 'not JSON' })
  }
  if (body.deviceId !== deviceId) return fail(400, 'deviceId')
  const device = await readDevice(ctx.db, deviceId)
  if (!device) return fail(403, 'notEnrolled')
  const key = await deviceKey(device.public_key)
  if (sig === undefined || !(await verifyDeskSig(key, sig, raw))) return fail(403, 'requestSig')
  const now = ctx.now()
  const deskOffsetMs = source === 'http' ? Date.parse(body.deskTime) - now.getTime() : null

  const events = body.events
  const firstSeq = firstSeqOf(events)
  if (firstSeq === null) {
    // Nothing new: record the clock and answer with the head (an empty batch is a signed ping).
    await ctx.db.query('UPDATE devices SET clock_offset_ms = COALESCE($2, clock_offset_ms) WHERE device_id = $1', [
      deviceId,
      deskOffsetMs,
    ])
    return { ok: true, reply: await ackOf(ctx, deviceId, Number(device.acked_seq), device.head_hash), stored: 0 }
  }
  if (firstSeq > Number(device.acked_seq) + 1)
    return fail(409, 'gap', { detail: `expected seq ≤ ${Number(device.acked_seq) + 1}`, seq: firstSeq })

  // Verify the whole batch against the hash HQ holds before it: immutable once written, so no lock needed.
  const prevHash = firstSeq === 1 ? ZERO_HASH : await storedHash(ctx.db, deviceId, firstSeq - 1)
  if (prevHash === null) return fail(409, 'gap', { seq: firstSeq })
  const check = await verifyChain(events, key, { seq: firstSeq - 1, hash: prevHash })
  if (!check.ok) {
    await raiseAlarm(ctx.db, now, deviceId, 'refusedEvent', { reason: check.reason, seq: check.brokenAt, source })
    return fail(422, check.reason, { seq: check.brokenAt, ...(check.detail ? { detail: check.detail } : {}) })
  }
  const batch = check.events
  const marks = await Promise.all(batch.map((e) => quarantineOf(ctx.rosters, e)))

  const outcome = await ctx.db.transaction(async (tx) => {
    const [locked] = await tx.query<DeviceRow>(
      'SELECT public_key, acked_seq, head_hash FROM devices WHERE device_id = $1 FOR UPDATE',
      [deviceId],
    )
    const acked = Number(locked!.acked_seq)
    // Retried events: each must be the very event HQ holds at that seq.
    const retried = batch.filter((e) => e.seq <= acked)
    if (retried.length > 0) {
      const stored = await tx.query<{ seq: string | number; hash: string }>(
        'SELECT seq, hash FROM events WHERE device_id = $1 AND seq BETWEEN $2 AND $3',
        [deviceId, retried[0]!.seq, retried[retried.length - 1]!.seq],
      )
      const byseq = new Map(stored.map((r) => [Number(r.seq), r.hash]))
      const forked = retried.find((e) => byseq.get(e.seq) !== e.hash)
      if (forked) return { fork: forked.seq, held: byseq.get(forked.seq) ?? null, sent: forked.hash }
    }
    const fresh = batch.filter((e) => e.seq > acked)
    const freshMarks = marks.slice(batch.length - fresh.length)
    if (fresh.length > 0) {
      await tx.query(
        `INSERT INTO events (device_id, seq, event_id, session_id, type, hash, body, received_at, source, quarantine)
         SELECT $1, t.seq, t.event_id, t.session_id, t.type, t.hash, t.body, $8, $9, t.q
         FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $10::text[])
           AS t(seq, event_id, session_id, type, hash, body, q)`,
        [
          deviceId,
          fresh.map((e) => e.seq),
          fresh.map((e) => e.eventId),
          fresh.map((e) => e.sessionId),
          fresh.map((e) => e.type),
          fresh.map((e) => e.hash),
          fresh.map((e) => JSON.stringify(e)),
          now.toISOString(),
          source,
          freshMarks,
        ],
      )
    }
    const last = fresh[fresh.length - 1]
    const ackedSeq = last?.seq ?? acked
    const headHash = last?.hash ?? locked!.head_hash
    await tx.query(
      `UPDATE devices SET acked_seq = $2, head_hash = $3, clock_offset_ms = COALESCE($4, clock_offset_ms),
         last_upload_at = $5 WHERE device_id = $1`,
      [deviceId, ackedSeq, headHash, deskOffsetMs, now.toISOString()],
    )
    return { ackedSeq, headHash, stored: fresh.length, quarantined: freshMarks.filter((q) => q !== null).length }
  })
  if ('fork' in outcome) {
    await raiseAlarm(ctx.db, now, deviceId, 'fork', {
      seq: outcome.fork,
      held: outcome.held,
      sent: outcome.sent,
      source,
    })
    return fail(409, 'fork', { seq: outcome.fork })
  }
  if (outcome.quarantined > 0) {
    await raiseAlarm(ctx.db, now, deviceId, 'quarantined', { count: outcome.quarantined, source })
  }
  const counts = { stored: outcome.stored, quarantined: outcome.quarantined }
  return {
    ok: true,
    reply: await ackOf(ctx, deviceId, outcome.ackedSeq, outcome.headHash, counts),
    stored: outcome.stored,
  }
}

/** The device row as it stands (no lock). */
export async function readDevice(db: Queryable, deviceId: string): Promise<DeviceRow | undefined> {
  const [row] = await db.query<DeviceRow>('SELECT public_key, acked_seq, head_hash FROM devices WHERE device_id = $1', [
    deviceId,
  ])
  return row
}

async function storedHash(db: Queryable, deviceId: string, seq: number): Promise<string | null> {
  const [row] = await db.query<{ hash: string }>('SELECT hash FROM events WHERE device_id = $1 AND seq = $2', [
    deviceId,
    seq,
  ])
  return row?.hash ?? null
}

/** The seq the batch claims to start at; null for an empty batch (shape errors are left to verifyChain). */
function firstSeqOf(events: readonly unknown[]): number | null {
  if (events.length === 0) return null
  const seq = (events[0] as { seq?: unknown } | null)?.seq
  return typeof seq === 'number' && Number.isInteger(seq) && seq >= 1 ? seq : 1
}

const CANDIDATE_TYPES = new Set(['checkIn', 'override', 'invoiceHandedOver'])

/** The domain rule a correctly signed event breaks, if any. */
async function quarantineOf(rosters: RosterCache, e: LedgerEvent): Promise<QuarantineCode | null> {
  if (!CANDIDATE_TYPES.has(e.type)) return null
  const roster = await rosters.get(e.sessionId)
  if (roster === null) return 'unknownSession'
  const no = admitCardNoOf(e)
  return no !== undefined && roster.admitCardNos.has(no) ? null : 'unknownCandidate'
}
