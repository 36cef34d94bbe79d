import { describe, expect, it } from 'vitest'
import { createRosterDb, type RosterDb } from '../../../src-renderer/db/roster'
import { dropOrphanRosters, prepareImport, type PrepareOptions } from '../../../src-renderer/db/import'
import { aJpeg, aKey, buildPackage, type TestKey } from '../../fixtures/packages'
import { aCandidate } from '../shared/factories'

let n = 0
const freshDb = () => createRosterDb(`roster-import-${++n}-${Math.random().toString(36).slice(2)}`)

let key: TestKey
async function options(over: Partial<PrepareOptions> = {}): Promise<PrepareOptions> {
  key ??= await aKey()
  return { trusted: [key.hqKey], today: '2024-12-01', nowIso: '2024-12-01T10:00:00+08:00', ...over }
}

async function importWhole(db: RosterDb, blob: Blob, over: Partial<PrepareOptions> = {}) {
  const prepared = await prepareImport(db, blob, await options(over))
  if (!prepared.ok) throw new Error(`refused: ${prepared.reason}`)
  return { prepared, record: await prepared.commit() }
}

async function snapshot(db: RosterDb) {
  return {
    sessions: await db.sessions.toArray(),
    candidates: (await db.candidates.toArray()).map((c) => `${c.rosterId}/${c.admitCardNo}/${c.name}`).sort(),
    photos: await db.photos.count(),
    staff: await db.staff.count(),
  }
}

