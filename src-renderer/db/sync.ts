/**
 * "上传到总部": desk → HQ sync (sync-protocol.md "Upload"). One sync at a time (a lease in the ledger
 * that holds across tabs); after any failure it asks HQ's head again and resumes from there, waiting
 * with exponential backoff and full jitter; an ack counts only after its signed receipt checks out
 * against an event this desk holds. Nothing on the desk is deleted.
 *
 * Reason codes of SyncResult (the sync page translates them):
 * | reason        | meaning                                                                          |
 * | ------------- | -------------------------------------------------------------------------------- |
 * | `busy`        | another tab or window of this desk is syncing                                      |
 * | `notEnrolled` | HQ does not know this desk: enter HQ's enrolment token                             |
 * | `unreachable` | HQ did not answer (network, HQ down, overloaded) after every retry                 |
 * | `fork`        | HQ holds another event under one of this desk's seqs: call HQ, do not retry        |
 * | `refused`     | HQ refused an event as malformed, edited or forged (`detail` names it)             |
 * | `badReceipt`  | HQ's reply is not signed by a trusted HQ key, or not about this desk               |
 * | `hqAhead`     | HQ claims events this desk does not have                                           |
 * | `hqMismatch`  | HQ's head hash differs from this desk's event at that seq                          |
 * | `rejected`    | HQ answered with another error (`detail` has its code)                             |
 */
import type { HqRequest, HqResponse } from '../../src-shared/bridge'
import type { HqKey } from '../../src-shared/package-format'
import { REQUEST_SIG_HEADER, type Receipt } from '../../src-shared/sync-format'
import type { LedgerDb } from './ledger'
import { acceptAck, nextBatch, noteAttempt, readSync, releaseLease, takeLease, type DeskKey } from './sync-batches'

export const SYNC_REASONS = [
  'busy',
  'notEnrolled',
  'unreachable',
  'fork',
  'refused',
  'badReceipt',
  'hqAhead',
  'hqMismatch',
  'rejected',
] as const
export type SyncReason = (typeof SYNC_REASONS)[number]

export interface SyncProgress {
  phase: 'head' | 'upload' | 'waiting' | 'done'
  batches: number
  events: number
  bytes: number
  ackedSeq: number
  headSeq: number
  /** While waiting: the failed attempts so far and the pause before the next one. */
  failures: number
  retryInMs?: number
}

export type SyncResult =
  | { ok: true; progress: SyncProgress; receipt: Receipt | null }
  | { ok: false; reason: SyncReason; detail?: string; progress: SyncProgress }

export interface SyncOptions {
  db: LedgerDb
  key: DeskKey
  hqUrl: string
  request(req: HqRequest): Promise<HqResponse>
  trusted: readonly HqKey[]
  onProgress?(p: SyncProgress): void
  /** Consecutive failures before giving up (default 8). */
  maxFailures?: number
  backoff?: { baseMs: number; capMs: number }
  sleep?(ms: number): Promise<void>
  random?(): number
  now?(): Date
  /** Events per batch at most (default 2000; batches also stay under 1 MiB). */
  maxBatchEvents?: number
  /** Who holds the lease; one per tab by default. */
  holder?: string
}

const LEASE_MS = 60_000
const TAB = typeof crypto !== 'undefined' ? crypto.randomUUID() : 'tab'

/** Full jitter: a random pause up to base·2^(n−1), capped, so many desks never retry in step. */
export function backoffMs(failures: number, random: () => number, base = 500, cap = 30_000): number {
  return Math.floor(random() * Math.min(cap, base * 2 ** Math.max(0, failures - 1)))
}

class Retry extends Error {}
class Stop extends Error {
  constructor(
    readonly reason: SyncReason,
    readonly detail?: string,
  ) {
    super(reason)
  }
}

