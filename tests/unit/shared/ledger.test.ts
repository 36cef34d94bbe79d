import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  deviceIdFromPublicKey,
  exportPublicKeyRaw,
  fromBase64Url,
  generateSigningKeyPair,
  hexToBytes,
  sha256Hex,
  verifyBytes,
} from '../../../src-shared/crypto'
import {
  LEDGER_REASONS,
  ZERO_HASH,
  buildEvent,
  canonicalEventBytes,
  InvalidEventError,
  nextEventHeader,
  verifyChain,
  verifyEvent,
  type EventInput,
} from '../../../src-shared/ledger'
import type { EventType, LedgerEvent } from '../../../src-shared/schemas'

// ───────────────────────────── factories ─────────────────────────────

interface Desk {
  keys: CryptoKeyPair
  deviceId: string
}

async function aDesk(): Promise<Desk> {
  const keys = await generateSigningKeyPair()
  return { keys, deviceId: await deviceIdFromPublicKey(await exportPublicKeyRaw(keys.publicKey)) }
}

/** A plausible morning at one desk, cycled: login, check-ins, a refusal, a note, a void. */
const SCRIPT: { type: EventType; payload: (i: number) => Record<string, unknown> }[] = [
  { type: 'login', payload: () => ({ staffId: 'proctor-01' }) },
  {
    type: 'checkIn',
    payload: (i) => ({
      admitCardNo: `2024120100${100 + i}`,
      subject: 'theory',
      method: 'qr',
      verdict: 'admit',
      reasons: [],
      checklist: { faceMatches: true, originalDocumentSeen: true },
      presented: { name: '张三' },
    }),
  },
  {
    type: 'refusal',
    payload: (i) => ({ admitCardNo: `2024120100${100 + i}`, subject: 'skills', reasons: ['notRegisteredForSubject'] }),
  },
  { type: 'note', payload: (i) => ({ text: `考生 ${i} 自带计算器，已收存` }) },
  { type: 'void', payload: (i) => ({ targetEventId: `evt-${String(i - 3).padStart(8, '0')}`, reason: '误签到' }) },
]

function anEventInput(desk: Desk, overrides: Partial<EventInput> = {}): EventInput {
  return {
    deviceId: desk.deviceId,
    ...nextEventHeader(null),
    eventId: 'evt-00000001',
    sessionId: 'CECC-2024-12-BJ01',
    type: 'note',
    payload: { text: '开考前检查完毕' },
    actor: 'proctor-01',
    deviceTime: '2024-12-14T08:05:00+08:00',
    ...overrides,
  } as EventInput
}

/** n events of one desk, correctly chained from seq 1 (or after `from`). */
async function aChain(
  desk: Desk,
  n: number,
  from: { seq: number; hash: string } | null = null,
): Promise<LedgerEvent[]> {
  const events: LedgerEvent[] = []
  let head = from
  for (let i = 0; i < n; i++) {
    const step = SCRIPT[i % SCRIPT.length]!
    const header = nextEventHeader(head)
    const minute = String(header.seq % 60).padStart(2, '0')
    const e = await buildEvent(
      anEventInput(desk, {
        ...header,
        eventId: `evt-${String(header.seq).padStart(8, '0')}`,
        type: step.type,
        payload: step.payload(header.seq) as EventInput['payload'],
        deviceTime: `2024-12-14T08:${minute}:00+08:00`,
      }),
      desk.keys.privateKey,
    )
    events.push(e)
    head = { seq: e.seq, hash: e.hash }
  }
  return events
}

const copy = <T>(x: T): T => structuredClone(x)

let desk: Desk
let otherDesk: Desk
let chain: LedgerEvent[]

beforeAll(async () => {
  desk = await aDesk()
  otherDesk = await aDesk()
  chain = await aChain(desk, 10)
})

// ───────────────────────────── rules ─────────────────────────────

describe('reason codes', () => {
  it('lists every reason verifyChain can give, for the UI to translate', () => {
    expect([...LEDGER_REASONS].sort()).toEqual(['deviceId', 'hash', 'prevHash', 'schema', 'seqGap', 'signature'])
  })
})

