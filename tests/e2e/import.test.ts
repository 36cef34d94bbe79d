/**
 * Importing a session package in Chromium, as the site manager does it: a real signed file chosen in the
 * file chooser, the progress bar, the summary, the confirmation — and every broken or forged file refused
 * with its reason in plain Chinese, with nothing on the desk changed.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startE2E, type E2E } from './harness'
import { DeskPage } from './pages/DeskPage'
import { FirstScreenPage } from './pages/FirstScreenPage'
import { ImportPage } from './pages/ImportPage'
import { writeFileSync } from 'node:fs'
import { buildPackage } from '../fixtures/packages'
import { aCandidate } from '../unit/shared/factories'
import {
  devKey,
  flipBit,
  randomFile,
  strangerKey,
  tamperPackage,
  truncatedCopy,
  writeSamplePackage,
  type SampleFile,
} from '../fixtures/sample-packages'
import type { Candidate } from '../../src-shared/schemas'

const SHOTS = '/tmp/shots'
/** The sample's exam day, 08:30 in Beijing: theory doors are open. */
const EXAM_DAY = '2026-11-23'
const T0 = new Date(`${EXAM_DAY}T08:30:00+08:00`)

let dir: string
let v1: SampleFile
let v2: SampleFile
const files: Record<string, string> = {}
/** A candidate the desk admits without questions, present in both versions. */
let regular: Candidate
/** A candidate HQ withdrew in version 2. */
let withdrawn: Candidate

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  dir = mkdtempSync(join(tmpdir(), 'examdesk-import-e2e-'))
  v1 = await writeSamplePackage(dir, 'session-v1.examdesk', {
    candidates: 40,
    date: EXAM_DAY,
    offSpecPhotos: true,
    groupTimes: true,
  })
  const offSpec = new Set(v1.offSpec.map((o) => o.admitCardNo))
  const plain = v1.manifest.candidates.filter(
    (c) => !offSpec.has(c.admitCardNo) && c.sittings.length === 2 && c.idDocument.type === 'cn_resident_id',
  )
  regular = plain[3]!
  withdrawn = plain[8]!
  v2 = await writeSamplePackage(dir, 'session-v2.examdesk', {
    candidates: 40,
    date: EXAM_DAY,
    packageVersion: 2,
    drop: [withdrawn.admitCardNo],
  })
  const photoOf = (i: number) => `photos/${v1.manifest.candidates[i]!.photo}`
  files.manifestBit = await tamperPackage(v1.path, join(dir, 'manifest-bit.examdesk'), (e) =>
    flipBit(e.get('manifest.json')!, 4000, 3),
  )
  files.photoBit = await tamperPackage(v1.path, join(dir, 'photo-bit.examdesk'), (e) =>
    flipBit(e.get(photoOf(30))!, 2000, 5),
  )
  files.strangerKey = (
    await writeSamplePackage(dir, 'stranger.examdesk', { candidates: 40, date: EXAM_DAY, key: await strangerKey() })
  ).path
  files.truncated = await truncatedCopy(v1.path, join(dir, 'truncated.examdesk'))
  files.random = await randomFile(join(dir, 'random.examdesk'))
  // Signed by the development key, so it passes the signature and digests, but its roster breaks the format.
  const dev = await devKey()
  const badSex = { ...aCandidate({}), sex: 'X' } as unknown as Candidate
  const badSeat = aCandidate({})
  badSeat.sittings = [{ ...badSeat.sittings[0]!, seat: 0 }]
  const schema = await buildPackage({
    key: { hqKey: { keyId: dev.keyId, publicKey: dev.publicKey }, privateKey: dev.privateKey },
    candidates: [aCandidate({}), badSex, badSeat],
  })
  files.schema = join(dir, 'schema.examdesk')
  writeFileSync(files.schema, schema.bytes)
  files.schemaSex = badSex.admitCardNo
  files.schemaSeat = badSeat.admitCardNo
  files.v2ManifestBit = await tamperPackage(v2.path, join(dir, 'v2-manifest-bit.examdesk'), (e) =>
    flipBit(e.get('manifest.json')!, 3000, 1),
  )
}, 120_000)
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

let e2e: E2E | null = null
afterEach(async () => {
  if (!e2e) return
  const errors = e2e.consoleErrors
  await e2e.close()
  e2e = null
  expect(errors).toEqual([])
})

async function fresh() {
  e2e = await startE2E()
  await e2e.page.clock.setFixedTime(T0)
  const first = new FirstScreenPage(e2e.page)
  await first.open(e2e.host.url)
  return { page: e2e.page, first, imp: new ImportPage(e2e.page), desk: new DeskPage(e2e.page) }
}

