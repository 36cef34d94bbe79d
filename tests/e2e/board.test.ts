import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { deriveAttendance } from '../../src-shared/attendance'
import { BOARD_STATES, boardNumbers } from '../../src-shared/board'
import type { Candidate, LedgerEvent, Subject } from '../../src-shared/schemas'
import { startE2E, type E2E } from './harness'
import { BoardPage } from './pages/BoardPage'
import { DeskPage } from './pages/DeskPage'
import { admitCardQr, demoCandidate, sitsBoth } from './demo'

let e2e: E2E
let desk: DeskPage
let board: BoardPage
const T0 = new Date('2026-11-23T00:00:00Z')
const minutes = (m: number) => new Date(T0.getTime() + m * 60_000)
const STATE_ZH = { expected: '未到', present: '已到', late: '迟到', absent: '缺考', refused: '拒绝入场' } as const

beforeEach(async () => {
  e2e = await startE2E({ viewport: { width: 1440, height: 900 } })
  desk = new DeskPage(e2e.page)
  board = new BoardPage(e2e.page)
  await e2e.page.clock.setFixedTime(T0)
  await desk.open(e2e.host.url)
  await desk.loadDemo()
  await desk.login('王建国', '888888')
  await desk.setUp('理论知识')
})
afterEach(async () => {
  expect(e2e.consoleErrors).toEqual([])
  expect(e2e.cspViolations).toEqual([])
  await e2e.close()
})

/** The ledger and roster as the page holds them, read straight from IndexedDB. */
async function stored(): Promise<{ events: LedgerEvent[]; subjects: Subject[]; candidates: Candidate[] }> {
  return e2e.page.evaluate(async () => {
    const open = (name: string) =>
      new Promise<IDBDatabase>((ok, fail) => {
        const r = indexedDB.open(name)
        r.onsuccess = () => ok(r.result)
        r.onerror = () => fail(r.error)
      })
    const all = <T>(db: IDBDatabase, store: string) =>
      new Promise<T[]>((ok) => {
        const r = db.transaction(store).objectStore(store).getAll()
        r.onsuccess = () => ok(r.result as T[])
      })
    const ledger = await open('ledger')
    const roster = await open('roster')
    const [session] = await all<{ subjects: Subject[]; activeRosterId: string }>(roster, 'sessions')
    const candidates = (await all<Candidate & { rosterId: string }>(roster, 'candidates')).filter(
      (c) => c.rosterId === session!.activeRosterId,
    )
    return { events: await all<LedgerEvent>(ledger, 'events'), subjects: session!.subjects, candidates }
  })
}

async function derivedTheory() {
  const s = await stored()
  return boardNumbers(deriveAttendance(s, s.events), 'theory').total
}

/** Three admitted, one admitted then voided, one late past the cutoff admitted by override. */
async function scriptedMorning() {
  for (const skip of [0, 1, 2]) {
    const c = await demoCandidate(sitsBoth, skip)
    await desk.scan(await admitCardQr(c.admitCardNo))
    await desk.press('Enter')
    await desk.admitted().waitFor()
    await desk.press('Escape')
  }
  const wrong = await demoCandidate(sitsBoth, 3)
  await desk.scan(wrong.admitCardNo)
  await desk.press('Enter')
  await desk.admitted().waitFor()
  await desk.press('F9')
  const dialog = e2e.page.getByTestId('approval-dialog')
  await dialog.getByLabel('原因').fill('认错人')
  await dialog.getByLabel('原因').press('Enter')
  await expect.poll(() => e2e.page.getByTestId('notice').innerText()).toContain('签到已撤销')
  await e2e.page.clock.setFixedTime(minutes(60 + 30 + 1))
  const late = await demoCandidate(sitsBoth, 4)
  await desk.scan(late.admitCardNo)
  expect(await desk.outcome()).toBe('refuse')
  await desk.press('F6')
  await dialog.getByLabel('原因').fill('交通管制，考点负责人同意')
  await dialog.getByRole('button', { name: '批准' }).click()
  await expect.poll(() => desk.outcome()).toBe('attention')
  await desk.press('Alt+1')
  await desk.press('Alt+2')
  await desk.press('Enter')
  await desk.admitted().waitFor()
  return { wrong, late }
}

describe('the board after a scripted run of check-ins, a void and an override', () => {
  it('shows the numbers deriveAttendance gives over the ledger, and lists the void and the override', async () => {
    await scriptedMorning()
    await board.open()
    const derived = await derivedTheory()
    expect(derived).toMatchObject({ present: 3, late: 1 })
    await expect.poll(() => board.totals()).toEqual(Object.fromEntries(BOARD_STATES.map((s) => [s, derived[s]])))
    const kinds = await board.exceptionKinds()
    expect(kinds).toEqual(expect.arrayContaining(['override', 'void']))
  })

  it('follows the desk live: a check-in made on the desk shows up on the board', async () => {
    await board.open()
    const before = await board.totals()
    await e2e.page.getByRole('button', { name: '签到', exact: true }).click()
    const c = await demoCandidate(sitsBoth, 5)
    await desk.scan(c.admitCardNo)
    await desk.press('Enter')
    await desk.admitted().waitFor()
    await board.open()
    await expect.poll(async () => (await board.totals()).present).toBe(before.present + 1)
  })
})