describe('canonical bytes of an event', () => {
  it('are RFC 8785 JSON of the nine signed fields, keys sorted, no whitespace', () => {
    const e = anEventInput(desk, { payload: { text: '开考' } })
    expect(new TextDecoder().decode(canonicalEventBytes(e))).toBe(
      `{"actor":"proctor-01","deviceId":"${desk.deviceId}","deviceTime":"2024-12-14T08:05:00+08:00",` +
        `"eventId":"evt-00000001","payload":{"text":"开考"},"prevHash":"${ZERO_HASH}","seq":1,` +
        `"sessionId":"CECC-2024-12-BJ01","type":"note"}`,
    )
  })

  it('do not depend on the order in which keys were written', () => {
    const e = anEventInput(desk, { payload: { admitCardNo: '2024120100101', text: 'x' } })
    const reordered = Object.fromEntries(Object.entries(e).reverse()) as unknown as typeof e
    reordered.payload = { text: 'x', admitCardNo: '2024120100101' }
    expect(canonicalEventBytes(reordered)).toEqual(canonicalEventBytes(e))
  })

  it('leave out hash, sig and any bookkeeping field a store adds', () => {
    const e = chain[0]!
    const { hash: _hash, sig: _sig, ...unsigned } = e
    expect(canonicalEventBytes({ ...e, acked: true } as unknown as LedgerEvent)).toEqual(canonicalEventBytes(unsigned))
  })
})

describe('the next event header', () => {
  it('starts a desk at seq 1 after the zero hash', () => {
    expect(nextEventHeader(null)).toEqual({ seq: 1, prevHash: '0'.repeat(64) })
  })

  it('continues after the head: next seq, pointing at the head hash', () => {
    expect(nextEventHeader({ seq: 7, hash: 'ab'.repeat(32) })).toEqual({ seq: 8, prevHash: 'ab'.repeat(32) })
  })
})

describe('building an event', () => {
  it('hashes the canonical bytes with SHA-256 and signs the 32 raw hash bytes with the desk key', async () => {
    const e = await buildEvent(anEventInput(desk), desk.keys.privateKey)
    expect(e.hash).toBe(await sha256Hex(canonicalEventBytes(e)))
    expect(fromBase64Url(e.sig)).toHaveLength(64)
    expect(await verifyBytes(desk.keys.publicKey, fromBase64Url(e.sig), hexToBytes(e.hash))).toBe(true)
  })

  it('refuses a payload that does not fit its event type (a bug, so it throws)', async () => {
    const bad = anEventInput(desk, { type: 'checkIn', payload: { admitCardNo: '2024120100101' } as never })
    const error = await buildEvent(bad, desk.keys.privateKey).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidEventError)
    expect(error).toMatchObject({ part: 'payload', type: 'checkIn' })
  })

  it('refuses an event type the ledger does not know, even one named like an Object method', async () => {
    const bad = anEventInput(desk, { type: 'toString' as EventType })
    await expect(buildEvent(bad, desk.keys.privateKey)).rejects.toMatchObject({ part: 'header' })
  })

  it('refuses a header verifiers would reject, such as a device time without offset', async () => {
    const bad = anEventInput(desk, { deviceTime: '2024-12-14T08:05:00' })
    await expect(buildEvent(bad, desk.keys.privateKey)).rejects.toBeInstanceOf(InvalidEventError)
  })

  it('signs the payload as parsed: keys its type does not know are dropped, not smuggled in', async () => {
    const e = await buildEvent(
      anEventInput(desk, { payload: { text: 'x', secret: 'y' } as never }),
      desk.keys.privateKey,
    )
    expect(e.payload).toEqual({ text: 'x' })
    expect(await verifyEvent(e, desk.keys.publicKey)).toEqual({ ok: true })
  })
})