/** Upload every event HQ does not hold yet. Never throws for HQ or network trouble: answers why. */
export async function syncToHq(o: SyncOptions): Promise<SyncResult> {
  const now = o.now ?? (() => new Date())
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const random = o.random ?? Math.random
  const holder = o.holder ?? TAB
  const base = o.hqUrl.replace(/\/+$/, '')
  const device = `${base}/v1/devices/${o.key.deviceId}`
  const local = await readSync(o.db)
  const progress: SyncProgress = {
    phase: 'head',
    batches: 0,
    events: 0,
    bytes: 0,
    ackedSeq: local.ackedSeq,
    headSeq: (await o.db.head.get('head'))?.seq ?? 0,
    failures: 0,
  }
  const report = () => o.onProgress?.({ ...progress })
  if (!(await takeLease(o.db, holder, Date.now(), LEASE_MS))) return { ok: false, reason: 'busy', progress }
  let receipt: Receipt | null = null

  /** One HTTP exchange; network trouble, 5xx and 429 are worth a retry, other errors are not. */
  const call = async (req: HqRequest): Promise<{ status: number; json: unknown }> => {
    let res: HqResponse
    try {
      res = await o.request(req)
    } catch (err) {
      throw new Retry(String(err))
    }
    if (res.status >= 500 || res.status === 429) throw new Retry(`HTTP ${res.status}`)
    let json: unknown = null
    try {
      json = JSON.parse(res.body)
    } catch {
      if (res.status < 300) throw new Retry('reply is not JSON')
    }
    if (res.status >= 300) {
      const error = String((json as { error?: unknown } | null)?.error ?? res.status)
      if (error === 'notEnrolled') throw new Stop('notEnrolled')
      if (error === 'fork') throw new Stop('fork', `seq ${(json as { seq?: number }).seq}`)
      if (error === 'gap' || error === 'rateLimited') throw new Retry(error)
      if (res.status === 422) throw new Stop('refused', `${error} seq ${(json as { seq?: number }).seq}`)
      throw new Stop('rejected', error)
    }
    return { status: res.status, json }
  }
  const accept = async (json: unknown) => {
    const r = await acceptAck(o.db, o.key.deviceId, json, o.trusted, now())
    if (!r.ok) throw new Stop(r.reason === 'badReply' ? 'badReceipt' : r.reason)
    progress.ackedSeq = Math.max(progress.ackedSeq, r.reply.ackedSeq)
    receipt = r.reply.receipt
    return r.reply.ackedSeq
  }

  try {
    let hqAcked: number | null = null // null: ask HQ's head first (always, after any failure)
    for (;;) {
      await takeLease(o.db, holder, Date.now(), LEASE_MS)
      try {
        if (hqAcked === null) {
          progress.phase = 'head'
          report()
          hqAcked = await accept((await call({ url: `${device}/head`, method: 'GET' })).json)
        }
        progress.headSeq = (await o.db.head.get('head'))?.seq ?? 0
        const batch = await nextBatch(o.db, o.key, hqAcked + 1, now(), o.maxBatchEvents)
        if (!batch) break
        progress.phase = 'upload'
        report()
        const body = new TextDecoder().decode(batch.body)
        const sent = await call({
          url: `${device}/events`,
          method: 'POST',
          headers: { 'content-type': 'application/json', [REQUEST_SIG_HEADER]: batch.sig },
          body,
          timeoutMs: 60_000,
        })
        const acked = await accept(sent.json)
        // An ack is taken only for events this batch carried (or HQ already held).
        if (acked < batch.fromSeq - 1 || acked > batch.toSeq) throw new Stop('badReceipt', `acked ${acked}`)
        hqAcked = acked
        progress.batches += 1
        progress.events += batch.count
        progress.bytes += batch.body.byteLength
        progress.failures = 0
        await noteAttempt(o.db, null, now())
      } catch (err) {
        if (!(err instanceof Retry)) throw err
        hqAcked = null
        progress.failures += 1
        await noteAttempt(o.db, `unreachable: ${err.message}`, now())
        if (progress.failures >= (o.maxFailures ?? 8)) throw new Stop('unreachable', err.message)
        progress.phase = 'waiting'
        progress.retryInMs = backoffMs(progress.failures, random, o.backoff?.baseMs, o.backoff?.capMs)
        report()
        await takeLease(o.db, holder, Date.now(), LEASE_MS + progress.retryInMs)
        await sleep(progress.retryInMs)
        delete progress.retryInMs
      }
    }
    progress.phase = 'done'
    report()
    await noteAttempt(o.db, null, now())
    return { ok: true, progress, receipt }
  } catch (err) {
    if (!(err instanceof Stop)) throw err
    await noteAttempt(o.db, err.detail ? `${err.reason}: ${err.detail}` : err.reason, now())
    return { ok: false, reason: err.reason, ...(err.detail ? { detail: err.detail } : {}), progress }
  } finally {
    await releaseLease(o.db, holder)
  }
}

/** Enrol this desk with HQ using the token HQ's operator gives out. */
export async function enrolWithHq(o: {
  hqUrl: string
  token: string
  key: Pick<DeskKey, 'publicKey'>
  name?: string
  request(req: HqRequest): Promise<HqResponse>
}): Promise<{ ok: true } | { ok: false; reason: 'unauthorized' | 'unreachable' | 'rejected' }> {
  try {
    const res = await o.request({
      url: `${o.hqUrl.replace(/\/+$/, '')}/v1/devices`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token.trim()}` },
      body: JSON.stringify({ publicKey: o.key.publicKey, ...(o.name ? { name: o.name.slice(0, 100) } : {}) }),
    })
    if (res.status === 200 || res.status === 201) return { ok: true }
    return { ok: false, reason: res.status === 401 ? 'unauthorized' : 'rejected' }
  } catch {
    return { ok: false, reason: 'unreachable' }
  }
}
