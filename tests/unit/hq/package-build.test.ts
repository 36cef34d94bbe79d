import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { BlobReader, TextWriter, ZipReader } from '@zip.js/zip.js'
import { describe, expect, it } from 'vitest'
import { generateHqKeyFile, publicHqKey, readHqKeyFile, writeHqKeyFile } from '../../../src-hq/keys'
import { buildPackageFromFiles } from '../../../src-hq/package-build-cli'
import { verifyPackage } from '../../../src-hq/package-verify'
import { makePortraitJpeg } from '../../../src-hq/sample-photos'
import { verifyPin } from '../../../src-shared/pin'
import type { SessionInput } from '../../../src-hq/session-input'
import { Manifest } from '../../../src-shared/package-format'
import type { GroupTimes } from '../../../src-shared/schemas'
import { csvOf, someRows, tempDir } from './factories'

const SITE_MANAGER_PIN = '40517293'
const PROCTOR_PIN = '86302714'

function aSessionInput(overrides: Partial<SessionInput> = {}): SessionInput {
  const at = (hm: string) => `2024-12-14T${hm}:00+08:00`
  return {
    packageVersion: 1,
    body: { id: 'cecc', name: '中国电子商会' },
    session: { id: 'test-2024-12', name: '测试场次', date: '2024-12-14', bodyId: 'cecc', venueId: 'venue-1' },
    venue: { id: 'venue-1', name: '测试考点' },
    subjects: [
      { code: 'theory', doorsOpen: at('08:00'), start: at('09:00'), end: at('10:30'), lateEntryCutoffMinutes: 30 },
      { code: 'skills', doorsOpen: at('12:30'), start: at('13:30'), end: at('15:30'), lateEntryCutoffMinutes: 30 },
    ],
    staff: [
      { id: 's1', name: '王建国', role: 'siteManager', pin: SITE_MANAGER_PIN },
      { id: 's2', name: '李晓燕', role: 'proctor', pin: PROCTOR_PIN },
    ],
    revokedAdmitCards: [],
    additionalHqKeys: [],
    ...overrides,
  }
}

/** A folder with roster.csv, photos/, session.json, key.json and trusted.json; builds into out.examdesk. */
async function aBuild(candidates = 5, session: Partial<SessionInput> = {}) {
  const dir = tempDir()
  const rows = someRows(candidates)
  writeFileSync(join(dir, 'roster.csv'), csvOf(rows))
  mkdirSync(join(dir, 'photos'))
  const photo = makePortraitJpeg(1)
  // The last candidate has no photo: a note, not a refusal.
  rows.slice(0, -1).forEach((r) => writeFileSync(join(dir, 'photos', `${r.admitCardNo}.jpg`), photo))
  writeFileSync(join(dir, 'session.json'), JSON.stringify(aSessionInput(session)))
  const key = await generateHqKeyFile(new Date())
  await writeHqKeyFile(join(dir, 'key.json'), key)
  writeFileSync(join(dir, 'trusted.json'), JSON.stringify([publicHqKey(key)]))
  const out = join(dir, 'out.examdesk')
  const result = await buildPackageFromFiles({
    roster: join(dir, 'roster.csv'),
    photos: join(dir, 'photos'),
    session: join(dir, 'session.json'),
    key: join(dir, 'key.json'),
    out,
  })
  return { dir, out, result, trusted: join(dir, 'trusted.json') }
}

async function manifestText(path: string): Promise<string> {
  const zip = new ZipReader(new BlobReader(new Blob([readFileSync(path)])))
  const entry = (await zip.getEntries()).find((e) => e.filename === 'manifest.json')
  const text = await (entry as { getData(w: TextWriter): Promise<string> }).getData(new TextWriter())
  await zip.close()
  return text
}