describe('verifying one event', () => {
  it('accepts an event of this desk, as built', async () => {
    expect(await verifyEvent(chain[3]!, desk.keys.publicKey)).toEqual({ ok: true })
  })

  it('refuses an edited payload as a hash mismatch', async () => {
    const e = copy(chain[1]!)
    ;(e.payload as Record<string, unknown>).admitCardNo = '2024120100999'
    expect(await verifyEvent(e, desk.keys.publicKey)).toMatchObject({ ok: false, reason: 'hash' })
  })

  it('refuses an event that names this desk but was signed by another key', async () => {
    const forged = await buildEvent(anEventInput(desk), otherDesk.keys.privateKey)
    expect(await verifyEvent(forged, desk.keys.publicKey)).toMatchObject({ ok: false, reason: 'signature' })
  })

  it('refuses an event of another desk', async () => {
    expect(await verifyEvent(chain[0]!, otherDesk.keys.publicKey)).toMatchObject({ ok: false, reason: 'deviceId' })
  })

  it('refuses as schema an event whose payload does not fit its type, or that is no event at all', async () => {
    const e = copy(chain[3]!) // a note
    e.type = 'login'
    expect(await verifyEvent(e, desk.keys.publicKey)).toMatchObject({ ok: false, reason: 'schema' })
    expect(await verifyEvent(null as never, desk.keys.publicKey)).toMatchObject({ ok: false, reason: 'schema' })
  })

  it('refuses as schema a value no desk could have signed (NaN hidden in an extra payload key)', async () => {
    const e = copy(chain[3]!)
    ;(e.payload as Record<string, unknown>).extra = Number.NaN
    expect(await verifyEvent(e, desk.keys.publicKey)).toMatchObject({ ok: false, reason: 'schema' })
  })
})

