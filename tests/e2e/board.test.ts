import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { deriveAttendance } from '../../src-shared/attendance'
import { BOARD_STATES, boardNumbers, boardRows, type BoardCounts } from '../../src-shared/board'
import type { Candidate, LedgerEvent, Subject, SubjectCode } from '../../src-shared/schemas'
import { startE2E, type E2E } from './harness'
import { BoardPage, type Counts } from './pages/BoardPage'
import { DeskPage } from './pages/DeskPage'
import { admitCardQr, demoCandidate, sitsBoth } from './demo'

let e2e: E2E
let desk: DeskPage
let board: BoardPage
const T0 = new Date('2026-11-23T00:00:00Z')
const minutes = (m: number) => new Date(T0.getTime() + m * 60_000)
const STATE_ZH = { expected: '未到', present: '已到', late: '迟到', absent: '缺考', refused: '拒绝入场' } as const
const SUBJECT_ZH = { theory: '理论知识', skills: '技能考核' } as const
const SHOTS = '/tmp/shots'

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

/** The attendance deriveAttendance gives over the stored ledger. */
async function derived() {
  const s = await stored()
  return deriveAttendance(s, s.events)
}
async function derivedTotals(subject: SubjectCode): Promise<BoardCounts> {
  return boardNumbers(await derived(), subject).total
}
const countsOf = (c: BoardCounts): Counts => Object.fromEntries(BOARD_STATES.map((s) => [s, c[s]])) as Counts

/** The page at the size of the venues' laptops, as a PNG in /tmp/shots. */
async function shot(name: string, { fullPage = true, page = e2e.page } = {}) {
  mkdirSync(SHOTS, { recursive: true })
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage })
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
  await expect.poll(() => e2e.page.getByTestId('notice').innerText()).toContain(`已撤销 ${wrong.name} 的签到`)
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
  it('shows the numbers deriveAttendance gives over the ledger, per room beside each bar, and lists the void and the override', async () => {
    await scriptedMorning()
    await board.open()
    const att = await derived()
    const derivedNumbers = boardNumbers(att, 'theory')
    expect(derivedNumbers.total).toMatchObject({ present: 3, late: 1 })
    await expect.poll(() => board.totals()).toEqual(countsOf(derivedNumbers.total))
    const rooms = await board.rooms()
    expect(Object.keys(rooms).length).toBeGreaterThan(1)
    for (const r of derivedNumbers.rooms) expect(rooms[r.roomId]).toMatchObject({ ...r.counts })
    const kinds = await board.exceptionKinds()
    expect(kinds).toEqual(expect.arrayContaining(['override', 'void']))
    await shot('board-theory-open')
    await e2e.page.getByRole('button', { name: 'English' }).click()
    await e2e.page.getByRole('columnheader', { name: 'Refused' }).waitFor()
    await shot('board-theory-open-en', { fullPage: false })
    await e2e.page.getByRole('button', { name: '中文' }).click()
    await e2e.page.getByRole('columnheader', { name: '拒绝' }).waitFor()
    // The room numbers are visible text, not only tooltips: each cell is on screen at 1366 × 768.
    const room = derivedNumbers.rooms[0]!.roomId
    for (const s of [...BOARD_STATES, 'total'])
      expect(await e2e.page.getByTestId(`room-${room}-${s}`).isVisible()).toBe(true)
  })

  it('follows the desk live: check-ins made in another tab change the open board without navigation', async () => {
    await board.open()
    // Marks that go away if the page reloads or the board is mounted again.
    await e2e.page.evaluate(() => {
      ;(window as unknown as { stayed: boolean }).stayed = true
      document.querySelector('[data-testid="board"]')!.setAttribute('data-mounted-once', 'yes')
    })
    const before = await board.totals()
    const roomsBefore = await board.rooms()

    // A second tab of the same origin (same IndexedDB, the login carried over): check-ins are made there.
    const other = await e2e.context.newPage()
    const desk2 = new DeskPage(other)
    await desk2.open(e2e.host.url)
    await other.getByTestId('scan').waitFor()

    const onTime = await demoCandidate(sitsBoth, 5)
    await desk2.scan(await admitCardQr(onTime.admitCardNo))
    await desk2.press('Enter')
    await desk2.admitted().waitFor()
    const room = onTime.sittings.find((s) => s.subject === 'theory')!.roomId
    await expect
      .poll(() => board.totals())
      .toEqual({ ...before, expected: before.expected - 1, present: before.present + 1 })
    expect((await board.rooms())[room]).toMatchObject({
      expected: roomsBefore[room]!.expected - 1,
      present: roomsBefore[room]!.present + 1,
    })

    // Ten minutes after the start: the next one is late, and the board says so while it is shown.
    await e2e.page.clock.setFixedTime(minutes(60 + 10))
    await desk2.press('Escape')
    const late = await demoCandidate(sitsBoth, 6)
    await desk2.scan(await admitCardQr(late.admitCardNo))
    await expect.poll(() => desk2.outcome()).toBe('attention')
    expect((await desk2.reasons()).join()).toContain('迟到')
    await desk2.press('Alt+1')
    await desk2.press('Alt+2')
    await desk2.press('Enter')
    await desk2.admitted().waitFor()
    await expect
      .poll(() => board.totals())
      .toEqual({ ...before, expected: before.expected - 2, present: before.present + 1, late: before.late + 1 })
    expect(countsOf(await derivedTotals('theory'))).toEqual(await board.totals())

    expect(await e2e.page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true)
    expect(await e2e.page.getByTestId('board').getAttribute('data-mounted-once')).toBe('yes')
    await other.close()
  })
})

