/**
 * The reports page as a site manager reads it after the desk's morning: a refusal's row in the export says
 * when, where, who, how and why; an invoice handed over at the desk appears in the export and on the
 * printed 发票领取清单, with the site manager's approval of one the candidate had not requested.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import type { Download } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LedgerEvent } from '../../src-shared/schemas'
import { startE2E, type E2E } from './harness'
import { DeskPage } from './pages/DeskPage'
import { admitCardQr, demoCandidate, demoManifest, sitsBoth } from './demo'

let e2e: E2E
let desk: DeskPage
const T0 = new Date('2026-11-23T00:00:00Z') // 08:00 at the venue
const minutes = (m: number) => new Date(T0.getTime() + m * 60_000)
const SHOTS = '/tmp/shots-reports'

beforeEach(async () => {
  e2e = await startE2E({ viewport: { width: 1440, height: 900 } })
  desk = new DeskPage(e2e.page)
  await e2e.page.clock.setFixedTime(T0)
  await desk.open(e2e.host.url)
  await desk.loadDemo()
  await desk.login('李晓燕', '123456')
  await desk.setUp('理论知识')
})
afterEach(async () => {
  expect(e2e.consoleErrors).toEqual([])
  expect(e2e.cspViolations).toEqual([])
  await e2e.close()
})

/** The ledger's events as the page stored them: only to learn this desk's id. */
async function deviceIdOfDesk(): Promise<string> {
  const events = await e2e.page.evaluate(
    () =>
      new Promise<LedgerEvent[]>((ok, fail) => {
        const r = indexedDB.open('ledger')
        r.onerror = () => fail(r.error)
        r.onsuccess = () => {
          const q = r.result.transaction('events').objectStore('events').getAll()
          q.onsuccess = () => ok(q.result as LedgerEvent[])
        }
      }),
  )
  return events[0]!.deviceId
}

/** The site manager's PIN for a dialog that needs it (a proctor is at the desk). */
async function approve(reason: string | null, confirm: string) {
  const dialog = e2e.page.getByTestId('approval-dialog')
  await dialog.waitFor()
  if (reason !== null) await dialog.getByLabel('原因').fill(reason)
  await dialog.getByLabel('考点负责人 PIN').fill('888888')
  await dialog.getByRole('button', { name: confirm }).click()
  await dialog.waitFor({ state: 'detached' })
}

/**
 * A code into the scan field, then Enter: what a scanner does, without the keyboard-wedge timing, which
 * this test does not try (keyboard.test.ts does) and which a loaded build machine stretches.
 */
async function scan(code: string) {
  await e2e.page.getByTestId('scan').fill(code)
  await desk.press('Enter')
}

/** An export: the button, the site manager's approval (a proctor is at the desk), then the file. */
async function download(testId: string, path: string): Promise<Download> {
  const file = e2e.page.waitForEvent('download')
  await e2e.page.getByTestId(testId).click()
  await approve('交认定机构核对', '批准导出')
  const d = await file
  await d.saveAs(path)
  return d
}

async function pdfTextOf(path: string): Promise<string> {
  writeFileSync(path, await e2e.page.pdf({ format: 'A4', preferCSSPageSize: true }))
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
}

