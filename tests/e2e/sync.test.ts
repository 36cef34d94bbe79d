/**
 * The desk uploads to a real HQ server from Chromium: the web host forwards /hq/* to it (the page's
 * CSP stays connect-src 'self'), the proctor gets a site manager's PIN, the desk enrols with HQ's
 * token, and HQ's signed receipt is shown.
 */
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readHqKeyFile } from '../../src-hq/keys'
import { startHq, type HqServer } from '../../src-hq/server'
import { admitCardQr, demoCandidate, sitsBoth } from './demo'
import { startE2E, type E2E } from './harness'
import { DeskPage } from './pages/DeskPage'
import { SyncPage } from './pages/SyncPage'

let hq: HqServer
let e2e: E2E
const T0 = new Date('2026-11-23T00:00:00Z')

beforeEach(async () => {
  const key = await readHqKeyFile('resources/dev-hq-key.json')
  if (!key.ok) throw new Error(key.reason)
  hq = await startHq({
    db: {},
    key: key.key,
    trusted: JSON.parse(readFileSync('resources/hq-keys.json', 'utf8')),
    port: 0,
    enrolToken: 'e2e-token',
    packages: [new Uint8Array(readFileSync('resources/demo-session.examdesk'))],
  })
  process.env.EXAMDESK_HQ_URL = hq.url
  e2e = await startE2E()
})
afterEach(async () => {
  // The one HTTP error Chromium logs is HQ's 403 notEnrolled before the desk enrols: expected here.
  expect(e2e.consoleErrors.filter((e) => !e.includes('status of 403'))).toEqual([])
  expect(e2e.cspViolations).toEqual([])
  await e2e.close()
  await hq.close()
  delete process.env.EXAMDESK_HQ_URL
})

describe('uploading to HQ', () => {
  it('uploads every event after a site manager approves and the desk enrols, and shows HQ’s receipt', async () => {
    const desk = new DeskPage(e2e.page)
    await e2e.page.clock.setFixedTime(T0)
    await desk.open(e2e.host.url)
    await desk.loadDemo()
    await desk.login('李晓燕', '123456')
    await desk.setUp('理论知识')
    const c = await demoCandidate(sitsBoth)
    await desk.scan(await admitCardQr(c.admitCardNo))
    await desk.press('Enter')
    await expect.poll(() => desk.admitted().isVisible()).toBe(true)

    const sync = new SyncPage(e2e.page)
    await sync.open()
    await sync.approve('888888')
    await sync.upload()
    await expect.poll(() => sync.outcome().innerText()).toContain('登记码')
    await sync.enrol('e2e-token')
    await expect.poll(() => sync.outcome().innerText(), { timeout: 20_000 }).toContain('上传完成')

    const rows = await hq.ctx.db.query<{ type: string; quarantine: string | null }>(
      'SELECT type, quarantine FROM events ORDER BY seq',
    )
    expect(rows.map((r) => r.type)).toContain('checkIn')
    expect(rows.every((r) => r.quarantine === null)).toBe(true)
    await expect.poll(() => sync.receipt().innerText()).toContain(String(rows.length))
    expect(await sync.counts().innerText()).toContain('待上传 0 条')
    const page = await (await fetch(`${hq.url}/`)).text()
    expect(page).toContain(c.admitCardNo)
  })
})