/** What the summary should count, worked out from the manifest HQ signed. */
function expectedCounts(candidates: readonly Candidate[]) {
  const tally = (keys: string[]) => {
    const m = new Map<string, number>()
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1)
    return m
  }
  return {
    occupation: tally(candidates.map((c) => `${c.occupation}${c.workType ? `（${c.workType}）` : ''}|${c.level}`)),
    subject: tally(candidates.flatMap((c) => c.sittings.map((s) => s.subject))),
    room: tally(candidates.flatMap((c) => c.sittings.map((s) => `${s.roomId}|${s.subject}`))),
  }
}

describe('importing a signed package on the first screen', () => {
  it('shows progress, then a summary by occupation/level, subject and room with photo warnings; confirming leads to login', async () => {
    const { page, first, imp } = await fresh()
    expect(await first.sessionStatus()).toContain('尚未导入场次')
    await imp.watchProgress()
    await imp.choose(v1.path)
    await imp.summary().waitFor({ timeout: 30_000 })

    const seen = await imp.progressSeen()
    expect(seen.join('\n')).toContain('session-v1.examdesk')
    expect(seen.join('\n')).toMatch(/正在核验认定机构签名|正在读取考生与照片/)

    expect(await imp.summary().innerText()).toContain('请核对以下内容，确认后导入')
    expect(await page.getByTestId('summary-candidates').innerText()).toMatch(/^40/)
    const want = expectedCounts(v1.manifest.candidates)
    const byOccupation = await imp.summaryTable('按职业与等级')
    expect(new Map(byOccupation.map(([occ, level, n]) => [`${occ}|${level}`, Number(n)]))).toEqual(want.occupation)
    const bySubject = await imp.summaryTable('按科目')
    expect(bySubject.map(([name, , n]) => [name, Number(n)])).toEqual([
      ['理论知识', want.subject.get('theory')],
      ['技能考核', want.subject.get('skills')],
    ])
    const byRoom = await imp.summaryTable('按考场')
    const subjectCode = { 理论知识: 'theory', 技能考核: 'skills' } as Record<string, string>
    expect(
      new Map(byRoom.map(([room, subj, n]) => [`${room}|${subjectCode[subj!]}`, Number(n!.split('/')[0])])),
    ).toEqual(want.room)

    // One group sits skills later than the session: the site manager sees it before confirming.
    expect(await page.getByTestId('group-times').innerText()).toContain(
      '人工智能训练师 五级/初级 · 技能考核 14:30–16:30',
    )

    expect(await page.getByTestId('summary-warnings').innerText()).toContain('2 名考生有需要注意的问题（仍会导入）')
    const warnings = await imp.warnings()
    expect(warnings).toEqual([
      expect.stringMatching(new RegExp(`^${v1.offSpec[0]!.admitCardNo} .+：照片文件大小不在 40–80 KB 之间$`)),
      expect.stringMatching(new RegExp(`^${v1.offSpec[1]!.admitCardNo} .+：照片尺寸过小`)),
    ])
    await page.screenshot({ path: `${SHOTS}/import-summary.png`, fullPage: true })

    await imp.confirm()
    // A session is loaded: the desk asks who is working.
    await page.getByRole('listbox').getByText('王建国').waitFor()
    await page.getByRole('listbox').getByText('李晓燕').waitFor()
    await page.reload()
    await page.getByRole('listbox').getByText('王建国').waitFor()
  })
})

describe('a broken or forged package on the first screen', () => {
  const cases: [string, keyof typeof files | (() => string), RegExp][] = [
    ['one flipped bit in the manifest', 'manifestBit', /与签名不符：考生名单（manifest\.json）被改动过/],
    ['one flipped bit in a photo', 'photoBit', /与签名不符：准考证号 \d+ 的照片被改动过/],
    ['signed by a key the desk does not trust', 'strangerKey', /不是由本机信任的认定机构密钥签名/],
    ['a truncated file', 'truncated', /不是有效的场次包文件：文件损坏、不完整或格式不对/],
    ['10 MB of random bytes', 'random', /不是有效的场次包文件：文件损坏、不完整或格式不对/],
  ]
  it.each(cases)('refuses %s with its reason in Chinese and imports nothing', async (_label, file, reason) => {
    const { page, first, imp } = await fresh()
    await imp.choose(files[file as string]!)
    const text = await imp.refusalText()
    expect(text).toContain('场次包被拒绝')
    expect(text).toMatch(reason)
    expect(text).toContain('本机现有数据没有任何改动。')
    expect(text).not.toMatch(/Error|undefined|digestMismatch|notAPackage|unknownKey/)
    if (file === 'photoBit') {
      await page.screenshot({ path: `${SHOTS}/import-refused-photo.png`, fullPage: true })
      expect(text).toContain(`准考证号 ${v1.manifest.candidates[30]!.admitCardNo} 的照片`)
    }
    await imp.close()
    expect(await first.sessionStatus()).toContain('尚未导入场次')
    await page.reload()
    expect(await first.sessionStatus()).toContain('尚未导入场次')
    await expect.poll(() => imp.importButton().isVisible()).toBe(true)
  })
})

