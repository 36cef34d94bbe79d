/**
 * Desk → HQ sync against the real server (sync-protocol.md "Upload", "Offline transfer", "Merging").
 * Runs on PGlite by default and on PostgreSQL when DATABASE_URL is set (.ci/run does both).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildExportFile, readSync } from '../../../src-renderer/db/sync-batches'
import { syncToHq } from '../../../src-renderer/db/sync'
import { toBase64Url } from '../../../src-shared/crypto'
import { buildEvent, verifyChain } from '../../../src-shared/ledger'
import { digestOf, Receipt, REQUEST_SIG_HEADER, verifyReceipt } from '../../../src-shared/sync-format'
import { demoManifest } from '../../e2e/demo'
import {
  aDesk,
  DEMO_PACKAGE_BYTES,
  enrol,
  fetchRequest,
  FlakyProxy,
  notes,
  record,
  seeded,
  TestHq,
  TRUSTED,
  type TestDesk,
} from './sync-helpers'

vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 })

const fast = { sleep: async () => undefined, backoff: { baseMs: 1, capMs: 5 } }

const sync = (desk: TestDesk, hqUrl: string, extra: Partial<Parameters<typeof syncToHq>[0]> = {}) =>
  syncToHq({ db: desk.db, key: desk, hqUrl, request: fetchRequest, trusted: TRUSTED, ...fast, ...extra })

/** A check-in of a demo candidate, as a desk records it. */
const checkIn = (admitCardNo: string, at: string) => ({
  type: 'checkIn' as const,
  at: new Date(at),
  payload: {
    admitCardNo,
    subject: 'theory' as const,
    method: 'qr' as const,
    verdict: 'admit' as const,
    reasons: [],
    checklist: { faceMatches: true, originalDocumentSeen: true },
  },
})

let hq: TestHq
beforeAll(async () => {
  hq = new TestHq()
  await hq.start({ packages: [DEMO_PACKAGE_BYTES] })
})
afterAll(async () => hq.dispose())

describe('exactly once through faults', () => {
  let proxy: FlakyProxy | null = null
  afterEach(async () => {
    await proxy?.stop()
    proxy = null
  })

  it('holds every event exactly once after dropped connections and an HQ restart in the middle of batches', async () => {
    const desk = await aDesk()
    await enrol(hq, desk)
    const sent = await record(desk, notes(1200))
    const random = seeded(6)
    proxy = new FlakyProxy(() => hq.port, random, 0.7)
    const url = await proxy.start()
    // HQ restarts twice while a batch is in flight: right after the 5th and the 15th batch went out.
    const restarts: Promise<void>[] = []
    const onProgress = (p: { phase: string; batches: number }) => {
      if (p.phase === 'upload' && (p.batches === 5 || p.batches === 15) && restarts.length < (p.batches === 5 ? 1 : 2))
        restarts.push(
          (async () => {
            await new Promise((r) => setTimeout(r, random() * 10))
            await hq.stop()
            await hq.start()
          })(),
        )
    }
    let attempts = 0
    let result
    do {
      attempts++
      result = await sync(desk, url, { maxBatchEvents: 40, random, onProgress })
    } while (!result.ok && attempts < 40)
    await Promise.all(restarts)
    expect(result).toMatchObject({ ok: true })
    expect(proxy.dropped).toBeGreaterThan(0)
    expect(restarts).toHaveLength(2)

    const held = await hq.events(desk.deviceId)
    expect(held.map((e) => e.seq)).toEqual(sent.map((e) => e.seq))
    expect(held.map((e) => e.hash)).toEqual(sent.map((e) => e.hash))
    expect((await readSync(desk.db)).ackedSeq).toBe(1200)
  }, 120_000)

  it('answers a lost ack with the same ack: resending changes nothing', async () => {
    const desk = await aDesk()
    await enrol(hq, desk)
    await record(desk, notes(30))
    expect(await sync(desk, hq.url)).toMatchObject({ ok: true })
    // The desk forgets the ack (as if the reply was lost) and sends everything again.
    await desk.db.sync.clear()
    const again = await sync(desk, hq.url)
    expect(again).toMatchObject({ ok: true, progress: { ackedSeq: 30, events: 0 } })
    expect(await hq.events(desk.deviceId)).toHaveLength(30)
  })
})

