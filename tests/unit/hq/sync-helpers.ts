/**
 * Test bench for desk ⇄ HQ: a real HQ server on a random loopback port (PGlite in a temp directory, or
 * PostgreSQL in a schema of its own when DATABASE_URL is set), desks with fake-indexeddb ledgers, and
 * a TCP proxy that drops connections at random points.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, connect, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import pg from 'pg'
import { createLedgerDb, type LedgerDb } from '../../../src-renderer/db/ledger'
import type { DeskKey } from '../../../src-renderer/db/sync-batches'
import type { HqRequest, HqResponse } from '../../../src-shared/bridge'
import {
  deviceIdFromPublicKey,
  exportPublicKeyRaw,
  generateSigningKeyPair,
  signBytes,
} from '../../../src-shared/crypto'
import { buildEvent, nextEventHeader } from '../../../src-shared/ledger'
import type { HqKey } from '../../../src-shared/package-format'
import type { EventPayload, EventType, LedgerEvent } from '../../../src-shared/schemas'
import { readHqKeyFile, type HqSigningKey } from '../../../src-hq/keys'
import { startHq, type HqServer } from '../../../src-hq/server'

export const TRUSTED: HqKey[] = JSON.parse(readFileSync('resources/hq-keys.json', 'utf8'))
export const DEMO_PACKAGE_BYTES = new Uint8Array(readFileSync('resources/demo-session.examdesk'))

let hqKey: Promise<HqSigningKey> | null = null
export function devHqKey(): Promise<HqSigningKey> {
  hqKey ??= readHqKeyFile('resources/dev-hq-key.json').then((r) => {
    if (!r.ok) throw new Error(r.reason)
    return r.key
  })
  return hqKey
}

/** A restartable HQ on one database: PGlite in a temp dir, or a fresh schema on DATABASE_URL. */
export class TestHq {
  server: HqServer | null = null
  /** The port of the last start: while HQ is down, connections to it are refused. */
  port = 0
  /** PGlite only: the data directory of this HQ, removed by dispose(). */
  readonly dir = mkdtempSync(join(tmpdir(), 'examdesk-hq-'))
  /** PostgreSQL only: the schema this HQ lives in, dropped by dispose(). */
  readonly schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
  readonly token = 'test-enrol-token'

  async start(opts: { packages?: Uint8Array[]; rate?: { capacity: number; perSecond: number } } = {}) {
    const url = process.env.DATABASE_URL
    this.server = await startHq({
      db: url ? { url, schema: this.schema } : { dataDir: this.dir },
      key: await devHqKey(),
      trusted: TRUSTED,
      port: 0,
      enrolToken: this.token,
      allowOrigin: 'http://localhost:5174',
      ...(opts.packages ? { packages: opts.packages } : {}),
      ...(opts.rate ? { rate: opts.rate } : {}),
    })
    this.port = this.server.port
    return this.server
  }

  get url(): string {
    return this.server!.url
  }

  async stop(): Promise<void> {
    await this.server?.close()
    this.server = null
  }

  /** Stop HQ and remove its database: the PGlite directory, or on PostgreSQL the schema of this run. */
  async dispose(): Promise<void> {
    await this.stop()
    rmSync(this.dir, { recursive: true, force: true })
    const url = process.env.DATABASE_URL
    if (url) await dropSchema(url, this.schema)
  }

  /** Every row HQ holds for a device, in seq order. */
  async events(deviceId: string): Promise<{ seq: number; hash: string; quarantine: string | null }[]> {
    const rows = await this.server!.ctx.db.query<{ seq: number; hash: string; quarantine: string | null }>(
      'SELECT seq, hash, quarantine FROM events WHERE device_id = $1 ORDER BY seq',
      [deviceId],
    )
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }))
  }

  async alarms(): Promise<{ kind: string; detail: string; device_id: string | null }[]> {
    return this.server!.ctx.db.query('SELECT kind, detail, device_id FROM alarms ORDER BY id')
  }
}

/** Drop a test schema and everything in it (PostgreSQL). */
export async function dropSchema(url: string, schema: string): Promise<void> {
  if (!/^t_[a-z0-9_]+$/.test(schema)) throw new Error(`not a test schema: ${schema}`)
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  } finally {
    await client.end()
  }
}

/** Whether a schema exists (PostgreSQL). */
export async function schemaExists(url: string, schema: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const r = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])
    return r.rowCount === 1
  } finally {
    await client.end()
  }
}