describe('a signed package whose roster breaks the format', () => {
  it('lists each problem by admit card no. and field in words, in Chinese and in English', async () => {
    const { page, first, imp } = await fresh()
    await imp.choose(files.schema!)
    const text = await imp.refusalText()
    expect(text).toContain('场次包内容不符合格式要求：')
    const lines = await page.getByTestId('import-issues').locator('li').allInnerTexts()
    expect(lines).toEqual([
      `准考证号 ${files.schemaSex} 的考生「性别」：不是允许的取值`,
      `准考证号 ${files.schemaSeat} 的考生「座位号」：数值太小（至少为 1）`,
    ])
    await page.screenshot({ path: `${SHOTS}/import-refused-schema.png`, fullPage: true })
    await first.switchLanguage('English')
    await expect
      .poll(() => page.getByTestId('import-issues').locator('li').allInnerTexts())
      .toEqual([
        `Candidate with admit card no. ${files.schemaSex} — sex: not an allowed value`,
        `Candidate with admit card no. ${files.schemaSeat} — seat number: too small (at least 1)`,
      ])
    expect(await imp.refusal().innerText()).toContain('Nothing on this desk was changed.')
    await page.screenshot({ path: `${SHOTS}/import-refused-schema-en.png`, fullPage: true })
  })
})

describe('re-importing with a session loaded', () => {
  it('refuses a tampered newer version and keeps roster and check-ins; a valid one replaces the roster and keeps the check-in', async () => {
    const { page, imp, desk } = await fresh()
    await imp.choose(v1.path)
    await imp.summary().waitFor({ timeout: 30_000 })
    await imp.confirm()
    await desk.login('王建国', '888888')
    await desk.setUp('理论知识')
    await desk.scan(regular.admitCardNo)
    expect(await desk.outcome()).toBe('admit')
    await desk.press('Enter')
    await desk.admitted().waitFor()
    await expect.poll(() => page.getByTestId('desk-log').innerText()).toContain(regular.name)

    const sessionTab = () => page.getByRole('button', { name: '场次', exact: true }).click()
    const checkinTab = () => page.getByRole('button', { name: '签到', exact: true }).click()
    const loaded = () => page.getByTestId('loaded-sessions').innerText()
    /** Scan the regular candidate again: the desk must remember the first check-in. */
    const expectAlreadyCheckedIn = async () => {
      await checkinTab()
      await page.getByTestId('scan').waitFor()
      await desk.scan(regular.admitCardNo)
      expect(await desk.outcome()).toBe('refuse')
      expect((await desk.reasons()).join()).toMatch(/已于 08:30 在本签到台签到（考点负责人 王建国）/)
      await desk.press('Escape')
    }

    // A newer version with one flipped bit: refused, roster and check-in as they were.
    await sessionTab()
    await expect.poll(loaded).toContain('第 1 版')
    await expect.poll(loaded).toContain('考生 40 人')
    await imp.choose(files.v2ManifestBit!)
    const refusal = await imp.refusalText()
    expect(refusal).toMatch(/与签名不符：考生名单（manifest\.json）被改动过/)
    expect(refusal).toContain('本机现有数据没有任何改动。')
    await page.screenshot({ path: `${SHOTS}/reimport-refused.png`, fullPage: true })
    await imp.close()
    expect(await loaded()).toContain('第 1 版')
    await expect.poll(loaded).toContain('考生 40 人')
    await expectAlreadyCheckedIn()

    // The valid newer version: the summary says it replaces version 1; afterwards 39 candidates, same check-in.
    await sessionTab()
    await imp.choose(v2.path)
    await imp.summary().waitFor({ timeout: 30_000 })
    expect(await imp.summary().innerText()).toContain('将以新版本替换本机现有名单（当前第 1 版），已记录的签到不受影响')
    expect(await page.getByTestId('summary-candidates').innerText()).toMatch(/^39/)
    await imp.confirm()
    await expect.poll(() => page.getByTestId('import-done').innerText()).toContain('共 39 名考生')
    await expect.poll(loaded).toContain('第 2 版')
    await expect.poll(loaded).toContain('考生 39 人')
    await expectAlreadyCheckedIn()
    await desk.scan(withdrawn.admitCardNo)
    expect(await desk.outcome()).toBe('refuse')
  })
})