describe('closing a subject', () => {
  it('lists exactly the missing candidates, marks them absent, and the desk then refuses the subject', async () => {
    await scriptedMorning()
    await board.open()
    const before = await derivedTheory()
    await e2e.page.getByTestId('close-subject').click()
    const dialog = e2e.page.getByTestId('close-dialog')
    await expect.poll(() => dialog.locator('tbody tr').count()).toBe(before.expected)
    await dialog.getByRole('button', { name: /确认关闭/ }).click()
    await expect.poll(() => e2e.page.getByTestId('subject-status').innerText()).toContain('已关闭')
    const after = await derivedTheory()
    expect(after).toEqual({ ...before, expected: 0, absent: before.absent + before.expected })
    expect(await board.totals()).toMatchObject({ expected: 0, absent: after.absent })

    await e2e.page.getByRole('button', { name: '签到', exact: true }).click()
    const c = await demoCandidate(sitsBoth, 6)
    await desk.scan(await admitCardQr(c.admitCardNo))
    expect(await desk.outcome()).toBe('refuse')
    expect((await desk.reasons()).join()).toContain('理论知识已结束签到')
  })

  it('reopens only with a reason, recorded as its own event', async () => {
    await board.open()
    await e2e.page.getByTestId('close-subject').click()
    await e2e.page
      .getByTestId('close-dialog')
      .getByRole('button', { name: /确认关闭/ })
      .click()
    await e2e.page.getByTestId('reopen-subject').click()
    const dialog = e2e.page.getByTestId('approval-dialog')
    await dialog.getByRole('button', { name: '重新开放' }).click()
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('请填写原因')
    await dialog.getByLabel('原因').fill('误关闭，尚有考生在安检')
    await dialog.getByRole('button', { name: '重新开放' }).click()
    await expect.poll(() => e2e.page.getByTestId('subject-status').innerText()).toContain('签到进行中')
    const reopen = (await stored()).events.find((e) => e.type === 'subjectReopened')
    expect(reopen?.payload).toEqual({ subject: 'theory', reason: '误关闭，尚有考生在安检' })
  })
})

describe('reports and exports', () => {
  it('exports CSV and XLSX whose rows match the board, and prints reports that carry the ledger head', async () => {
    await scriptedMorning()
    await board.open()
    await e2e.page.getByTestId('close-subject').click()
    await e2e.page
      .getByTestId('close-dialog')
      .getByRole('button', { name: /确认关闭/ })
      .click()
    await expect.poll(() => e2e.page.getByTestId('subject-status').innerText()).toContain('已关闭')
    const totals = await board.totals()
    await e2e.page.getByTestId('nav-reports').click()
    const dir = mkdtempSync(join(tmpdir(), 'examdesk-reports-'))

    const [csvDownload] = await Promise.all([
      e2e.page.waitForEvent('download'),
      e2e.page.getByTestId('export-csv').click(),
    ])
    const csvPath = join(dir, 'a.csv')
    await csvDownload.saveAs(csvPath)
    const csvBytes = readFileSync(csvPath)
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const csv = Papa.parse<Record<string, string>>(csvBytes.toString('utf8').slice(1), { header: true }).data
    const theoryCsv = csv.filter((r) => r['科目'] === '理论知识')
    for (const s of BOARD_STATES) expect(theoryCsv.filter((r) => r['状态'] === STATE_ZH[s])).toHaveLength(totals[s])

    const [xlsxDownload] = await Promise.all([
      e2e.page.waitForEvent('download'),
      e2e.page.getByTestId('export-xlsx').click(),
    ])
    const xlsxPath = join(dir, 'a.xlsx')
    await xlsxDownload.saveAs(xlsxPath)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(xlsxPath)
    const ws = wb.worksheets[0]!
    const header = (ws.getRow(1).values as string[]).slice(1)
    expect(header.slice(0, 3)).toEqual(['准考证号', '姓名', '性别'])
    const xlsxRows: string[][] = []
    ws.eachRow((row, n) => n > 1 && xlsxRows.push((row.values as string[]).slice(1).map(String)))
    expect(xlsxRows).toEqual(csv.map((r) => header.map((h) => r[h] ?? '')).map((r) => r.map(String)))

    const head = (await stored()).events.sort((a, b) => b.seq - a.seq)[0]!
    await e2e.page.getByRole('tab', { name: '缺考名单' }).click()
    const absent = await e2e.page.getByTestId('absentees').locator('tbody tr').count()
    expect(absent).toBe(totals.absent)
    const pdfText = await pdfTextOf(join(dir, 'absentees.pdf'))
    expect(pdfText).toContain(head.hash)
    expect(pdfText).toContain(`缺考 ${totals.absent} 人`)
    expect(pdfText).not.toContain('导出 CSV')

    await e2e.page.getByRole('tab', { name: '签到表' }).click()
    const sheetText = await pdfTextOf(join(dir, 'sheet.pdf'))
    const late = await demoCandidate(sitsBoth, 4)
    expect(sheetText).toContain(late.admitCardNo)
    expect(sheetText).toContain('考生签名')
  })
})

describe('the audit log', () => {
  it('says the chain is intact and finds what happened to one candidate', async () => {
    const { wrong } = await scriptedMorning()
    await e2e.page.getByTestId('nav-audit').click()
    await expect.poll(() => e2e.page.getByTestId('chain-status').innerText()).toContain('链完整')
    await e2e.page.getByTestId('audit-candidate').fill(wrong.admitCardNo)
    await expect
      .poll(() =>
        e2e.page
          .getByTestId('audit-list')
          .locator('tbody tr')
          .evaluateAll((r) => r.map((x) => x.getAttribute('data-type'))),
      )
      .toEqual(['void', 'checkIn'])
  })
})

/** The page as Chromium prints it (print CSS, A4), as text. */
async function pdfTextOf(path: string): Promise<string> {
  writeFileSync(path, await e2e.page.pdf({ format: 'A4', preferCSSPageSize: true }))
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
}
