/**
 * What the HQ command line says about bad input: the roster's missing columns named as the sheet names
 * them, missing files in plain Chinese with the path, a bad session.json or --keys file one readable line
 * per problem, and a damaged signature.json called that. Real files in a temp folder, the real CLI.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { BlobReader, ZipReader } from '@zip.js/zip.js'
import { describe, expect, it } from 'vitest'
import { InputError, issuePath } from '../../../src-hq/cli-errors'
import { buildPackageFromFiles } from '../../../src-hq/package-build-cli'
import { REFUSAL_TEXT, verifyPackage } from '../../../src-hq/package-verify'
import { csvTable, parseRoster, readRosterFile } from '../../../src-hq/roster-file'
import { readSessionInput } from '../../../src-hq/session-input'
import { readTrustedKeys } from '../../../src-hq/keys'
import { CHINESE_HEADER, ENGLISH_HEADER, cli, csvOf, someRows, tempDir } from './factories'

const parseCsv = (text: string) => parseRoster(csvTable(new TextEncoder().encode(text)))
const DEMO = 'resources/demo-session.examdesk'
const TRUSTED = 'resources/hq-keys.json'

/** The lines of the InputError a call throws. */
async function inputError(p: Promise<unknown>): Promise<string[]> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(InputError)
  return (err as InputError).lines
}

/** Nothing a person should not have to read: raw errno codes, Node's blob error, zod's JSON. */
function expectReadable(text: string): void {
  expect(text).not.toMatch(/ENOENT|EISDIR|Unable to open file as blob|"code":|invalid_type|\{\s*"/)
}

describe('a missing roster column is named as the sheet names it', () => {
  it('on an English sheet: the Chinese name and the English header, 「证件号码」(idNumber)', () => {
    const r = parseCsv(csvOf(someRows(2), ENGLISH_HEADER, ['idNumber', 'level']))
    expect(r.ok || r.errors.map((e) => e.text)).toEqual([
      '第 1 行（表头）：缺少列 「证件号码」(idNumber)、「等级」(level)',
    ])
  })

  it('on an English sheet with spaced headers, in that style: 「证件号码」(id number)', () => {
    const spaced = ENGLISH_HEADER.map((h) => (h === 'admitCardNo' ? 'admit card no' : h === 'name' ? 'full name' : h))
    const r = parseCsv(csvOf(someRows(1), spaced, ['idNumber']))
    expect(r.ok || r.errors[0]!.text).toBe('第 1 行（表头）：缺少列 「证件号码」(id number)')
  })

  it('on an English sheet without either room column: both named', () => {
    const r = parseCsv(csvOf(someRows(1), ENGLISH_HEADER, ['theoryRoom', 'theorySeat', 'skillsRoom', 'skillsSeat']))
    expect(r.ok || r.errors[0]!.text).toBe('第 1 行（表头）：缺少列 「理论考场」(theoryRoom)或「技能考场」(skillsRoom)')
  })

  it('names the column of a bad cell as the English sheet writes its header', () => {
    const rows = someRows(3)
    rows[1]!.sex = '?'
    const r = parseCsv(csvOf(rows, ENGLISH_HEADER))
    expect(r.ok || r.errors.map((e) => e.text)).toEqual(['第 3 行「性别」(sex)：应为「男」或「女」'])
    expect(r.ok || r.errors[0]!.column).toBe('性别')
  })

  it('on a Chinese sheet: the Chinese name alone, as before', () => {
    const r = parseCsv(csvOf(someRows(1), CHINESE_HEADER, ['证件号码']))
    expect(r.ok || r.errors[0]!.text).toBe('第 1 行（表头）：缺少列 「证件号码」')
  })
})

describe('missing files are named in plain Chinese, with their path', () => {
  it('a roster file that is not there', async () => {
    const path = join(tempDir(), '名单.csv')
    expect(await inputError(readRosterFile(path))).toEqual([`找不到名单文件：${path} / roster file not found`])
    const xlsx = join(tempDir(), 'roster.xlsx')
    expect(await inputError(readRosterFile(xlsx))).toEqual([`找不到名单文件：${xlsx} / roster file not found`])
  })

  it('a roster file that is not a workbook', async () => {
    const path = join(tempDir(), 'roster.xlsx')
    writeFileSync(path, 'not a zip at all')
    const [line] = await inputError(readRosterFile(path))
    expect(line).toMatch(new RegExp(`^名单文件不是有效的 XLSX 工作簿.*：${path} / `))
  })

  it('a package file that is not there, or a folder', async () => {
    const dir = tempDir()
    const path = join(dir, 'session.examdesk')
    expect(await inputError(verifyPackage(path, TRUSTED))).toEqual([
      `找不到考试包文件：${path} / package file not found`,
    ])
    expect(await inputError(verifyPackage(dir, TRUSTED))).toEqual([
      `考试包文件是一个目录，不是文件：${dir} / the package file is a folder`,
    ])
  })

  it('package build lists every missing input at once: key, session, roster and photo folder', async () => {
    const dir = tempDir()
    const p = (f: string) => join(dir, f)
    const r = await buildPackageFromFiles({
      roster: p('roster.csv'),
      photos: p('photos'),
      session: p('session.json'),
      key: p('key.json'),
      out: p('out.examdesk'),
    })
    expect(r.ok || r.lines).toEqual([
      `找不到密钥文件：${p('key.json')} / key file not found`,
      `找不到场次文件：${p('session.json')} / session file not found`,
      `找不到名单文件：${p('roster.csv')} / roster file not found`,
      `找不到照片目录：${p('photos')} / photo folder not found`,
    ])
  })

  it('a photo "folder" that is a file', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'roster.csv'), csvOf(someRows(1)))
    writeFileSync(join(dir, 'photos.zip'), 'x')
    const r = await buildPackageFromFiles({
      roster: join(dir, 'roster.csv'),
      photos: join(dir, 'photos.zip'),
      session: join(dir, 'missing.json'),
      key: 'resources/dev-hq-key.json',
      out: join(dir, 'out.examdesk'),
    })
    expect(r.ok || r.lines).toContain(`照片目录不是目录：${join(dir, 'photos.zip')} / the photo folder is not a folder`)
  })

  it('the real CLI prints the line and exits with 1, without a stack or errno', async () => {
    const path = join(tempDir(), 'nope.examdesk')
    const r = await cli('package', 'verify', path)
    expect(r.code).toBe(1)
    expect(r.stderr.trim()).toBe(`找不到考试包文件：${path} / package file not found`)
    const cards = await cli(
      'admit-cards',
      '--package',
      path,
      '--key',
      'resources/dev-hq-key.json',
      '--out',
      `${path}.pdf`,
    )
    expect([cards.code, cards.stderr.trim()]).toEqual([1, `找不到考试包文件：${path} / package file not found`])
  }, 60_000)
})

