/**
 * The signed event log of a desk (sync-protocol.md "Event"). Every event carries the hash of the one
 * before it and an Ed25519 signature by the desk key, so HQ (and the desk itself) can show exactly
 * where a copied, edited, reordered or truncated log stops being trustworthy.
 *
 * Reason codes returned by verifyEvent / verifyChain (the UI translates them):
 * | reason      | meaning                                                                     |
 * | ----------- | --------------------------------------------------------------------------- |
 * | `schema`    | the event is not a well-formed event, or its payload does not fit its type  |
 * | `deviceId`  | the event names another desk than the key that must have signed it          |
 * | `seqGap`    | the seq is not the next one: an event is missing, duplicated or moved       |
 * | `prevHash`  | the event does not point at the hash of the event before it                 |
 * | `hash`      | the stored hash is not the hash of the content: the content was edited      |
 * | `signature` | the signature is not the desk key's signature of the hash                   |
 */
import canonicalize from 'canonicalize'
import {
  bytesToHex,
  deviceIdFromPublicKey,
  exportPublicKeyRaw,
  hexToBytes,
  sha256,
  signBytes,
  toBase64Url,
  tryFromBase64Url,
  utf8,
  verifyBytes,
} from './crypto'
import { EVENT_PAYLOADS, LedgerEvent, UnsignedEvent, type EventPayload, type EventType } from './schemas'

/** Every reason code verifyEvent and verifyChain can return, in the order the checks run. */
export const LEDGER_REASONS = ['schema', 'deviceId', 'seqGap', 'prevHash', 'hash', 'signature'] as const
export type LedgerReason = (typeof LEDGER_REASONS)[number]

/** The prevHash of the first event of every desk. */
export const ZERO_HASH = '0'.repeat(64)

export type EventCheck =
  { ok: true } | { ok: false; reason: Exclude<LedgerReason, 'seqGap' | 'prevHash'>; detail?: string }

export type ChainCheck =
  | { ok: true; count: number; head: { seq: number; hash: string }; events: readonly LedgerEvent[] }
  | {
      ok: false
      /** The seq the broken event should have: its own seq, unless the seq itself is what is wrong. */
      brokenAt: number
      /** Position of the broken event in the array that was checked. */
      index: number
      reason: LedgerReason
      detail?: string
    }

/** What the caller supplies to build an event; hash and sig are computed. */
export interface EventInput<T extends EventType = EventType> {
  deviceId: string
  seq: number
  eventId: string
  sessionId: string
  type: T
  payload: EventPayload<T>
  actor: string | null
  deviceTime: string
  prevHash: string
}

/** Thrown by buildEvent: the desk tried to record something malformed, which is a bug, not a user error. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError'
  constructor(
    readonly part: 'payload' | 'header',
    readonly type: string,
    readonly issues: readonly { path: readonly PropertyKey[]; message: string }[],
  ) {
    super(
      `invalid ${part} for event type ${type}: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    )
  }
}

/**
 * RFC 8785 canonical JSON of the event without hash and sig, as UTF-8. Only the nine signed fields are
 * taken, so extra bookkeeping fields a store may add (acked, …) never change the hash.
 */
export function canonicalEventBytes(e: UnsignedEvent): Uint8Array {
  const text = canonicalize({
    deviceId: e.deviceId,
    seq: e.seq,
    eventId: e.eventId,
    sessionId: e.sessionId,
    type: e.type,
    payload: e.payload,
    actor: e.actor,
    deviceTime: e.deviceTime,
    prevHash: e.prevHash,
  })
  if (text === undefined) throw new TypeError('event cannot be canonicalised')
  return utf8(text)
}

/** The seq and prevHash of the next event after head (null: the desk has no events yet). */
export function nextEventHeader(head: { seq: number; hash: string } | null): { seq: number; prevHash: string } {
  return head === null ? { seq: 1, prevHash: ZERO_HASH } : { seq: head.seq + 1, prevHash: head.hash }
}