describe('closing the subjects', () => {
  it('closes theory and skills: each lists exactly its missing candidates, marks them absent, and the desk refuses each', async () => {
    await scriptedMorning()
    await board.open()
    for (const code of ['theory', 'skills'] as const) {
      await board.showSubject(SUBJECT_ZH[code])
      const before = await derivedTotals(code)
      await expect.poll(() => board.totals()).toEqual(countsOf(before))
      const missing = boardRows(await derived(), code, { state: 'expected' }).map((r) => r.candidate.admitCardNo)
      await e2e.page.getByTestId('close-subject').click()
      const dialog = e2e.page.getByTestId('close-dialog')
      await expect.poll(() => dialog.locator('tbody td.mono').allInnerTexts()).toEqual(expect.arrayContaining(missing))
      expect(await dialog.locator('tbody tr').count()).toBe(missing.length)
      await dialog.getByRole('button', { name: /确认关闭/ }).click()
      await expect.poll(() => e2e.page.getByTestId('subject-status').innerText()).toContain('已关闭')
      const after = await derivedTotals(code)
      expect(after).toEqual({ ...before, expected: 0, absent: before.absent + before.expected })
      await expect.poll(() => board.totals()).toMatchObject({ expected: 0, absent: after.absent })
      const att = await derived()
      expect(boardRows(att, code, { state: 'absent' }).map((r) => r.candidate.admitCardNo)).toEqual(
        expect.arrayContaining(missing),
      )
    }
    expect((await stored()).events.filter((e) => e.type === 'subjectClosed').map((e) => e.payload.subject)).toEqual([
      'theory',
      'skills',
    ])
    await shot('board-skills-closed')

    // The desk, set up for theory, refuses theory; set up again for skills, it refuses skills.
    await e2e.page.getByRole('button', { name: '签到', exact: true }).click()
    const c = await demoCandidate(sitsBoth, 6)
    await desk.scan(await admitCardQr(c.admitCardNo))
    expect(await desk.outcome()).toBe('refuse')
    expect((await desk.reasons()).join()).toContain('理论知识已结束签到')
    await desk.press('Escape')
    await e2e.page.getByRole('button', { name: '科目与考场' }).click()
    await desk.setUp('技能考核')
    const d = await demoCandidate(sitsBoth, 7)
    await desk.scan(await admitCardQr(d.admitCardNo))
    expect(await desk.outcome()).toBe('refuse')
    expect((await desk.reasons()).join()).toContain('技能考核已结束签到')
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

describe('reports and exports after both subjects are closed', () => {
  it('exports CSV and XLSX whose rows match the board and that name the desk, time and ledger head; the printed sheets, absentee lists and summary say what the board says', async () => {
    await scriptedMorning()
    await board.open()
    const boardBy = {} as Record<SubjectCode, { totals: Counts; rooms: Awaited<ReturnType<BoardPage['rooms']>> }>
    for (const code of ['theory', 'skills'] as const) {
      await board.showSubject(SUBJECT_ZH[code])
      await board.closeShownSubject()
      await expect.poll(() => board.totals()).toMatchObject({ expected: 0 })
      boardBy[code] = { totals: await board.totals(), rooms: await board.rooms() }
    }
    const s = await stored()
    const att = deriveAttendance(s, s.events)
    for (const code of ['theory', 'skills'] as const)
      expect(boardBy[code].totals).toEqual(countsOf(boardNumbers(att, code).total))
    const head = [...s.events].sort((a, b) => b.seq - a.seq)[0]!
    const device8 = head.deviceId.slice(0, 8)
    await e2e.page.getByTestId('nav-reports').click()
    const dir = mkdtempSync(join(tmpdir(), 'examdesk-reports-'))

    // CSV: the rows alone; the desk, the time (09:31 on the desk's clock) and the head in its name.
    const [csvDownload] = await Promise.all([
      e2e.page.waitForEvent('download'),
      e2e.page.getByTestId('export-csv').click(),
    ])
    const stampPart = `-${device8}-20261123-093100-${head.seq}-${head.hash.slice(0, 16)}`
    expect(csvDownload.suggestedFilename()).toMatch(new RegExp(`签到记录(-[^-]+)?${stampPart}\\.csv$`))
    const csvPath = join(dir, 'a.csv')
    await csvDownload.saveAs(csvPath)
    const csvBytes = readFileSync(csvPath)
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const csvText = csvBytes.toString('utf8').slice(1)
    const csv = Papa.parse<Record<string, string>>(csvText, { header: true, skipEmptyLines: true }).data
    expect(csvText.split('\r\n')[0]!.startsWith('准考证号,姓名,性别')).toBe(true)
    for (const code of ['theory', 'skills'] as const) {
      const rows = csv.filter((r) => r['科目'] === SUBJECT_ZH[code])
      for (const st of BOARD_STATES)
        expect(rows.filter((r) => r['状态'] === STATE_ZH[st])).toHaveLength(boardBy[code].totals[st])
    }

    // XLSX: the same rows on the first sheet; the desk, time and head on the info sheet.
    const [xlsxDownload] = await Promise.all([
      e2e.page.waitForEvent('download'),
      e2e.page.getByTestId('export-xlsx').click(),
    ])
    expect(xlsxDownload.suggestedFilename()).toMatch(new RegExp(`${stampPart}\\.xlsx$`))
    const xlsxPath = join(dir, 'a.xlsx')
    await xlsxDownload.saveAs(xlsxPath)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(xlsxPath)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['签到记录', '报表信息'])
    const ws = wb.worksheets[0]!
    const header = (ws.getRow(1).values as string[]).slice(1)
    expect(header.slice(0, 3)).toEqual(['准考证号', '姓名', '性别'])
    const xlsxRows: string[][] = []
    ws.eachRow((row, n) => n > 1 && xlsxRows.push((row.values as string[]).slice(1).map(String)))
    expect(xlsxRows).toEqual(csv.map((r) => header.map((h) => r[h] ?? '')).map((r) => r.map(String)))
    const info: Record<string, string> = {}
    wb.getWorksheet('报表信息')!.eachRow((row) => {
      const [, k, v] = row.values as string[]
      info[k!] = String(v)
    })
    expect(info).toMatchObject({
      签到台标识: head.deviceId,
      导出时间: '2026-11-23 09:31:00',
      导出人: '王建国',
      账本头序号: String(head.seq),
      账本头哈希: head.hash,
      记录数: String(csv.length),
    })

    // 签到表 of each subject: per room, the counts line and every candidate's state match the board.
    for (const code of ['theory', 'skills'] as const) {
      await e2e.page.getByTestId('report-subject').selectOption(code)
      await e2e.page.getByRole('tab', { name: '签到表' }).click()
      await e2e.page.getByTestId('sheet').first().waitFor()
      const text = await pdfTextOf(join(dir, `sheet-${code}.pdf`))
      expect(text).toContain(head.hash)
      expect(text).toContain('考生签名')
      for (const r of Object.values(boardBy[code].rooms)) {
        if (r.total === 0) continue
        const at = text.indexOf(`${SUBJECT_ZH[code]} · ${r.name}`)
        expect(at, `${code} ${r.name} sheet`).toBeGreaterThanOrEqual(0)
        expect(text.slice(at)).toContain(
          `应到 ${r.total} 人，实到 ${r.present + r.late} 人（其中迟到 ${r.late} 人），缺考 ${r.absent} 人，拒绝入场 ${r.refused} 人，未到 ${r.expected} 人。`,
        )
      }
      for (const row of boardRows(att, code)) {
        const line = text.split('\n').find((l) => l.includes(row.candidate.admitCardNo))
        expect(line, row.candidate.admitCardNo).toBeDefined()
        expect(line).toContain(STATE_ZH[row.attendance.state])
      }
      if (code === 'theory') await shot('report-sheet-theory')
    }

    // 缺考名单 of each subject: exactly the board's absentees, in the page and in the PDF.
    await e2e.page.getByRole('tab', { name: '缺考名单' }).click()
    for (const code of ['theory', 'skills'] as const) {
      await e2e.page.getByTestId('report-subject').selectOption(code)
      const list = e2e.page.getByTestId('absentees')
      await expect.poll(() => list.locator('tbody tr').count()).toBe(boardBy[code].totals.absent)
      const text = await pdfTextOf(join(dir, `absentees-${code}.pdf`))
      expect(text).toContain(head.hash)
      expect(text).toContain(SUBJECT_ZH[code])
      expect(text).toContain(`缺考 ${boardBy[code].totals.absent} 人`)
      expect(text).not.toContain('导出 CSV')
      for (const row of boardRows(att, code, { state: 'absent' })) expect(text).toContain(row.candidate.admitCardNo)
      await shot(`report-absentees-${code}`)
    }

    // 场次汇总: both subjects closed, their totals and rooms as the board shows them.
    await e2e.page.getByRole('tab', { name: '场次汇总' }).click()
    const summary = await pdfTextOf(join(dir, 'summary.pdf'))
    expect(summary).toContain(head.hash)
    const theoryAt = summary.indexOf('理论知识 ·')
    const skillsAt = summary.indexOf('技能考核 ·')
    expect(theoryAt).toBeGreaterThanOrEqual(0)
    expect(skillsAt).toBeGreaterThan(theoryAt)
    const sections = { theory: summary.slice(theoryAt, skillsAt), skills: summary.slice(skillsAt) }
    const numbersAfter = (section: string, label: string) => {
      const line = section.split('\n').find((l) => l.trimStart().startsWith(label))
      expect(line, `${label} line`).toBeDefined()
      return line!.trim().slice(label.length).trim().split(/\s+/).map(Number)
    }
    for (const code of ['theory', 'skills'] as const) {
      const section = sections[code]
      expect(section.split('\n')[0]).toContain('已关闭签到')
      const b = boardBy[code]
      const total = b.totals.expected + b.totals.present + b.totals.late + b.totals.absent + b.totals.refused
      expect(numbersAfter(section, '合计')).toEqual([total, ...BOARD_STATES.map((st) => b.totals[st])])
      for (const r of Object.values(b.rooms))
        if (r.total > 0) expect(numbersAfter(section, r.name)).toEqual([r.total, ...BOARD_STATES.map((st) => r[st])])
    }
    await shot('report-summary')
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

  it('shows the newest 300 events, then more on request', async () => {
    // 305 refusals of a card not on the roster, each recorded by the proctor (Enter), then the audit log.
    for (let i = 0; i < 305; i++) {
      await desk.scan(`ZZ${String(i).padStart(4, '0')}`)
      await e2e.page.locator('[data-testid="verdict"][data-outcome="refuse"]').waitFor()
      await desk.press('Enter')
      await e2e.page.getByTestId('refusal-recorded').waitFor()
      await desk.press('Escape')
    }
    await e2e.page.getByTestId('nav-audit').click()
    await expect.poll(() => e2e.page.getByTestId('chain-status').innerText()).toContain('链完整')
    const total = (await stored()).events.length
    expect(total).toBeGreaterThan(305)
    const rows = e2e.page.getByTestId('audit-list').locator('tbody tr')
    await expect.poll(() => rows.count()).toBe(300)
    expect(await e2e.page.getByTestId('audit-hidden').innerText()).toContain(`另有 ${total - 300} 条`)
    await shot('audit-top', { fullPage: false })
    await e2e.page.getByTestId('audit-more').scrollIntoViewIfNeeded()
    await shot('audit-show-more', { fullPage: false })
    await e2e.page.getByTestId('audit-more').click()
    await expect.poll(() => rows.count()).toBe(total)
    expect(await e2e.page.getByTestId('audit-more').count()).toBe(0)
    // Newest first down to the first event of the ledger.
    expect(await rows.last().locator('td').first().innerText()).toBe('1')
    // A new filter starts again from its newest 300.
    await e2e.page.getByTestId('audit-type').selectOption('refusal')
    await expect.poll(() => rows.count()).toBe(300)
    await e2e.page.getByTestId('audit-all').click()
    await expect.poll(() => rows.count()).toBe(305)
  })
})

/** The page as Chromium prints it (print CSS, A4), as text. */
async function pdfTextOf(path: string): Promise<string> {
  writeFileSync(path, await e2e.page.pdf({ format: 'A4', preferCSSPageSize: true }))
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
}
