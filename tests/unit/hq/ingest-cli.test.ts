/**
 * `npm run hq -- ingest <file>`: the operator's way to hand a desk's USB export to a running HQ. The real
 * CLI process, a real HQ on a loopback port, a real export file on disk.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildExportFile } from '../../../src-renderer/db/sync-batches'
import { aDesk, notes, record, TestHq } from './sync-helpers'
import { cli, tempDir } from './factories'

let hq: TestHq
beforeAll(async () => {
  hq = new TestHq()
  await hq.start()
})
afterAll(async () => hq.dispose())

describe('npm run hq -- ingest', () => {
  it('ingests a desk’s export file through HQ’s one ingest path; the same file twice stores nothing new', async () => {
    const desk = await aDesk()
    const sent = await record(desk, notes(40))
    const file = join(tempDir(), `examdesk-${desk.deviceId}-2024-12-14.examdesk-log`)
    writeFileSync(file, (await buildExportFile(desk.db, desk, new Date())).bytes)
    const url = `http://127.0.0.1:${hq.port}`
    const first = await cli('ingest', file, '--url', url, '--token', hq.token)
    expect([first.code, first.stderr]).toEqual([0, ''])
    expect(first.stdout).toContain(`已导入 / ingested: ${file}`)
    expect(first.stdout).toContain(`签到台 device ${desk.deviceId}`)
    expect(first.stdout).toMatch(/新存事件 stored 40.*acked seq 40/)
    const second = await cli('ingest', file, '--url', url, '--token', hq.token)
    expect(second.code).toBe(0)
    expect(second.stdout).toMatch(/新存事件 stored 0.*acked seq 40/)
    expect((await hq.events(desk.deviceId)).map((e) => e.hash)).toEqual(sent.map((e) => e.hash))
  }, 60_000)

  it('says plainly what is wrong: wrong token, a missing file, a file that is not an export, HQ not running', async () => {
    const dir = tempDir()
    const url = `http://127.0.0.1:${hq.port}`
    const junk = join(dir, 'junk.examdesk-log')
    writeFileSync(junk, '{"content":{}}')
    const [wrongToken, missing, notExport, usage] = await Promise.all([
      cli('ingest', junk, '--url', url, '--token', 'wrong'),
      cli('ingest', join(dir, 'none.examdesk-log'), '--url', url, '--token', hq.token),
      cli('ingest', junk, '--url', url, '--token', hq.token),
      cli('ingest', junk),
    ])
    expect([wrongToken.code, wrongToken.stderr]).toEqual([
      1,
      expect.stringContaining('登记码不正确 / wrong enrolment token'),
    ])
    expect([missing.code, missing.stderr.trim()]).toEqual([
      1,
      `找不到签到台导出文件：${join(dir, 'none.examdesk-log')} / desk export file not found`,
    ])
    expect([notExport.code, notExport.stderr]).toEqual([1, expect.stringContaining('(422 badFile)')])
    expect(usage.code).toBe(2)
    const down = await cli('ingest', junk, '--url', 'http://127.0.0.1:9', '--token', hq.token)
    expect([down.code, down.stderr]).toEqual([1, expect.stringMatching(/^无法连接总部服务器 http:\/\/127\.0\.0\.1:9/)])
  }, 60_000)
})