describe('receipts', () => {
  it('keeps HQ’s signed receipt, which verifies with the HQ key shipped with the desk', async () => {
    const desk = await aDesk()
    await enrol(hq, desk)
    await record(desk, notes(5))
    const r = await sync(desk, hq.url)
    expect(r.ok).toBe(true)
    const kept = await desk.db.receipts.toArray()
    expect(kept.at(-1)?.ackedSeq).toBe(5)
    const receipt = Receipt.parse(JSON.parse(kept.at(-1)!.receipt))
    expect(await verifyReceipt(receipt, TRUSTED)).toBe(true)
    expect(receipt.content).toMatchObject({ deviceId: desk.deviceId, ackedSeq: 5, stored: 5 })
  })

  it('refuses an ack whose receipt is not signed by HQ, and moves nothing', async () => {
    const desk = await aDesk()
    await enrol(hq, desk)
    await record(desk, notes(3))
    const tampering = async (req: Parameters<typeof fetchRequest>[0]) => {
      const res = await fetchRequest(req)
      const body = JSON.parse(res.body)
      if (body.receipt) body.receipt.content.ackedSeq = body.ackedSeq = 3
      return { ...res, body: JSON.stringify(body) }
    }
    expect(await sync(desk, hq.url, { request: tampering })).toMatchObject({ ok: false, reason: 'badReceipt' })
    expect((await readSync(desk.db)).ackedSeq).toBe(0)
  })

  it('refuses an ack for events this desk never sent', async () => {
    const desk = await aDesk()
    await enrol(hq, desk)
    await record(desk, notes(3))
    const other = await aDesk()
    await enrol(hq, other)
    await record(other, notes(9))
    await sync(other, hq.url)
    // A mixed-up HQ answers with another desk's head: HQ claims a seq this desk does not have.
    const confused = (req: Parameters<typeof fetchRequest>[0]) =>
      fetchRequest({ ...req, url: req.url.replace(desk.deviceId, other.deviceId) })
    expect(await sync(desk, hq.url, { request: confused })).toMatchObject({ ok: false, reason: 'badReceipt' })
    expect((await readSync(desk.db)).ackedSeq).toBe(0)
  })
})

describe('offline transfer', () => {
  const ingest = (bytes: Uint8Array, token = hq.token) =>
    fetchRequest({
      url: `${hq.url}/v1/ingest`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: new TextDecoder().decode(bytes),
    })

  it('ingests an export file of a desk that was never online, and the same file twice changes nothing', async () => {
    const desk = await aDesk()
    const sent = await record(desk, notes(700))
    const { bytes } = await buildExportFile(desk.db, desk, new Date())
    const first = await ingest(bytes)
    expect(first.status).toBe(200)
    expect(JSON.parse(first.body)).toMatchObject({ stored: 700, reply: { ackedSeq: 700 } })
    const second = await ingest(bytes)
    expect(JSON.parse(second.body)).toMatchObject({ stored: 0, reply: { ackedSeq: 700 } })
    expect((await hq.events(desk.deviceId)).map((e) => e.hash)).toEqual(sent.map((e) => e.hash))
    // Later the desk goes online: HTTP picks up where the file stopped.
    await record(desk, notes(2, 700))
    expect(await sync(desk, hq.url)).toMatchObject({ ok: true, progress: { events: 2, ackedSeq: 702 } })
  })

  it('refuses a file without the operator token, and a file whose signature does not match', async () => {
    const desk = await aDesk()
    await record(desk, notes(2))
    const { bytes } = await buildExportFile(desk.db, desk, new Date())
    expect((await ingest(bytes, 'wrong')).status).toBe(401)
    const file = JSON.parse(new TextDecoder().decode(bytes))
    file.content.exportedAt = '2030-01-01T00:00:00.000+08:00'
    const res = await ingest(new TextEncoder().encode(JSON.stringify(file)))
    expect([res.status, JSON.parse(res.body).error]).toEqual([422, 'badFile'])
    expect(await hq.events(desk.deviceId)).toHaveLength(0)
  })
})