/** HTTP like the web adapter does it: fetch with a timeout. */
export async function fetchRequest(req: HqRequest): Promise<HqResponse> {
  const res = await fetch(req.url, {
    method: req.method,
    headers: req.headers ?? {},
    ...(req.body !== undefined ? { body: req.body } : {}),
    signal: AbortSignal.timeout(req.timeoutMs ?? 30_000),
  })
  return { status: res.status, body: await res.text() }
}

export interface TestDesk extends DeskKey {
  db: LedgerDb
  privateKey: CryptoKey
  publicKeyObject: CryptoKey
}

let dbs = 0
/** A desk with its own key and an empty ledger in fake-indexeddb. */
export async function aDesk(): Promise<TestDesk> {
  const pair = await generateSigningKeyPair()
  const publicKey = await exportPublicKeyRaw(pair.publicKey)
  return {
    db: createLedgerDb(`hq-desk-${process.pid}-${++dbs}-${Math.random()}`, { indexedDB, IDBKeyRange }),
    deviceId: await deviceIdFromPublicKey(publicKey),
    publicKey,
    privateKey: pair.privateKey,
    publicKeyObject: pair.publicKey,
    sign: (d) => signBytes(pair.privateKey, d),
  }
}

/** Append events to a desk's ledger (built and signed like appendEvent, written in one go). */
export async function record<T extends EventType>(
  desk: TestDesk,
  events: { type: T; payload: EventPayload<T>; sessionId?: string; at?: Date }[],
): Promise<LedgerEvent[]> {
  const stored = await desk.db.head.get('head')
  let head: { seq: number; hash: string } | null = stored ? { seq: stored.seq, hash: stored.hash } : null
  const built: LedgerEvent[] = []
  for (const e of events) {
    const ev = await buildEvent(
      {
        deviceId: desk.deviceId,
        ...nextEventHeader(head),
        eventId: crypto.randomUUID(),
        sessionId: e.sessionId ?? 'demo-2024-12-14',
        type: e.type,
        payload: e.payload,
        actor: 'staff-1',
        deviceTime: (e.at ?? new Date('2024-12-14T08:40:00+08:00')).toISOString(),
      },
      desk.privateKey,
    )
    built.push(ev)
    head = { seq: ev.seq, hash: ev.hash }
  }
  await desk.db.transaction('rw', desk.db.events, desk.db.head, async () => {
    await desk.db.events.bulkAdd(built)
    if (head) await desk.db.head.put({ id: 'head', seq: head.seq, hash: head.hash })
  })
  return built
}

/** n notes: the cheapest valid events. */
export const notes = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ type: 'note' as const, payload: { text: `note ${from + i}` } }))

/** Enrol a desk with HQ's token. */
export async function enrol(hq: TestHq, desk: TestDesk): Promise<void> {
  const res = await fetchRequest({
    url: `${hq.url}/v1/devices`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${hq.token}` },
    body: JSON.stringify({ publicKey: desk.publicKey, name: 'test desk' }),
  })
  if (res.status >= 300) throw new Error(`enrol: ${res.status} ${res.body}`)
}

/** A small seeded PRNG, so a failing fault run can be replayed. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A TCP proxy in front of HQ. Each connection, with probability `dropRate`, is cut after a random
 * number of bytes in one direction: a request that never arrives whole, or a reply (an ack) lost
 * after HQ committed.
 */
export class FlakyProxy {
  private server: Server | null = null
  private readonly sockets = new Set<Socket>()
  dropped = 0
  port = 0

  constructor(
    private readonly target: () => number,
    private readonly random: () => number,
    public dropRate: number,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((client) => this.handle(client))
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok))
    this.port = (this.server.address() as { port: number }).port
    return `http://127.0.0.1:${this.port}`
  }

  private handle(client: Socket): void {
    const upstream = connect(this.target(), '127.0.0.1')
    this.sockets.add(client).add(upstream)
    const cut = () => {
      this.dropped++
      client.destroy()
      upstream.destroy()
    }
    const drop = this.random() < this.dropRate
    const inRequest = this.random() < 0.5
    let budget = drop ? Math.floor(this.random() * 20_000) : Infinity
    const forward = (from: Socket, to: Socket, counts: boolean) =>
      from.on('data', (chunk: Buffer) => {
        if (counts && drop) {
          if (chunk.length >= budget) {
            if (budget > 0) to.write(chunk.subarray(0, budget))
            return cut()
          }
          budget -= chunk.length
        }
        to.write(chunk)
      })
    forward(client, upstream, inRequest)
    forward(upstream, client, !inRequest)
    const end = () => {
      client.destroy()
      upstream.destroy()
      this.sockets.delete(client)
      this.sockets.delete(upstream)
    }
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>((ok) => this.server?.close(() => ok()) ?? ok())
  }
}