describe('verifying a chain', () => {
  it('accepts an intact chain and reports its length and head', async () => {
    const last = chain[chain.length - 1]!
    expect(await verifyChain(chain, desk.keys.publicKey)).toEqual({
      ok: true,
      count: 10,
      head: { seq: 10, hash: last.hash },
      events: chain,
    })
  })

  it('parses at the boundary: events read back from JSON (unknown) come back typed once the chain holds', async () => {
    const wire: unknown[] = JSON.parse(JSON.stringify(chain))
    const r = await verifyChain(wire, desk.keys.publicKey)
    if (!r.ok) throw new Error(`chain refused: ${r.reason}`)
    expect(r.events).toEqual(chain)
    const first = r.events.find((e) => e.type === 'checkIn')
    // Typed: a check-in's payload has its fields, no cast, no field read by name.
    expect(first?.type === 'checkIn' && first.payload.admitCardNo).toMatch(/^\d+$/)
    expect(
      await verifyChain([{ ...(wire[0] as object), payload: 'not an object' }], desk.keys.publicKey),
    ).toMatchObject({
      ok: false,
      reason: 'schema',
    })
  })

  it('accepts a chain that went through JSON (upload, USB export) unchanged', async () => {
    const transported = JSON.parse(JSON.stringify(chain)) as LedgerEvent[]
    expect(await verifyChain(transported, desk.keys.publicKey)).toMatchObject({ ok: true })
  })

  it('accepts an empty run, whose head is where it started', async () => {
    expect(await verifyChain([], desk.keys.publicKey)).toEqual({
      ok: true,
      count: 0,
      head: { seq: 0, hash: ZERO_HASH },
      events: [],
    })
    const from = { seq: 4, hash: chain[3]!.hash }
    expect(await verifyChain([], desk.keys.publicKey, from)).toEqual({ ok: true, count: 0, head: from, events: [] })
  })

  it('accepts a batch that continues the head HQ already holds', async () => {
    const from = { seq: 5, hash: chain[4]!.hash }
    expect(await verifyChain(chain.slice(5), desk.keys.publicKey, from)).toMatchObject({ ok: true, count: 5 })
  })

  it('refuses a batch that does not start at seq 1 when no head is given', async () => {
    expect(await verifyChain(chain.slice(5), desk.keys.publicKey)).toMatchObject({
      ok: false,
      reason: 'seqGap',
      brokenAt: 1,
      index: 0,
    })
  })

  it('refuses a removed event as a seq gap at the missing seq', async () => {
    const gapped = [...chain.slice(0, 3), ...chain.slice(4)]
    expect(await verifyChain(gapped, desk.keys.publicKey)).toMatchObject({ ok: false, reason: 'seqGap', brokenAt: 4 })
  })

  it('refuses a replayed (duplicated) event', async () => {
    const replayed = [...chain.slice(0, 5), chain[4]!, ...chain.slice(5)]
    expect(await verifyChain(replayed, desk.keys.publicKey)).toMatchObject({ ok: false, reason: 'seqGap', brokenAt: 6 })
  })

  it('refuses two swapped events at the first of them', async () => {
    const swapped = [...chain.slice(0, 2), chain[3]!, chain[2]!, ...chain.slice(4)]
    expect(await verifyChain(swapped, desk.keys.publicKey)).toMatchObject({ ok: false, reason: 'seqGap', brokenAt: 3 })
  })

  it('refuses an edited payload as a hash mismatch at that seq', async () => {
    const edited = copy(chain)
    ;(edited[6]!.payload as Record<string, unknown>).admitCardNo = '2024120100999'
    expect(await verifyChain(edited, desk.keys.publicKey)).toMatchObject({ ok: false, reason: 'hash', brokenAt: 7 })
  })

  it('refuses an edit whose hash was recomputed, because the signature no longer fits', async () => {
    const edited = copy(chain)
    const e = edited[6]!
    ;(e.payload as Record<string, unknown>).admitCardNo = '2024120100999'
    e.hash = await sha256Hex(canonicalEventBytes(e))
    edited[7]!.prevHash = e.hash
    expect(await verifyChain(edited, desk.keys.publicKey)).toMatchObject({
      ok: false,
      reason: 'signature',
      brokenAt: 7,
    })
  })

  it("refuses a chain re-signed by another key under this desk's deviceId", async () => {
    const forged = await aChain({ keys: otherDesk.keys, deviceId: desk.deviceId }, 3)
    expect(await verifyChain(forged, desk.keys.publicKey)).toMatchObject({
      ok: false,
      reason: 'signature',
      brokenAt: 1,
    })
  })

  it('refuses an event of another desk spliced in', async () => {
    const foreign = (await aChain(otherDesk, 3))[2]!
    const spliced = [...chain.slice(0, 2), foreign, ...chain.slice(3)]
    expect(await verifyChain(spliced, desk.keys.publicKey)).toMatchObject({
      ok: false,
      reason: 'deviceId',
      brokenAt: 3,
    })
  })

  it('refuses a fork: a correctly signed event that points at another predecessor', async () => {
    const fork = await buildEvent(
      anEventInput(desk, { seq: 3, prevHash: chain[0]!.hash, eventId: 'evt-fork0003' }),
      desk.keys.privateKey,
    )
    const forked = [...chain.slice(0, 2), fork, ...chain.slice(3)]
    expect(await verifyChain(forked, desk.keys.publicKey)).toMatchObject({ ok: false, reason: 'prevHash', brokenAt: 3 })
  })

  it('refuses a batch that does not continue the head it claims to', async () => {
    const wrongHead = { seq: 5, hash: chain[3]!.hash }
    expect(await verifyChain(chain.slice(5), desk.keys.publicKey, wrongHead)).toMatchObject({
      ok: false,
      reason: 'prevHash',
      brokenAt: 6,
      index: 0,
    })
  })

  it('names the first broken link when there are several', async () => {
    const edited = copy(chain)
    ;(edited[7]!.payload as Record<string, unknown>).text = 'changed'
    edited[2]!.actor = 'siteManager-01'
    expect(await verifyChain(edited, desk.keys.publicKey)).toMatchObject({ ok: false, reason: 'hash', brokenAt: 3 })
  })

  it('names an edited event before a later gap, though the gap is found without crypto', async () => {
    const edited = copy(chain)
    edited[1]!.deviceTime = '2024-12-14T07:00:00+08:00'
    const gapped = [...edited.slice(0, 5), ...edited.slice(6)]
    expect(await verifyChain(gapped, desk.keys.publicKey)).toMatchObject({ ok: false, reason: 'hash', brokenAt: 2 })
  })

  it('refuses a malformed event as schema at its position', async () => {
    const broken = [...chain.slice(0, 4), { ...chain[4]!, hash: 'not a hash' }, ...chain.slice(5)]
    expect(await verifyChain(broken, desk.keys.publicKey)).toMatchObject({ ok: false, reason: 'schema', brokenAt: 5 })
  })

  it('checks long chains too, beyond one batch of concurrent checks', async () => {
    const long = await aChain(desk, 300)
    expect(await verifyChain(long, desk.keys.publicKey)).toMatchObject({ ok: true, count: 300 })
    const edited = copy(long)
    edited[250]!.actor = 'someone-else'
    edited[290]!.actor = 'someone-else'
    expect(await verifyChain(edited, desk.keys.publicKey)).toMatchObject({ ok: false, reason: 'hash', brokenAt: 251 })
  })
})