describe('a bad session.json or --keys file: one readable Chinese line per problem', () => {
  it('session.json that is not JSON says where', async () => {
    const path = join(tempDir(), 'session.json')
    writeFileSync(path, '{\n  "packageVersion": 1\n  "body": {}\n}\n')
    expect(await inputError(readSessionInput(path))).toEqual([
      `场次文件不是有效的 JSON（第 3 行第 3 列附近）：${path} / the session file is not valid JSON`,
    ])
  })

  it('session.json with wrong fields: path: message, in Chinese', async () => {
    const path = join(tempDir(), 'session.json')
    const input = {
      packageVersion: '1',
      body: { id: 'cecc', name: '中国电子商会' },
      venue: { id: 'v1', name: '测试考点' },
      subjects: [],
      staff: [{ id: 's1', name: '王建国', role: 'siteManager', pin: '12' }],
    }
    writeFileSync(path, JSON.stringify(input, null, 2))
    const lines = await inputError(readSessionInput(path))
    expect(lines[0]).toBe(
      `场次文件有 ${lines.length - 1} 处错误：${path} / the session file has ${lines.length - 1} problem(s):`,
    )
    expect(lines).toEqual(
      expect.arrayContaining([
        '  packageVersion: 无效输入：期望 数字，实际接收 string',
        '  session: 缺少此项（应为对象 {…}）',
        expect.stringMatching(/^ {2}subjects: 数值过小/),
        '  staff[0].pin: PIN 应为 4–8 位数字 / PIN must be 4–8 digits',
      ]),
    )
    for (const l of lines) expectReadable(l)
  })

  it('a --keys file with a bad entry, or none at all', async () => {
    const dir = tempDir()
    const path = join(dir, 'keys.json')
    writeFileSync(path, JSON.stringify([{ keyId: 7 }]))
    expect(await inputError(readTrustedKeys(path))).toEqual([
      `信任密钥文件有 2 处错误：${path} / the trusted keys file has 2 problem(s):`,
      '  [0].keyId: 无效输入：期望 string，实际接收 数字',
      '  [0].publicKey: 缺少此项（应为文本）',
    ])
    writeFileSync(path, '[]')
    expect((await inputError(readTrustedKeys(path)))[1]).toMatch(/^ {2}（整个文件）: /)
    const missing = join(dir, 'none.json')
    expect(await inputError(readTrustedKeys(missing))).toEqual([
      `找不到信任密钥文件：${missing} / trusted keys file not found`,
    ])
  })

  it('the real CLI prints those lines for package verify --keys, not a zod dump', async () => {
    const path = join(tempDir(), 'keys.json')
    writeFileSync(path, JSON.stringify([{ keyId: 7 }]))
    const r = await cli('package', 'verify', DEMO, '--keys', path)
    expect(r.code).toBe(1)
    expect(r.stderr.trim().split('\n')).toEqual([
      `信任密钥文件有 2 处错误：${path} / the trusted keys file has 2 problem(s):`,
      '  [0].keyId: 无效输入：期望 string，实际接收 数字',
      '  [0].publicKey: 缺少此项（应为文本）',
    ])
  }, 60_000)

  it('prints zod paths as people read them', () => {
    expect(issuePath(['staff', 0, 'pin'])).toBe('staff[0].pin')
    expect(issuePath([0, 'keyId'])).toBe('[0].keyId')
    expect(issuePath([])).toBe('（整个文件）')
  })
})

