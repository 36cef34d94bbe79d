import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { createRosterDb, type RosterDb } from '../../../src-renderer/db/roster'
import {
  dropOrphanRosters,
  prepareImport,
  type ImportRefusal,
  type PrepareOptions,
} from '../../../src-renderer/db/import'
import { appendEvent, type DeskSigner } from '../../../src-renderer/db/append'
import { createLedgerDb } from '../../../src-renderer/db/ledger'
import {
  classifyFailure,
  failureLine,
  issueLine,
  refusalLine,
  type Translate,
} from '../../../src-renderer/features/session/import-messages'
import zhMessages from '../../../src-renderer/features/session/locales/zh-CN.json'
import enMessages from '../../../src-renderer/features/session/locales/en.json'
import {
  deviceIdFromPublicKey,
  exportPublicKeyRaw,
  generateSigningKeyPair,
  signBytes,
} from '../../../src-shared/crypto'
import { verifyChain } from '../../../src-shared/ledger'
import type { Candidate, GroupTimes } from '../../../src-shared/schemas'
import { aJpeg, aKey, buildPackage, type TestKey } from '../../fixtures/packages'
import { aCandidate, aSession, at } from '../shared/factories'

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

async function translator(lng: 'zh-CN' | 'en'): Promise<Translate> {
  const i18n = i18next.createInstance()
  await i18n.init({
    lng,
    showSupportNotice: false,
    resources: { 'zh-CN': { translation: zhMessages }, en: { translation: enMessages } },
    interpolation: { escapeValue: false },
  })
  return (k, o) => i18n.t(k, o)
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

  it("moves a group's own times by the same amount", async () => {
    const { shiftDemo } = await import('../../../src-renderer/db/import')
    const { aManifest } = await import('../../fixtures/packages')
    const own = { subject: 'skills' as const, occupation: '电工', level: '三级/高级工' }
    const times = { doorsOpen: at('15:00'), start: at('15:30'), end: at('17:00') }
    const m = aManifest([aCandidate({})], [], (await aKey()).hqKey, { groupTimes: [{ ...own, ...times }] })
    // Doors of theory (08:30) open at 08:55 on 2026-11-23: everything moves by that much, 25 minutes later.
    const shifted = shiftDemo(m, new Date('2026-11-23T01:00:00Z'))
    expect(shifted.groupTimes).toEqual([
      {
        ...own,
        doorsOpen: '2026-11-23T15:25:00+08:00',
        start: '2026-11-23T15:55:00+08:00',
        end: '2026-11-23T17:25:00+08:00',
      },
    ])
    expect(shiftDemo(aManifest([], [], (await aKey()).hqKey), new Date())).not.toHaveProperty('groupTimes')
  })
})

describe("a group's own subject times", () => {
  it('are kept on the session record the desk reads its verdicts from', async () => {
    await options()
    const group: GroupTimes = {
      subject: 'theory',
      occupation: '电工',
      level: '三级/高级工',
      doorsOpen: at('09:30'),
      start: at('10:00'),
      end: at('11:30'),
    }
    const candidates = [aCandidate({ occupation: '电工', level: '三级/高级工' })]
    const withGroup = await buildPackage({ key, candidates, manifest: { groupTimes: [group] } })
    expect((await importWhole(freshDb(), withGroup.blob)).record.groupTimes).toEqual([group])
    const without = await buildPackage({ key, candidates })
    expect((await importWhole(freshDb(), without.blob)).record).not.toHaveProperty('groupTimes')
  })

  it('are refused in words when they break the rules', async () => {
    await options()
    const group: GroupTimes = {
      subject: 'theory',
      occupation: '电工',
      level: '三级/高级工',
      doorsOpen: at('10:30'),
      start: at('10:00'),
      end: at('11:30'),
    }
    const { blob } = await buildPackage({
      key,
      candidates: [aCandidate({})],
      manifest: { groupTimes: [group, { ...group, doorsOpen: at('09:30'), end: at('10:00') }] },
    })
    const refused = (await prepareImport(freshDb(), blob, await options())) as ImportRefusal
    expect(refused).toMatchObject({ ok: false, reason: 'schema' })
    const issues = 'issues' in refused ? (refused.issues ?? []) : []
    const zh = await translator('zh-CN')
    expect(issues.map((i) => issueLine(zh, i))).toEqual([
      '第 1 条分组考试时间「开始入场时间」：开始入场时间晚于开考时间',
      '第 2 条分组考试时间「等级」：同一科目、职业和等级的时间出现了两次',
      '第 2 条分组考试时间「结束时间」：结束时间不晚于开考时间',
    ])
  })
})