describe('package build → verify', () => {
  it('builds a package the desk’s reader accepts, with every photo digest checked', async () => {
    const { out, result, trusted } = await aBuild()
    expect(result.ok).toBe(true)
    expect(result.ok && result.notes).toEqual([expect.stringContaining('24121100005')])
    expect(await verifyPackage(out, trusted)).toMatchObject({ ok: true, candidates: 5, photos: 4, offSpecPhotos: 0 })
  })

  it('is refused under a key the desk does not trust', async () => {
    const { out } = await aBuild(2)
    expect(await verifyPackage(out, 'resources/hq-keys.json')).toMatchObject({ ok: false, reason: 'unknownKey' })
  })

  it('is refused after one flipped bit in a photo', async () => {
    const { out, trusted } = await aBuild(2)
    const bytes = readFileSync(out)
    // The photos are stored uncompressed at the end of the zip, before the central directory.
    const at = bytes.length - 2000
    bytes[at] = bytes[at]! ^ 0x01
    writeFileSync(out, bytes)
    expect(await verifyPackage(out, trusted)).toMatchObject({ ok: false, reason: 'digestMismatch' })
  })

  it('refuses a roster with errors and writes no file', async () => {
    const dir = tempDir()
    const rows = someRows(2)
    rows[1]!.sex = '?'
    writeFileSync(join(dir, 'roster.csv'), csvOf(rows))
    mkdirSync(join(dir, 'photos'))
    writeFileSync(join(dir, 'session.json'), JSON.stringify(aSessionInput()))
    await writeHqKeyFile(join(dir, 'key.json'), await generateHqKeyFile(new Date()))
    const out = join(dir, 'out.examdesk')
    const result = await buildPackageFromFiles({
      roster: join(dir, 'roster.csv'),
      photos: join(dir, 'photos'),
      session: join(dir, 'session.json'),
      key: join(dir, 'key.json'),
      out,
    })
    expect(result.ok || result.lines).toContain('  第 3 行「性别」：应为「男」或「女」')
    expect(() => readFileSync(out)).toThrow()
  })
})

describe("a group's own subject times", () => {
  const at = (hm: string) => `2024-12-14T${hm}:00+08:00`
  const laterSkills: GroupTimes = {
    subject: 'skills',
    occupation: '电工',
    level: '三级/高级工',
    doorsOpen: at('14:30'),
    start: at('15:00'),
    end: at('17:00'),
    lateEntryCutoffMinutes: 15,
  }

  it('go from session.json into the signed manifest and come back out of the desk’s reader', async () => {
    const { out, result, trusted } = await aBuild(3, { groupTimes: [laterSkills] })
    expect(result.ok && result.summary.manifest.groupTimes).toEqual([laterSkills])
    expect(await verifyPackage(out, trusted)).toMatchObject({ ok: true, candidates: 3 })
    const manifest = Manifest.parse(JSON.parse(await manifestText(out)))
    expect(manifest.groupTimes).toEqual([laterSkills])
    // Nobody on this roster is 电工 三级/高级工: HQ is told, most likely a typo.
    expect(result.ok && result.notes).toContain(
      '分组考试时间「电工 三级/高级工」技能考核：名单中没有这样的考生 / group times match no candidate',
    )
  })

  it('are left out of the manifest when session.json has none', async () => {
    const { out } = await aBuild(2)
    expect(JSON.parse(await manifestText(out))).not.toHaveProperty('groupTimes')
  })

  it('refuse the build when they break the rules, and write no file', async () => {
    const { out, result } = await aBuild(2, { groupTimes: [{ ...laterSkills, end: at('14:00') }] })
    expect(result.ok || result.lines.join('\n')).toContain('groupTimes.0.end')
    expect(() => readFileSync(out)).toThrow()
  })
})

describe('staff PINs', () => {
  it('never appear in plain text anywhere in the package', async () => {
    const { out } = await aBuild(3)
    const raw = readFileSync(out).toString('latin1')
    const manifest = await manifestText(out)
    for (const pin of [SITE_MANAGER_PIN, PROCTOR_PIN]) {
      expect(raw).not.toContain(pin)
      expect(manifest).not.toContain(pin)
    }
  })

  it('are stored as salted hashes the desk can check', async () => {
    const { out } = await aBuild(1)
    const staff = JSON.parse(await manifestText(out)).staff
    expect(await verifyPin(SITE_MANAGER_PIN, staff[0].pin)).toBe(true)
    expect(await verifyPin(PROCTOR_PIN, staff[0].pin)).toBe(false)
    expect(staff[0].pin.salt).not.toBe(staff[1].pin.salt)
  })
})

describe('the development key', () => {
  it('is trusted by resources/hq-keys.json', async () => {
    const dev = await readHqKeyFile('resources/dev-hq-key.json')
    const trusted = JSON.parse(readFileSync('resources/hq-keys.json', 'utf8'))
    if (!dev.ok) throw new Error(dev.reason)
    expect(trusted).toEqual([{ ...publicHqKey(dev.key), name: '开发测试密钥 (development)' }])
  })
})