/**
 * Signs a 32-byte event hash: a WebCrypto key, or a function when the key lives elsewhere (Electron
 * main holds the desk key and signs over the bridge; the renderer never sees it).
 */
export type EventSigner = CryptoKey | ((digest: Uint8Array) => Promise<Uint8Array>)

/** Validate, hash and sign one event; throws InvalidEventError on a malformed payload or header. */
export async function buildEvent<T extends EventType>(input: EventInput<T>, signer: EventSigner): Promise<LedgerEvent> {
  // hasOwn: a type like 'toString' must not reach Object.prototype.
  if (!Object.hasOwn(EVENT_PAYLOADS, input.type)) {
    throw new InvalidEventError('header', String(input.type), [{ path: ['type'], message: 'unknown event type' }])
  }
  const schema = EVENT_PAYLOADS[input.type]
  const payload = schema.safeParse(input.payload)
  if (!payload.success) throw new InvalidEventError('payload', input.type, payload.error.issues)
  const header = UnsignedEvent.safeParse({ ...input, payload: payload.data })
  if (!header.success) throw new InvalidEventError('header', input.type, header.error.issues)
  // Sign exactly what verifiers will check: the parsed event, with unknown keys stripped.
  const unsigned = header.data
  const digest = await sha256(canonicalEventBytes(unsigned))
  const sig = typeof signer === 'function' ? await signer(digest) : await signBytes(signer, digest)
  // The payload was parsed against the schema of its type above: the event is of that type.
  return { ...unsigned, hash: bytesToHex(digest), sig: toBase64Url(sig) } as LedgerEvent
}

type Failure = { reason: LedgerReason; detail?: string }

/** Checks that need no crypto: well-formed, and of the desk the key belongs to. */
function checkShape(e: unknown, deviceId: string): Failure | null {
  const parsed = LedgerEvent.safeParse(e)
  if (!parsed.success) return { reason: 'schema', detail: firstIssue(parsed.error.issues) }
  const event = e as LedgerEvent
  const payload = EVENT_PAYLOADS[event.type].safeParse(event.payload)
  if (!payload.success) return { reason: 'schema', detail: `payload ${firstIssue(payload.error.issues)}` }
  if (event.deviceId !== deviceId)
    return { reason: 'deviceId', detail: `expected ${deviceId}, found ${event.deviceId}` }
  return null
}

function firstIssue(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const issue = issues[0]
  return issue === undefined ? 'invalid' : `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`
}

/** Hash and signature of a well-formed event; never rejects. */
async function checkCrypto(e: LedgerEvent, publicKey: CryptoKey): Promise<Failure | null> {
  let canonical: Uint8Array
  try {
    canonical = canonicalEventBytes(e)
  } catch (err) {
    // e.g. a NaN hidden in an unknown payload key: nothing a desk could have signed.
    return { reason: 'schema', detail: `not canonicalisable: ${String(err)}` }
  }
  const sig = tryFromBase64Url(e.sig)
  // Both run at once: the hash check does not need the signature result and vice versa.
  const [digest, signed] = await Promise.all([
    sha256(canonical),
    sig === null ? Promise.resolve(false) : verifyBytes(publicKey, sig, hexToBytes(e.hash)),
  ])
  if (bytesToHex(digest) !== e.hash) return { reason: 'hash' }
  if (!signed) return { reason: 'signature' }
  return null
}

const deviceIds = new WeakMap<CryptoKey, Promise<string>>()

/** The deviceId a desk public key stands for, cached per key object. */
function deviceIdOfKey(publicKey: CryptoKey): Promise<string> {
  let id = deviceIds.get(publicKey)
  if (id === undefined) {
    id = exportPublicKeyRaw(publicKey).then(deviceIdFromPublicKey)
    deviceIds.set(publicKey, id)
  }
  return id
}