describe('a refused newer version leaves the desk exactly as it was', () => {
  const flip = (bytes: Uint8Array, at: number) => {
    bytes[at] = bytes[at]! ^ 0x04
  }
  const variants: [string, (v2: Candidate[]) => Promise<Blob>, string][] = [
    [
      'one flipped bit in the manifest',
      async (cs) =>
        (
          await buildPackage({
            key,
            candidates: cs,
            manifest: { packageVersion: 2 },
            tamper: (e) => flip(e.get('manifest.json')!, 300),
          })
        ).blob,
      'digestMismatch',
    ],
    [
      'signed with another key than the trusted one it names',
      async (cs) =>
        (await buildPackage({ key, signWith: await aKey('forger'), candidates: cs, manifest: { packageVersion: 2 } }))
          .blob,
      'badSignature',
    ],
    [
      'signed by a key the desk does not trust',
      async (cs) =>
        (await buildPackage({ key: await aKey('stranger'), candidates: cs, manifest: { packageVersion: 2 } })).blob,
      'unknownKey',
    ],
    [
      'a truncated file',
      async (cs) => {
        const { blob } = await buildPackage({ key, candidates: cs, manifest: { packageVersion: 2 } })
        return blob.slice(0, Math.floor(blob.size * 0.6))
      },
      'notAPackage',
    ],
    [
      '10 MB of random bytes',
      async () => {
        const bytes = new Uint8Array(10 * 1024 * 1024)
        for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536))
        return new Blob([bytes])
      },
      'notAPackage',
    ],
  ]

  it.each(variants)(
    'refuses %s and keeps the old roster, photos, staff and session record',
    async (_l, make, reason) => {
      const db = freshDb()
      await options()
      const v1 = [aCandidate({}), aCandidate({}), aCandidate({ subjects: ['skills'] })]
      await importWhole(db, (await buildPackage({ key, candidates: v1 })).blob)
      const before = await snapshot(db)
      expect(before.candidates).toHaveLength(3)
      const bad = await make([...v1, aCandidate({})])
      expect(await prepareImport(db, bad, await options())).toMatchObject({ ok: false, reason })
      expect(await snapshot(db)).toEqual(before)
      expect(await dropOrphanRosters(db)).toBe(0) // and nothing half-written is left behind
    },
  )
})

describe('recorded events and a re-import', () => {
  async function aDesk(): Promise<DeskSigner & { publicKey: CryptoKey }> {
    const pair = await generateSigningKeyPair()
    return {
      deviceId: await deviceIdFromPublicKey(await exportPublicKeyRaw(pair.publicKey)),
      publicKey: pair.publicKey,
      sign: (digest) => signBytes(pair.privateKey, digest),
    }
  }

  it('keeps every recorded check-in through a refused and an accepted newer version', async () => {
    const db = freshDb()
    const ledger = createLedgerDb(`ledger-import-${++n}-${Math.random().toString(36).slice(2)}`)
    const desk = await aDesk()
    await options()
    const checkedIn = aCandidate({})
    const withdrawn = aCandidate({})
    const { blob: v1 } = await buildPackage({ key, candidates: [checkedIn, withdrawn] })
    const first = await importWhole(db, v1)
    const sessionId = first.record.id
    await appendEvent(ledger, desk, {
      sessionId,
      type: 'checkIn',
      payload: {
        admitCardNo: checkedIn.admitCardNo,
        subject: 'theory',
        method: 'admitCardNo',
        verdict: 'admit',
        reasons: [],
        checklist: { faceMatches: true, originalDocumentSeen: true },
        presented: { name: checkedIn.name },
      },
      actor: 'm1',
    })
    await appendEvent(ledger, desk, {
      sessionId,
      type: 'note',
      payload: { text: '考生自带计算器，已收存' },
      actor: 'm1',
    })
    const events = await ledger.events.orderBy('seq').toArray()

    const { blob: tampered } = await buildPackage({
      key,
      candidates: [checkedIn],
      manifest: { packageVersion: 2 },
      tamper: (e) => {
        const m = e.get('manifest.json')!
        m[100] = m[100]! ^ 1
      },
    })
    expect(await prepareImport(db, tampered, await options())).toMatchObject({ ok: false, reason: 'digestMismatch' })
    expect(await ledger.events.orderBy('seq').toArray()).toEqual(events)

    const { blob: v2 } = await buildPackage({ key, candidates: [checkedIn], manifest: { packageVersion: 2 } })
    const second = await importWhole(db, v2)
    expect(second.record.version).toBe(2)
    expect(await ledger.events.orderBy('seq').toArray()).toEqual(events)
    expect(await verifyChain(events, desk.publicKey)).toMatchObject({ ok: true, count: 2 })
    // The checked-in candidate is in the new roster, so the desk still finds whom the check-in was for.
    expect(await db.candidates.get([second.record.activeRosterId, checkedIn.admitCardNo])).toMatchObject({
      name: checkedIn.name,
    })
    expect(await db.candidates.get([second.record.activeRosterId, withdrawn.admitCardNo])).toBeUndefined()
  })
})