async function shot(name: string) {
  mkdirSync(SHOTS, { recursive: true })
  await e2e.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

describe('reports after refusals and invoice hand-overs at the desk', () => {
  it('exports a refusal with its time, desk, staff, method and reason; lists the invoices handed over in the export and the printed 发票领取清单', async () => {
    // 08:45: a candidate who requested an invoice is admitted, then F7 hands it over.
    await e2e.page.clock.setFixedTime(minutes(45))
    const asked = await demoCandidate((c) => sitsBoth(c) && c.invoiceRequested)
    await scan(await admitCardQr(asked.admitCardNo))
    await desk.press('Enter')
    await desk.admitted().waitFor()
    await desk.press('F7')
    await expect.poll(() => e2e.page.getByTestId('notice').innerText()).toContain(`已记录 ${asked.name} 领取发票`)
    await expect.poll(() => e2e.page.getByTestId('invoice-status').innerText()).toBe('已领取（08:45，考务人员 李晓燕）')
    await shot('desk-invoice-handed-over')
    await desk.press('F7')
    await expect.poll(() => e2e.page.getByTestId('notice').innerText()).toContain('不能重复领取')
    await desk.press('Escape')

    // 08:50: one who had not requested an invoice gets one with the site manager's PIN and a reason.
    await e2e.page.clock.setFixedTime(minutes(50))
    const unasked = await demoCandidate((c) => sitsBoth(c) && !c.invoiceRequested, 5)
    await scan(unasked.admitCardNo)
    await desk.press('F7')
    await approve('单位报销需要', '确认发放')
    await expect.poll(() => e2e.page.getByTestId('invoice-status').innerText()).toBe('已领取（08:50，考务人员 李晓燕）')
    await desk.press('Escape')

    // 09:31, past the 09:25 cutoff: a late candidate's QR is refused, and Enter records the refusal.
    await e2e.page.clock.setFixedTime(minutes(60 + 30 + 1))
    const late = await demoCandidate((c) => sitsBoth(c) && !c.invoiceRequested, 7)
    await scan(await admitCardQr(late.admitCardNo))
    expect(await desk.outcome()).toBe('refuse')
    await desk.press('Enter')
    await e2e.page.getByTestId('refusal-recorded').waitFor()
    await desk.press('Escape')

    const deviceId = await deviceIdOfDesk()
    await e2e.page.getByTestId('nav-reports').click()
    const dir = mkdtempSync(join(tmpdir(), 'examdesk-reports-'))

    // CSV: the refusal's row says when, at which desk, who, how and why, in words.
    await download('export-csv', join(dir, 'a.csv'))
    const csvText = readFileSync(join(dir, 'a.csv')).toString('utf8').slice(1)
    const csv = Papa.parse<Record<string, string>>(csvText, { header: true, skipEmptyLines: true }).data
    const row = (no: string, subject = '理论知识') => csv.find((r) => r['准考证号'] === no && r['科目'] === subject)
    expect(row(late.admitCardNo)).toMatchObject({
      状态: '拒绝入场',
      '签到/拒绝时间': '2026-11-23 09:31:00',
      签到台标识: deviceId,
      经办人: '李晓燕',
      核验方式: '扫准考证二维码',
      '提示/拒绝原因': '超过入场时限',
      发票: '未申请',
    })
    expect(csv.filter((r) => r['状态'] === '拒绝入场')).toHaveLength(1)
    expect(row(asked.admitCardNo)).toMatchObject({
      状态: '已到',
      '签到/拒绝时间': '2026-11-23 08:45:00',
      经办人: '李晓燕',
      核验方式: '扫准考证二维码',
      发票: '已领取',
      发票领取时间: '2026-11-23 08:45:00',
      发票经办人: '李晓燕',
      发票批准人: '',
    })
    for (const subject of ['理论知识', '技能考核'])
      expect(row(unasked.admitCardNo, subject)).toMatchObject({
        发票: '已领取',
        发票领取时间: '2026-11-23 08:50:00',
        发票经办人: '李晓燕',
        发票批准人: '王建国',
        发票批准原因: '单位报销需要',
      })
    const stillWaiting = (await demoCandidate((c) => c.invoiceRequested && c.admitCardNo !== asked.admitCardNo))
      .admitCardNo
    expect(csv.find((r) => r['准考证号'] === stillWaiting)).toMatchObject({ 发票: '未领取', 发票领取时间: '' })

    // XLSX: the same cells as the CSV.
    await download('export-xlsx', join(dir, 'a.xlsx'))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(join(dir, 'a.xlsx'))
    const ws = wb.worksheets[0]!
    const header = (ws.getRow(1).values as string[]).slice(1)
    const xlsxRows: string[][] = []
    ws.eachRow((r, n) => n > 1 && xlsxRows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
    expect(xlsxRows).toEqual(csv.map((r) => header.map((h) => r[h] ?? '')))

    // 发票领取清单: on the page and on paper, the hand-overs with time and staff, a column to sign.
    await e2e.page.getByRole('tab', { name: '发票领取清单' }).click()
    const list = e2e.page.getByTestId('invoices')
    await list.waitFor()
    const requested = (await demoManifest()).candidates.filter((c) => c.invoiceRequested).length
    await expect.poll(() => list.getByTestId('invoice-row').count()).toBe(requested + 1)
    expect(await e2e.page.getByTestId('invoice-counts').innerText()).toBe(
      `申请发票 ${requested} 人，已领取 2 人（其中未申请、经考点负责人批准 1 人），尚未领取 ${requested - 1} 人。`,
    )
    const text = await pdfTextOf(join(dir, 'invoices.pdf'))
    expect(text).toContain('发票领取清单')
    expect(text).toContain('领取人签字')
    expect(text).not.toContain('导出 CSV')
    const line = (no: string) => text.split('\n').find((l) => l.includes(no)) ?? ''
    expect(line(asked.admitCardNo)).toMatch(new RegExp(`${asked.name}.*是.*已领取.*08:45.*李晓燕`))
    expect(line(unasked.admitCardNo)).toMatch(new RegExp(`${unasked.name}.*否.*已领取.*08:50.*李晓燕`))
    // The remark wraps inside its cell, so pdftotext interleaves it with the next cells: on the page whole.
    const remark = list.locator(`[data-admit-card-no="${unasked.admitCardNo}"] td`).nth(7)
    expect(await remark.innerText()).toBe('考点负责人 王建国 批准：单位报销需要')
    expect(text).toContain('王建国')
    expect(line(stillWaiting)).toMatch(/是\s+未领取/)
    expect(line(late.admitCardNo)).toBe('')
    await shot('report-invoices')
  })
})