describe('importing a session package', () => {
  it('imports the whole roster with photos and staff, and summarises it for the site manager', async () => {
    const db = freshDb()
    await options()
    const candidates = [aCandidate({}), aCandidate({ subjects: ['skills'] }), aCandidate({ room: 'R102' })]
    const { blob } = await buildPackage({ key, candidates })
    const progress: string[] = []
    const prepared = await prepareImport(
      db,
      blob,
      await options({ onProgress: (p) => progress.push(`${p.phase}:${p.done}/${p.total}`) }),
    )
    expect(prepared.ok).toBe(true)
    if (!prepared.ok) return
    expect(prepared.summary).toMatchObject({
      candidates: 3,
      retakes: 1,
      bySubject: { theory: 2, skills: 3 },
      warningCount: 0,
    })
    expect(await db.sessions.count()).toBe(0) // nothing is live before confirmation
    const record = await prepared.commit()
    expect(record.activeRosterId).toMatch(/^cecc-2024-12-bj01#/)
    expect(await db.candidates.where('rosterId').equals(record.activeRosterId).count()).toBe(3)
    expect(await db.photos.where('rosterId').equals(record.activeRosterId).count()).toBe(3)
    expect(await db.staff.where('rosterId').equals(record.activeRosterId).count()).toBe(2)
    expect(progress).toContain('reading:3/3')
    expect(progress.at(-1)).toBe('committing:1/1')
  })

  it('leaves nothing behind when the site manager cancels after the summary', async () => {
    const db = freshDb()
    const { blob } = await buildPackage({ key: (await options(), key) })
    const prepared = await prepareImport(db, blob, await options())
    if (!prepared.ok) throw new Error('refused')
    await prepared.discard()
    expect(await snapshot(db)).toEqual({ sessions: [], candidates: [], photos: 0, staff: 0 })
  })

  it('warns on each candidate whose photo is off spec or missing, and still imports them', async () => {
    const db = freshDb()
    await options()
    const small = aCandidate({})
    const tiny = aCandidate({})
    const none = aCandidate({})
    const { blob } = await buildPackage({
      key,
      candidates: [small, tiny, none],
      photo: (c) =>
        c.admitCardNo === none.admitCardNo
          ? null
          : c.admitCardNo === small.admitCardNo
            ? aJpeg(295, 413, 20 * 1024)
            : aJpeg(80, 100, 50 * 1024),
    })
    const { prepared, record } = await importWhole(db, blob)
    expect(prepared.summary.warnings).toEqual({
      [small.admitCardNo]: ['photoFileSize'],
      [tiny.admitCardNo]: ['photoDimensions'],
      [none.admitCardNo]: ['photoMissing'],
    })
    const stored = await db.candidates.get([record.activeRosterId, none.admitCardNo])
    expect(stored?.warnings).toEqual(['photoMissing'])
  })

  it('refuses a roster with one admit card number twice, naming it', async () => {
    const db = freshDb()
    await options()
    const a = aCandidate({})
    const { blob } = await buildPackage({ key, candidates: [a, { ...aCandidate({}), admitCardNo: a.admitCardNo }] })
    expect(await prepareImport(db, blob, await options())).toMatchObject({
      ok: false,
      reason: 'duplicateAdmitCardNo',
      admitCardNos: [a.admitCardNo.toUpperCase()],
    })
    expect(await snapshot(db)).toEqual({ sessions: [], candidates: [], photos: 0, staff: 0 })
  })
})

describe('re-importing', () => {
  it('replaces the roster with a newer version of the same session and keeps no old rows', async () => {
    const db = freshDb()
    await options()
    const kept = aCandidate({})
    const { blob: v1 } = await buildPackage({ key, candidates: [kept, aCandidate({})] })
    const first = await importWhole(db, v1)
    const { blob: v2 } = await buildPackage({ key, candidates: [kept], manifest: { packageVersion: 2 } })
    const second = await importWhole(db, v2)
    expect(second.prepared.replaces).toEqual({ version: 1 })
    expect(second.record.activeRosterId).not.toBe(first.record.activeRosterId)
    expect((await snapshot(db)).candidates).toEqual([
      `${second.record.activeRosterId}/${kept.admitCardNo}/${kept.name}`,
    ])
    expect(await db.photos.where('rosterId').equals(first.record.activeRosterId).count()).toBe(0)
  })

  it('refuses an older or equal version and leaves the roster as it was', async () => {
    const db = freshDb()
    await options()
    const { blob: v2 } = await buildPackage({ key, manifest: { packageVersion: 2 } })
    await importWhole(db, v2)
    const before = await snapshot(db)
    const { blob: v1 } = await buildPackage({ key, manifest: { packageVersion: 1 } })
    expect(await prepareImport(db, v1, await options())).toMatchObject({ ok: false, reason: 'olderVersion' })
    expect(await snapshot(db)).toEqual(before)
  })

  it('refuses a package for another venue than the one this desk serves', async () => {
    const db = freshDb()
    const { blob } = await buildPackage({ key: (await options(), key) })
    expect(await prepareImport(db, blob, await options({ deskVenueId: 'sh-pudong-02' }))).toMatchObject({
      ok: false,
      reason: 'otherVenue',
    })
    expect(await db.candidates.count()).toBe(0)
  })

  it('keeps the previous roster whole when a photo turns out altered half-way through', async () => {
    const db = freshDb()
    await options()
    const { blob: v1 } = await buildPackage({ key })
    await importWhole(db, v1)
    const before = await snapshot(db)
    const many = Array.from({ length: 450 }, () => aCandidate({}))
    const { blob: bad } = await buildPackage({
      key,
      candidates: many,
      manifest: { packageVersion: 2 },
      tamper: (e) => {
        const photo = e.get(`photos/${many[420]!.photo}`)!
        photo[200] = photo[200]! ^ 0x10
      },
    })
    expect(await prepareImport(db, bad, await options())).toMatchObject({
      ok: false,
      reason: 'digestMismatch',
      detail: `photos/${many[420]!.photo}`,
    })
    expect(await snapshot(db)).toEqual(before)
  })

  it('cleans up rows of an import that never committed (power cut) at the next start', async () => {
    const db = freshDb()
    await options()
    const { blob: v1 } = await buildPackage({ key })
    await importWhole(db, v1)
    const before = await snapshot(db)
    const { blob: v2 } = await buildPackage({ key, manifest: { packageVersion: 2 } })
    const staged = await prepareImport(db, v2, await options())
    expect(staged.ok).toBe(true) // … and the power goes before commit
    expect((await snapshot(db)).candidates.length).toBeGreaterThan(before.candidates.length)
    expect(await dropOrphanRosters(db)).toBe(1)
    expect(await snapshot(db)).toEqual(before)
  })
})

describe('the demo session', () => {
  it('is moved so that doors opened five minutes before it was loaded, keeping the times between subjects', async () => {
    const { shiftDemo } = await import('../../../src-renderer/db/import')
    const { aManifest } = await import('../../fixtures/packages')
    const m = aManifest([aCandidate({})], [], (await aKey()).hqKey)
    const now = new Date('2026-11-23T01:00:00Z') // 09:00 in Beijing
    const shifted = shiftDemo(m, now)
    const [theory, skills] = shifted.subjects
    expect(theory!.doorsOpen).toBe('2026-11-23T08:55:00+08:00')
    expect(Date.parse(theory!.start) - Date.parse(theory!.doorsOpen)).toBe(30 * 60_000)
    expect(Date.parse(skills!.start) - Date.parse(theory!.start)).toBe(
      Date.parse(m.subjects[1]!.start) - Date.parse(m.subjects[0]!.start),
    )
    expect(shifted.session.date).toBe('2026-11-23')
  })
})