describe('what HQ refuses', () => {
  /** POST one batch as the desk would, optionally with a body or signature of our own making. */
  async function post(desk: TestDesk, events: unknown[], opts: { sig?: string | null } = {}) {
    const body = JSON.stringify({ deviceId: desk.deviceId, deskTime: new Date().toISOString(), events })
    const sig =
      opts.sig === undefined ? toBase64Url(await desk.sign(await digestOf(new TextEncoder().encode(body)))) : opts.sig
    const res = await fetchRequest({
      url: `${hq.url}/v1/devices/${desk.deviceId}/events`,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(sig ? { [REQUEST_SIG_HEADER]: sig } : {}) },
      body,
    })
    return { status: res.status, ...JSON.parse(res.body) }
  }
  let desk: TestDesk
  beforeAll(async () => {
    desk = await aDesk()
    await enrol(hq, desk)
  })

  it('refuses an event signed by another key (forged), names its seq and raises an alarm', async () => {
    const forger = await aDesk()
    const [e] = await record(forger, notes(1))
    const forged = { ...e!, deviceId: desk.deviceId }
    expect(await post(desk, [forged])).toMatchObject({ status: 422, seq: 1 })
    expect((await hq.alarms()).some((a) => a.kind === 'refusedEvent')).toBe(true)
    expect(await hq.events(desk.deviceId)).toHaveLength(0)
  })

  it('refuses an edited event (its hash no longer matches)', async () => {
    const other = await aDesk()
    await enrol(hq, other)
    const [a, b] = await record(other, notes(2))
    const edited = { ...b!, payload: { text: 'changed afterwards' } }
    expect(await post(other, [a!, edited])).toMatchObject({ status: 422, error: 'hash', seq: 2 })
    expect(await hq.events(other.deviceId)).toHaveLength(0)
  })

  it('refuses reordered events', async () => {
    const other = await aDesk()
    await enrol(hq, other)
    const [a, b, c] = await record(other, notes(3))
    expect(await post(other, [a!, c!, b!])).toMatchObject({ status: 422, error: 'seqGap', seq: 2 })
  })

  it('refuses a gap: a batch that does not continue what HQ holds', async () => {
    const other = await aDesk()
    await enrol(hq, other)
    const [, b] = await record(other, notes(2))
    expect(await post(other, [b!])).toMatchObject({ status: 409, error: 'gap' })
  })

  it('refuses a fork: another event under a seq HQ already holds, with an alarm', async () => {
    const other = await aDesk()
    await enrol(hq, other)
    const [a] = await record(other, notes(1))
    expect(await post(other, [a!])).toMatchObject({ status: 200, ackedSeq: 1 })
    const twin = await buildEvent({ ...a!, payload: { text: 'another first event' } }, other.privateKey)
    expect(await post(other, [twin])).toMatchObject({ status: 409, error: 'fork', seq: 1 })
    expect((await hq.alarms()).some((x) => x.kind === 'fork' && x.detail.includes(a!.hash))).toBe(true)
    expect((await hq.events(other.deviceId)).map((e) => e.hash)).toEqual([a!.hash])
  })

  it('refuses an upload without the desk’s request signature, and a desk HQ never enrolled', async () => {
    const [e] = await record(desk, notes(1))
    expect(await post(desk, [e!], { sig: null })).toMatchObject({ status: 403, error: 'requestSig' })
    const stranger = await aDesk()
    expect(await post(stranger, [])).toMatchObject({ status: 403, error: 'notEnrolled' })
    expect(await sync(stranger, hq.url)).toMatchObject({ ok: false, reason: 'notEnrolled' })
  })

  it('refuses enrolment without the token, a body over 1 MiB, and a foreign browser origin', async () => {
    const stranger = await aDesk()
    const enrolment = await fetchRequest({
      url: `${hq.url}/v1/devices`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ publicKey: stranger.publicKey }),
    })
    expect(enrolment.status).toBe(401)
    const huge = await fetchRequest({
      url: `${hq.url}/v1/devices/${desk.deviceId}/events`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(1_200_000) }),
    })
    expect([huge.status, JSON.parse(huge.body).error]).toEqual([413, 'tooLarge'])
    const foreign = await fetch(`${hq.url}/v1/sessions`, { headers: { origin: 'http://evil.example' } })
    expect(foreign.status).toBe(403)
    const allowed = await fetch(`${hq.url}/v1/sessions`, { headers: { origin: 'http://localhost:5174' } })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5174')
  })
})