describe('a damaged signature.json is called a damaged signature file', () => {
  /** Where signature.json's (deflated) data lies in the demo package. */
  async function signatureData(bytes: Uint8Array<ArrayBuffer>): Promise<{ from: number; size: number }> {
    const zip = new ZipReader(new BlobReader(new Blob([bytes])))
    const entry = (await zip.getEntries()).find((e) => e.filename === 'signature.json')!
    await zip.close()
    const view = new DataView(bytes.buffer, bytes.byteOffset)
    const nameLength = view.getUint16(entry.offset + 26, true)
    const extraLength = view.getUint16(entry.offset + 28, true)
    return { from: entry.offset + 30 + nameLength + extraLength, size: entry.compressedSize }
  }

  it('reports 签名文件损坏 (badSignatureFile), not “not a package”, for a flipped byte anywhere in it', async () => {
    const original = new Uint8Array(readFileSync(DEMO))
    const { from, size } = await signatureData(original)
    const dir = tempDir()
    // Both ends and 30 places between: whether the inflater chokes or the bytes still parse, it is damage.
    const positions = [0, 1, ...Array.from({ length: 30 }, (_, i) => Math.floor(((i + 1) * size) / 31)), size - 1]
    for (const at of positions) {
      const bytes = original.slice()
      bytes[from + at] = bytes[from + at]! ^ 0x10
      const path = join(dir, `flipped-${at}.examdesk`)
      writeFileSync(path, bytes)
      expect([at, await verifyPackage(path, TRUSTED)]).toEqual([
        at,
        { ok: false, reason: 'badSignatureFile', detail: 'signature.json' },
      ])
    }
    expect(REFUSAL_TEXT.badSignatureFile).toContain('签名文件损坏')
  })

  it('still calls a file that is no zip, or a zip without signature.json, “not a package”', async () => {
    const dir = tempDir()
    const junk = join(dir, 'junk.examdesk')
    writeFileSync(
      junk,
      new Uint8Array(4096).map((_, i) => (i * 37) % 251),
    )
    expect(await verifyPackage(junk, TRUSTED)).toMatchObject({ ok: false, reason: 'notAPackage' })
    const truncated = join(dir, 'truncated.examdesk')
    writeFileSync(truncated, readFileSync(DEMO).subarray(0, 100_000))
    expect(await verifyPackage(truncated, TRUSTED)).toMatchObject({ ok: false, reason: 'notAPackage' })
  })

  it('the real CLI prints the reason', async () => {
    const original = new Uint8Array(readFileSync(DEMO))
    const { from, size } = await signatureData(original)
    original[from + Math.floor(size / 2)]! ^= 0x01
    const dir = tempDir()
    mkdirSync(join(dir, 'x'))
    const path = join(dir, 'x', 'flipped.examdesk')
    writeFileSync(path, original)
    const r = await cli('package', 'verify', path)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`拒绝 / REFUSED (badSignatureFile): ${REFUSAL_TEXT.badSignatureFile}`)
  }, 60_000)
})
