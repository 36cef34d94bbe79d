/**
 * Desk → HQ sync against the real server (sync-protocol.md "Upload", "Offline transfer", "Merging").
 * Runs on PGlite by default and on PostgreSQL when DATABASE_URL is set (.ci/run does both).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildExportFile, readSync } from '../../../src-renderer/db/sync-batches'
import { syncToHq } from '../../../src-renderer/db/sync'
import { ATTENDANCE_STATES, deriveAttendance, type AttendanceState } from '../../../src-shared/attendance'
import { toBase64Url } from '../../../src-shared/crypto'
import { buildEvent, verifyChain } from '../../../src-shared/ledger'
import type { Candidate, EventPayload, EventType, LedgerEvent, SubjectCode } from '../../../src-shared/schemas'
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
  schemaExists,
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

describe('test databases', () => {
  // On PostgreSQL a test HQ lives in a schema of its own, on PGlite in a directory: both go with it.
  const url = process.env.DATABASE_URL
  const exists = (temp: TestHq) => (url ? schemaExists(url, temp.schema) : existsSync(join(temp.dir, 'PG_VERSION')))
  it(`removes the database of a test HQ when it is disposed (${url ? 'PostgreSQL schema' : 'PGlite directory'})`, async () => {
    const temp = new TestHq()
    await temp.start()
    expect(await exists(temp)).toBe(true)
    await temp.dispose()
    expect(await exists(temp)).toBe(false)
  })
})

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
    // A well-formed event in this desk's name, hashed correctly, but signed with the forger's key.
    const forged = await buildEvent(
      { ...e!, type: 'note', payload: { text: 'note 0' }, deviceId: desk.deviceId },
      forger.privateKey,
    )
    expect(await post(desk, [forged])).toMatchObject({ status: 422, error: 'signature', seq: 1 })
    const alarms = (await hq.alarms()).filter((a) => a.device_id === desk.deviceId)
    expect(alarms.map((a) => [a.kind, JSON.parse(a.detail)])).toEqual([
      ['refusedEvent', { reason: 'signature', seq: 1, source: 'http' }],
    ])
    expect(await hq.events(desk.deviceId)).toHaveLength(0)
  })

  it('refuses an edited event (its hash no longer matches)', async () => {
    const other = await aDesk()
    await enrol(hq, other)
    const [a, b] = await record(other, notes(2))
    const edited = { ...b!, payload: { text: 'changed afterwards' } }
    expect(await post(other, [a!, edited])).toMatchObject({ status: 422, error: 'hash', seq: 2 })
    expect(await hq.events(other.deviceId)).toHaveLength(0)
    const alarms = (await hq.alarms()).filter((x) => x.device_id === other.deviceId)
    expect(alarms.map((x) => [x.kind, JSON.parse(x.detail)])).toEqual([
      ['refusedEvent', { reason: 'hash', seq: 2, source: 'http' }],
    ])
  })

  it('refuses reordered events', async () => {
    const other = await aDesk()
    await enrol(hq, other)
    const [a, b, c] = await record(other, notes(3))
    expect(await post(other, [a!, c!, b!])).toMatchObject({ status: 422, error: 'seqGap', seq: 2 })
    expect(await hq.events(other.deviceId)).toHaveLength(0)
    const alarms = (await hq.alarms()).filter((x) => x.device_id === other.deviceId)
    expect(alarms.map((x) => [x.kind, JSON.parse(x.detail)])).toEqual([
      ['refusedEvent', { reason: 'seqGap', seq: 2, source: 'http' }],
    ])
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

describe('issue 6 “Done when”: two desks of the demo session reach HQ exactly once, over HTTP through faults and by file', () => {
  let doneHq: TestHq
  let proxy: FlakyProxy | null = null
  let dir: string
  beforeAll(async () => {
    doneHq = new TestHq()
    await doneHq.start({ packages: [DEMO_PACKAGE_BYTES] })
    dir = mkdtempSync(join(tmpdir(), 'examdesk-usb-'))
  })
  afterAll(async () => {
    await proxy?.stop()
    await doneHq.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  type Planned = { type: EventType; payload: EventPayload<EventType>; at: Date }
  const checkInOf = (c: Candidate, subject: SubjectCode, at: Date): Planned => ({
    type: 'checkIn',
    at,
    payload: {
      admitCardNo: c.admitCardNo,
      subject,
      method: 'qr',
      verdict: 'admit',
      reasons: [],
      checklist: { faceMatches: true, originalDocumentSeen: true },
    },
  })
  const sits = (c: Candidate, s: SubjectCode) => c.sittings.some((x) => x.subject === s)
  const direct = () => `http://127.0.0.1:${doneHq.port}`
  const headOf = async (desk: TestDesk) => (await desk.db.events.orderBy('seq').toArray()) as LedgerEvent[]

  it('HQ holds every event of both desks once, the attendance the desks recorded, the conflict, and both desks’ receipts', async () => {
    const m = await demoManifest()
    const start = new Map(m.subjects.map((s) => [s.code, Date.parse(s.start)]))
    const minutes = (subject: SubjectCode, n: number) => new Date(start.get(subject)! + n * 60_000)
    // Room 01's half of the roster goes to desk A, the rest to desk B. Every 7th candidate never comes,
    // every 5th comes after the start (late); everyone else is checked in before the start.
    const index = new Map(m.candidates.map((c, i) => [c.admitCardNo, i]))
    const absent = (c: Candidate) => index.get(c.admitCardNo)! % 7 === 3
    const late = (c: Candidate) => index.get(c.admitCardNo)! % 5 === 2
    const halfA = m.candidates.slice(0, 30)
    const halfB = m.candidates.slice(30)
    /** What the desks recorded, as the proctors would tell it: admit card + subject → check-in instants. */
    const recorded = new Map<string, number[]>()
    const planFor = (cands: Candidate[], subject: SubjectCode): Planned[] =>
      cands
        .filter((c) => sits(c, subject) && !absent(c))
        .map((c, i) => {
          const at = late(c) ? minutes(subject, 3 + i / 10) : minutes(subject, -40 + i / 2)
          recorded.set(`${c.admitCardNo} ${subject}`, [at.getTime()])
          return checkInOf(c, subject, at)
        })
    const login = (subject: SubjectCode, staffId: string): Planned => ({
      type: 'login',
      payload: { staffId },
      at: minutes(subject, -60),
    })
    const deskA = await aDesk()
    const deskB = await aDesk()

    // Desk A: theory, then a wrong candidate scanned and voided, then skills.
    const mistaken = halfA.find((c) => absent(c) && sits(c, 'theory'))!
    const aTheory = await record(deskA, [
      login('theory', 'staff-02'),
      ...planFor(halfA, 'theory'),
      checkInOf(mistaken, 'theory', minutes('theory', -1)),
    ])
    await record(deskA, [
      {
        type: 'void',
        payload: { targetEventId: aTheory.at(-1)!.eventId, reason: '扫错考生', approvedBy: 'staff-01' },
        at: minutes('theory', 0),
      },
      login('skills', 'staff-03'),
      ...planFor(halfA, 'skills'),
      { type: 'logout', payload: { staffId: 'staff-03', cause: 'manual' }, at: minutes('skills', 60) },
    ])
    // Desk B: its half, and one candidate of desk A checked in again for theory (after desk A did).
    const shared = halfA.find((c) => sits(c, 'theory') && !absent(c) && !late(c))!
    const sharedAt = minutes('theory', -2)
    recorded.get(`${shared.admitCardNo} theory`)!.push(sharedAt.getTime())
    await record(deskB, [
      login('theory', 'staff-04'),
      ...planFor(halfB, 'theory'),
      checkInOf(shared, 'theory', sharedAt),
      { type: 'note', payload: { text: '第02考场 投影仪故障，已更换' }, at: minutes('theory', 20) },
      ...planFor(halfB, 'skills'),
    ])
    const sentA = await headOf(deskA)
    const sentB = await headOf(deskB)
    expect(sentA.filter((e) => e.type === 'checkIn').length).toBeGreaterThan(40)
    expect(sentB.filter((e) => e.type === 'checkIn').length).toBeGreaterThan(40)

    // Desk B's USB export, written to a real file as the site manager would.
    const exported = await buildExportFile(deskB.db, deskB, new Date())
    const usb = join(dir, `examdesk-${deskB.deviceId}-2024-12-14.examdesk-log`)
    writeFileSync(usb, exported.bytes)
    /** HQ's operator ingests the file; while HQ restarts, the operator simply tries again. */
    const ingestFile = async () => {
      for (let tries = 1; ; tries++) {
        try {
          const res = await fetchRequest({
            url: `${direct()}/v1/ingest`,
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${doneHq.token}` },
            body: readFileSync(usb, 'utf8'),
          })
          if (res.status === 200) return JSON.parse(res.body)
          if (res.status < 500) throw new Error(`ingest refused: ${res.status} ${res.body}`)
        } catch (err) {
          if (err instanceof Error && err.message.startsWith('ingest refused')) throw err
        }
        if (tries >= 200) throw new Error('HQ never took the file')
        await new Promise((r) => setTimeout(r, 20))
      }
    }

    // Desk A uploads over HTTP through a proxy that drops connections; HQ restarts twice mid-upload,
    // and the file of desk B is ingested while desk A is uploading.
    await enrol(doneHq, deskA)
    const random = seeded(14)
    proxy = new FlakyProxy(() => doneHq.port, random, 0.6)
    const viaProxy = await proxy.start()
    const restarts: Promise<void>[] = []
    let firstFile: Promise<{ stored: number; reply: unknown }> | null = null
    const onProgress = (p: { phase: string; batches: number }) => {
      if (p.phase !== 'upload') return
      if (p.batches === 3) firstFile ??= ingestFile()
      if ((p.batches === 4 && restarts.length === 0) || (p.batches === 12 && restarts.length === 1))
        restarts.push(
          (async () => {
            await new Promise((r) => setTimeout(r, random() * 10))
            await doneHq.stop()
            await doneHq.start()
          })(),
        )
    }
    let attempts = 0
    let uploaded
    do {
      attempts++
      uploaded = await sync(deskA, viaProxy, { maxBatchEvents: 3, random, onProgress })
    } while (!uploaded.ok && attempts < 40)
    await Promise.all(restarts)
    expect(uploaded).toMatchObject({ ok: true, progress: { ackedSeq: sentA.length } })
    expect(restarts).toHaveLength(2)
    expect(proxy.dropped).toBeGreaterThan(0)
    const first = await firstFile!
    expect(first.reply).toMatchObject({ ackedSeq: sentB.length })
    // The same file once more: every batch is a retry, nothing is stored.
    const second = await ingestFile()
    expect(second).toMatchObject({ stored: 0, reply: { ackedSeq: sentB.length } })

    // Every event of both desks, exactly once, as the desks signed them.
    for (const [desk, sent] of [
      [deskA, sentA],
      [deskB, sentB],
    ] as const) {
      const held = await doneHq.events(desk.deviceId)
      expect(held.map((e) => [e.seq, e.hash])).toEqual(sent.map((e) => [e.seq, e.hash]))
      expect(held.every((e) => e.quarantine === null)).toBe(true)
    }
    const [count] = await doneHq.server!.ctx.db.query<{ n: string | number; ids: string | number }>(
      'SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM events WHERE session_id = $1',
      [m.session.id],
    )
    expect([Number(count!.n), Number(count!.ids)]).toEqual([sentA.length + sentB.length, sentA.length + sentB.length])
    expect(
      (await doneHq.alarms()).filter((a) => a.device_id === deskA.deviceId || a.device_id === deskB.deviceId),
    ).toEqual([])

    // Attendance per subject: what the desks recorded, counted by hand …
    const expectedState = (c: Candidate, subject: SubjectCode): AttendanceState => {
      if (!sits(c, subject)) return 'notRegistered'
      const times = recorded.get(`${c.admitCardNo} ${subject}`)
      if (!times) return 'expected'
      return Math.min(...times) > start.get(subject)! ? 'late' : 'present'
    }
    const expectedTotals = Object.fromEntries(
      m.subjects.map((s) => {
        const counts = Object.fromEntries(ATTENDANCE_STATES.map((st) => [st, 0])) as Record<AttendanceState, number>
        for (const c of m.candidates) counts[expectedState(c, s.code)] += 1
        return [s.code, counts]
      }),
    )
    expect(expectedTotals.theory!.late).toBeGreaterThan(0)
    expect(expectedTotals.skills!.expected).toBeGreaterThan(0)
    const att = JSON.parse(
      (await fetchRequest({ url: `${direct()}/v1/sessions/${m.session.id}/attendance`, method: 'GET' })).body,
    )
    expect(att.totals.bySubject).toEqual(expectedTotals)
    for (const c of att.candidates as { admitCardNo: string; subjects: Record<SubjectCode, AttendanceState> }[]) {
      const cand = m.candidates[index.get(c.admitCardNo)!]!
      expect(c.subjects).toEqual({ theory: expectedState(cand, 'theory'), skills: expectedState(cand, 'skills') })
    }
    // … and as the desks' own rule book derives it from both desks' ledgers.
    const deskView = deriveAttendance(m, [...(await headOf(deskA)), ...(await headOf(deskB))])
    expect(att.totals.bySubject).toEqual(deskView.totals.bySubject)

    // The one conflict: the shared candidate, desk A's earlier check-in counted, desk B's flagged.
    expect(att.conflicts).toEqual([
      expect.objectContaining({
        admitCardNo: shared.admitCardNo,
        subject: 'theory',
        counted: expect.objectContaining({ deviceId: deskA.deviceId }),
        others: [expect.objectContaining({ deviceId: deskB.deviceId, at: sharedAt.toISOString() })],
      }),
    ])
    expect([att.anomalies, att.quarantined]).toEqual([[], []])

    // HQ's page shows the merged totals per subject and the conflict.
    const html = await (await fetch(`${direct()}/`)).text()
    for (const s of m.subjects) {
      const cells = ATTENDANCE_STATES.map((st) => `<td>${expectedTotals[s.code]![st]}</td>`).join('')
      expect(html).toMatch(new RegExp(`<tr><td>[^<]+</td>${cells}</tr>`))
    }
    expect(html).toContain('冲突（待复核）：1')
    expect(html).toContain(`<td>${shared.admitCardNo}</td>`)

    // Acks and receipts: desk A holds a verified receipt for its last event.
    const syncA = await readSync(deskA.db)
    expect([syncA.ackedSeq, syncA.headHash]).toEqual([sentA.length, sentA.at(-1)!.hash])
    const lastA = Receipt.parse(JSON.parse((await deskA.db.receipts.toArray()).at(-1)!.receipt))
    expect(await verifyReceipt(lastA, TRUSTED)).toBe(true)
    expect(lastA.content).toMatchObject({
      deviceId: deskA.deviceId,
      ackedSeq: sentA.length,
      headHash: sentA.at(-1)!.hash,
    })
    // Desk B: the file's reply is a receipt for all of it; when the desk next reaches HQ it only confirms.
    const fileReceipt = Receipt.parse((second.reply as { receipt: unknown }).receipt)
    expect(await verifyReceipt(fileReceipt, TRUSTED)).toBe(true)
    expect(fileReceipt.content).toMatchObject({ deviceId: deskB.deviceId, ackedSeq: sentB.length })
    expect(await sync(deskB, direct())).toMatchObject({ ok: true, progress: { events: 0, ackedSeq: sentB.length } })
    const lastB = Receipt.parse(JSON.parse((await deskB.db.receipts.toArray()).at(-1)!.receipt))
    expect(await verifyReceipt(lastB, TRUSTED)).toBe(true)
    expect(lastB.content).toMatchObject({
      deviceId: deskB.deviceId,
      ackedSeq: sentB.length,
      headHash: sentB.at(-1)!.hash,
    })

    // Nothing left either desk: each still holds its whole chain.
    for (const [desk, sent] of [
      [deskA, sentA],
      [deskB, sentB],
    ] as const) {
      const kept = await headOf(desk)
      expect(kept.map((e) => e.hash)).toEqual(sent.map((e) => e.hash))
      expect(await verifyChain(kept, desk.publicKeyObject)).toMatchObject({ ok: true, count: sent.length })
    }
  }, 120_000)
})
