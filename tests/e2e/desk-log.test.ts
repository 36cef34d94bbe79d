import { mkdirSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startE2E, type E2E } from './harness'
import { DeskPage } from './pages/DeskPage'
import { demoCandidate, sitsBoth } from './demo'

let e2e: E2E
let desk: DeskPage
const T0 = new Date('2026-11-23T00:00:00Z')
const SHOTS = '/tmp/shots-dialogs'

beforeEach(async () => {
  e2e = await startE2E()
  desk = new DeskPage(e2e.page)
  await e2e.page.clock.setFixedTime(T0)
  await desk.open(e2e.host.url)
  await desk.loadDemo()
  await desk.login('李晓燕', '123456')
  await desk.setUp('理论知识')
})
afterEach(async () => {
  expect(e2e.consoleErrors).toEqual([])
  await e2e.close()
})

async function admit(skip: number, shot?: string) {
  const c = await demoCandidate(sitsBoth, skip)
  await desk.enter(c.admitCardNo)
  await desk.verdict().waitFor()
  if (shot) await e2e.page.screenshot({ path: `${SHOTS}/${shot}.png` })
  await desk.press('Enter')
  await desk.admitted().waitFor()
  await desk.press('Escape')
  return c
}

/** Every row of the log (header first): how many cells it has and where each cell starts and ends. */
function cellBoxes() {
  return e2e.page
    .getByTestId('desk-log')
    .locator('tr')
    .evaluateAll((rows) =>
      rows.map((tr) =>
        [...tr.children].map((cell) => {
          const r = cell.getBoundingClientRect()
          return { left: Math.round(r.left), right: Math.round(r.right) }
        }),
      ),
    )
}

describe('the desk log', () => {
  it("names on the void's row whose check-in it took back and why, and its columns line up", async () => {
    mkdirSync(SHOTS, { recursive: true })
    const kept = await admit(11)
    const wrong = await admit(12, 'desk-verdict-zh')
    await desk.press('F9') // the desk's last check-in: the wrong one
    const dialog = e2e.page.getByTestId('approval-dialog')
    await dialog.getByLabel('原因').fill('认错人')
    await dialog.getByLabel('原因').press('Enter')
    await expect.poll(() => e2e.page.getByTestId('notice').innerText()).toContain(wrong.name)

    const log = e2e.page.getByTestId('desk-log')
    const voidRow = log.locator('tbody tr[data-type="void"]')
    await voidRow.waitFor()
    const text = await voidRow.innerText()
    expect(text).toContain(wrong.name)
    expect(text).toContain(wrong.admitCardNo)
    expect(text).toContain('认错人')
    expect(text).toContain('理论知识')
    expect(text).toContain('李晓燕')
    // The check-in taken back says so; the other still offers 撤销.
    const checkIns = log.locator('tbody tr[data-type="checkIn"]')
    expect(await checkIns.count()).toBe(2)
    expect(await checkIns.filter({ hasText: wrong.name }).innerText()).toContain('已撤销')
    expect(await checkIns.filter({ hasText: kept.name }).getByRole('button', { name: '撤销' }).count()).toBe(1)

    const rows = await cellBoxes()
    expect(rows.length).toBe(4) // header, void, two check-ins
    const columns = rows[0]!.length
    for (const row of rows) expect(row.length).toBe(columns)
    for (let i = 0; i < columns; i++) {
      const lefts = new Set(rows.map((r) => r[i]!.left))
      expect(lefts.size, `column ${i + 1} starts at one x in every row`).toBe(1)
    }
    // The first column's cells start where the table's header does, via the page's own layout boxes.
    const headerTime = await log.locator('thead th').first().boundingBox()
    const voidTime = await voidRow.locator('td').first().boundingBox()
    expect(Math.round(voidTime!.x)).toBe(Math.round(headerTime!.x))

    await log.screenshot({ path: `${SHOTS}/desk-log-void-zh.png` })
    await e2e.page.screenshot({ path: `${SHOTS}/desk-void-zh.png` })
    await e2e.page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => voidRow.innerText()).toContain('Reason: 认错人')
    await log.screenshot({ path: `${SHOTS}/desk-log-void-en.png` })
  })
})