/** Check one event on its own: well-formed, of this desk, hash of its content, signed by publicKey. */
export async function verifyEvent(e: LedgerEvent, publicKey: CryptoKey): Promise<EventCheck> {
  const failure = checkShape(e, await deviceIdOfKey(publicKey)) ?? (await checkCrypto(e, publicKey))
  if (failure === null) return { ok: true }
  return { ok: false, reason: failure.reason as Exclude<LedgerReason, 'seqGap' | 'prevHash'>, ...detailOf(failure) }
}

function detailOf(f: Failure): { detail?: string } {
  return f.detail === undefined ? {} : { detail: f.detail }
}

/**
 * How many events have their hash and signature checked at once. WebCrypto calls are asynchronous and
 * Node runs them on its thread pool, so keeping a few hundred in flight is several times faster than
 * awaiting one at a time.
 */
const CONCURRENCY = 64

/**
 * Check a run of consecutive events of one desk and name the FIRST broken link. `from` is the head the
 * run continues (what HQ already holds); without it the run must start at seq 1 after ZERO_HASH.
 */
export async function verifyChain(
  input: readonly unknown[],
  publicKey: CryptoKey,
  from?: { seq: number; hash: string },
): Promise<ChainCheck> {
  // Parse at the boundary: whatever came in (a request body, a file, IndexedDB) is checked here, and an
  // intact chain comes back as typed events. Pass 1 stops at the first event whose shape is wrong, so
  // every event before `linked` has passed checkShape: only those are treated as LedgerEvents.
  const events = input as readonly LedgerEvent[]
  const deviceId = await deviceIdOfKey(publicKey)
  const firstSeq = (from?.seq ?? 0) + 1
  // Pass 1, synchronous and cheap: shape and links, up to the first structural break.
  let prevHash = from?.hash ?? ZERO_HASH
  let structural: Failure | null = null
  let linked = 0
  for (; linked < events.length; linked++) {
    const e = events[linked]!
    structural = checkShape(e, deviceId) ?? checkLink(e, firstSeq + linked, prevHash)
    if (structural !== null) break
    prevHash = e.hash
  }
  // Pass 2: hash and signature of the linked events. One of them failing is an earlier break than
  // the structural one, e.g. an edited event whose successor was then re-linked to it.
  const crypto = await firstCryptoFailure(events, linked, publicKey)
  if (crypto !== null) return broken(crypto.index, firstSeq, crypto.failure)
  if (structural !== null) return broken(linked, firstSeq, structural)
  const last = events[events.length - 1]
  const head = last === undefined ? { seq: firstSeq - 1, hash: prevHash } : { seq: last.seq, hash: last.hash }
  return { ok: true, count: events.length, head, events }
}

/** The lowest index below `limit` whose hash or signature fails, checking CONCURRENCY at a time. */
async function firstCryptoFailure(
  events: readonly LedgerEvent[],
  limit: number,
  publicKey: CryptoKey,
): Promise<{ index: number; failure: Failure } | null> {
  let next = 0
  let first: { index: number; failure: Failure } | null = null
  const worker = async (): Promise<void> => {
    while (next < limit) {
      const index = next++
      // Past a known failure nothing can be the first one any more.
      if (first !== null && index > first.index) return
      const failure = await checkCrypto(events[index]!, publicKey)
      if (failure !== null && (first === null || index < first.index)) first = { index, failure }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, limit) }, worker))
  return first
}

function checkLink(e: LedgerEvent, expectedSeq: number, expectedPrevHash: string): Failure | null {
  if (e.seq !== expectedSeq) return { reason: 'seqGap', detail: `expected seq ${expectedSeq}, found ${e.seq}` }
  if (e.prevHash !== expectedPrevHash) return { reason: 'prevHash', detail: `expected ${expectedPrevHash}` }
  return null
}

function broken(index: number, firstSeq: number, failure: Failure): ChainCheck {
  return { ok: false, brokenAt: firstSeq + index, index, reason: failure.reason, ...detailOf(failure) }
}