// ───────────────────────────── properties ─────────────────────────────

/** Replace the character at `at` (modulo length) with `by`; null if that changes nothing. */
function replaceChar(s: string, at: number, by: string): string | null {
  const i = at % s.length
  const out = s.slice(0, i) + by + s.slice(i + 1)
  return out === s ? null : out
}

type Field =
  | 'payloadString'
  | 'seq'
  | 'deviceTime'
  | 'actor'
  | 'prevHash'
  | 'hash'
  | 'sig'
  | 'eventId'
  | 'sessionId'
  | 'deviceId'
  | 'type'
const FIELDS: Field[] = [
  'payloadString',
  'seq',
  'deviceTime',
  'actor',
  'prevHash',
  'hash',
  'sig',
  'eventId',
  'sessionId',
  'deviceId',
  'type',
]

/** Every string leaf of a payload, with a setter. */
function stringLeaves(value: Record<string, unknown>): { get: () => string; set: (s: string) => void }[] {
  const out: { get: () => string; set: (s: string) => void }[] = []
  const walk = (o: Record<string, unknown> | unknown[]) => {
    for (const [k, v] of Object.entries(o)) {
      const key = Array.isArray(o) ? Number(k) : k
      const holder = o as Record<string | number, unknown>
      if (typeof v === 'string') out.push({ get: () => holder[key] as string, set: (s) => (holder[key] = s) })
      else if (v !== null && typeof v === 'object') walk(v as Record<string, unknown>)
    }
  }
  walk(value)
  return out
}

/** Change one character (or the seq by a small amount) of one field; false if the change is a no-op. */
function mutate(e: LedgerEvent, field: Field, at: number, by: string, delta: number): boolean {
  if (field === 'seq') {
    e.seq += delta
    return delta !== 0
  }
  if (field === 'payloadString') {
    const leaves = stringLeaves(e.payload)
    const leaf = leaves[at % leaves.length]!
    const next = leaf.get().length === 0 ? null : replaceChar(leaf.get(), Math.floor(at / leaves.length), by)
    if (next === null) return false
    leaf.set(next)
    return true
  }
  const record = e as unknown as Record<string, string>
  const next = replaceChar(record[field]!, at, by)
  if (next === null) return false
  record[field] = next
  return true
}

describe('tamper evidence (property)', () => {
  it("detects a change of one character in any field of any stored event, and names that event's seq", async () => {
    const base = chain.slice(0, 6)
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: base.length - 1 }),
        fc.constantFrom(...FIELDS),
        fc.nat({ max: 10_000 }),
        fc.oneof(fc.string({ minLength: 1, maxLength: 1 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
        fc.integer({ min: -3, max: 3 }),
        async (index, field, at, by, delta) => {
          const events = copy(base)
          fc.pre(mutate(events[index]!, field, at, by, delta))
          const result = await verifyChain(events, desk.keys.publicKey)
          expect(result).toMatchObject({ ok: false, brokenAt: index + 1, index })
        },
      ),
      { numRuns: 300 },
    )
  })

  it('accepts chains of notes with any text, also after a JSON round trip', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 4 }),
        async (texts) => {
          const events: LedgerEvent[] = []
          let head: { seq: number; hash: string } | null = null
          for (const text of texts) {
            const e: LedgerEvent = await buildEvent(
              anEventInput(desk, { ...nextEventHeader(head), payload: { text } }),
              desk.keys.privateKey,
            )
            events.push(e)
            head = { seq: e.seq, hash: e.hash }
          }
          const transported = JSON.parse(JSON.stringify(events)) as LedgerEvent[]
          expect(await verifyChain(transported, desk.keys.publicKey)).toMatchObject({ ok: true, count: texts.length })
        },
      ),
      { numRuns: 50 },
    )
  })
})