describe('merging desks at HQ', () => {
  it('flags one conflict when two desks check in the same candidate for the same subject, and shows it on the page', async () => {
    const m = await demoManifest()
    const both = m.candidates.filter((c) => c.sittings.some((s) => s.subject === 'theory'))
    const [twice, once] = [both[0]!.admitCardNo, both[1]!.admitCardNo]
    const deskA = await aDesk()
    const deskB = await aDesk()
    await enrol(hq, deskA)
    await enrol(hq, deskB)
    await record(deskA, [checkIn(twice, '2024-12-14T08:41:00+08:00'), checkIn(once, '2024-12-14T08:42:00+08:00')])
    await record(deskB, [checkIn(twice, '2024-12-14T08:45:00+08:00')])
    expect(await sync(deskA, hq.url)).toMatchObject({ ok: true })
    // Desk B arrives on a USB stick: the same merge.
    const { bytes } = await buildExportFile(deskB.db, deskB, new Date())
    const res = await fetchRequest({
      url: `${hq.url}/v1/ingest`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hq.token}` },
      body: new TextDecoder().decode(bytes),
    })
    expect(res.status).toBe(200)
    const att = JSON.parse(
      (await fetchRequest({ url: `${hq.url}/v1/sessions/${m.session.id}/attendance`, method: 'GET' })).body,
    )
    const mine = att.conflicts.filter((c: { admitCardNo: string }) => c.admitCardNo === twice)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({
      subject: 'theory',
      counted: { deviceId: deskA.deviceId },
      others: [{ deviceId: deskB.deviceId }],
    })
    expect(att.conflicts.some((c: { admitCardNo: string }) => c.admitCardNo === once)).toBe(false)
    const page = await fetch(`${hq.url}/`)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    const html = await page.text()
    expect(html).toContain(twice)
    expect(html).toContain('重复签到')
  })

  it('stores a check-in of a candidate not on the roster quarantined, and the head still advances', async () => {
    const desk = await aDesk()
    await enrol(hq, desk)
    await record(desk, [checkIn('NOT-ON-ROSTER-1', '2024-12-14T08:50:00+08:00'), ...notes(1)])
    expect(await sync(desk, hq.url)).toMatchObject({ ok: true, progress: { ackedSeq: 2 } })
    expect((await hq.events(desk.deviceId)).map((e) => e.quarantine)).toEqual(['unknownCandidate', null])
    const att = JSON.parse(
      (await fetchRequest({ url: `${hq.url}/v1/sessions/demo-2024-12-14/attendance`, method: 'GET' })).body,
    )
    expect(att.quarantined).toEqual([
      expect.objectContaining({ deviceId: desk.deviceId, admitCardNo: 'NOT-ON-ROSTER-1' }),
    ])
  })

  it('keeps every event HQ holds verifiable: the stored chain of a desk checks out from its first event', async () => {
    const desk = await aDesk()
    await enrol(hq, desk)
    await record(desk, notes(50))
    await sync(desk, hq.url, { maxBatchEvents: 7 })
    const rows = await hq.server!.ctx.db.query<{ body: string }>(
      'SELECT body FROM events WHERE device_id = $1 ORDER BY seq',
      [desk.deviceId],
    )
    const chain = await verifyChain(
      rows.map((r) => JSON.parse(r.body)),
      desk.publicKeyObject,
    )
    expect(chain).toMatchObject({ ok: true, count: 50 })
  })
})