describe('what the import panel says', () => {
  it('names the candidate by admit card no., the field in words and the problem for each schema issue', async () => {
    const db = freshDb()
    await options()
    const good = aCandidate({})
    const noSex = { ...aCandidate({}), sex: 'X' } as unknown as Candidate
    const noLevel = aCandidate({}) as Partial<Candidate>
    delete noLevel.level
    const badSeat = aCandidate({})
    badSeat.sittings = [{ ...badSeat.sittings[0]!, seat: 0 }]
    const { blob } = await buildPackage({
      key,
      candidates: [good, noSex, noLevel as Candidate, badSeat],
      manifest: { session: { ...aSession(), date: '14.12.2024' } },
    })
    const refused = (await prepareImport(db, blob, await options())) as ImportRefusal
    expect(refused).toMatchObject({ ok: false, reason: 'schema' })
    const issues = 'issues' in refused ? (refused.issues ?? []) : []
    const zh = await translator('zh-CN')
    expect(refusalLine(zh, refused)).toBe('场次包内容不符合格式要求：')
    const lines = issues.map((i) => issueLine(zh, i))
    expect(lines).toEqual(
      expect.arrayContaining([
        `准考证号 ${noSex.admitCardNo} 的考生「性别」：不是允许的取值`,
        `准考证号 ${noLevel.admitCardNo} 的考生「等级」：缺少此项`,
        `准考证号 ${badSeat.admitCardNo} 的考生「座位号」：数值太小（至少为 1）`,
        '场次信息「考试日期」：不是有效的日期或时间',
      ]),
    )
    for (const line of lines) expect(line).not.toMatch(/candidates\.|Invalid|expected|received|undefined/)
    const en = await translator('en')
    expect(issues.map((i) => issueLine(en, i))).toContain(
      `Candidate with admit card no. ${noLevel.admitCardNo} — level: missing`,
    )
  })

  it('says which part of the package was altered, and versions in words', async () => {
    const zh = await translator('zh-CN')
    const en = await translator('en')
    const digest = (detail: string): ImportRefusal => ({ ok: false, reason: 'digestMismatch', detail })
    expect(refusalLine(zh, digest('photos/2024000042.jpg'))).toBe(
      '场次包内容与签名不符：准考证号 2024000042 的照片被改动过。文件可能损坏或被篡改。',
    )
    expect(refusalLine(zh, digest('manifest.json'))).toContain('考生名单（manifest.json）被改动过')
    expect(refusalLine(en, digest('photos/2024000042.jpg'))).toContain(
      'the photo of admit card no. 2024000042 was altered',
    )
    expect(refusalLine(zh, { ok: false, reason: 'olderVersion', detail: '2 ≤ 3' })).toBe(
      '本机已有该场次第 3 版，所选文件是第 2 版，不能用相同或更旧的版本覆盖。',
    )
    expect(refusalLine(zh, { ok: false, reason: 'notAPackage', detail: 'zip' })).toMatch(/^这不是有效的场次包文件/)
    expect(refusalLine(zh, { ok: false, reason: 'unknownKey', detail: '5ced35bc404d7d8a' })).toContain(
      '密钥 5ced35bc404d7d8a',
    )
    expect(refusalLine(zh, { ok: false, reason: 'duplicateAdmitCardNo', admitCardNos: ['A1', 'B2'] })).toContain(
      'A1、B2',
    )
  })

  it('turns an exception into a plain sentence and keeps the technical text apart', async () => {
    const zh = await translator('zh-CN')
    const unreadable = classifyFailure(new DOMException('The requested file could not be read', 'NotReadableError'))
    expect(unreadable).toEqual({
      kind: 'unreadable',
      technical: 'NotReadableError: The requested file could not be read',
    })
    expect(failureLine(zh, unreadable)).toMatch(/^导入失败：文件无法读取。U盘可能已拔出/)
    expect(classifyFailure(new DOMException('quota', 'QuotaExceededError')).kind).toBe('storage')
    const odd = classifyFailure(new TypeError("Cannot read properties of undefined (reading 'x')"))
    expect(odd.kind).toBe('unknown')
    expect(failureLine(zh, odd)).toMatch(/^导入失败：/)
    expect(failureLine(zh, odd)).not.toContain('undefined')
    expect(odd.technical).toContain('TypeError')
  })
})
