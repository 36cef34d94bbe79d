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
  await desk.login('李晓燕', '123456') // a proctor: the close asks for a site manager's PIN as well
  await desk.setUp('理论知识')
})
afterEach(async () => {
  expect(e2e.consoleErrors).toEqual([])
  await e2e.close()
})

/** What has the keyboard focus: whether it is inside the open dialog, and how a person would name it. */
function focused() {
  return e2e.page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    return {
      inDialog: !!el?.closest('[role="dialog"]'),
      name: el ? `${el.tagName.toLowerCase()}:${el.id || el.getAttribute('aria-label') || el.innerText.trim()}` : '',
      testId: el?.getAttribute('data-testid') ?? null,
    }
  })
}

/** Press `key` until the focus is back where it started (at most 30 times); every stop on the way. */
async function cycle(key: 'Tab' | 'Shift+Tab') {
  const start = (await focused()).name
  const stops: Awaited<ReturnType<typeof focused>>[] = []
  for (let i = 0; i < 30; i++) {
    await desk.press(key)
    const now = await focused()
    stops.push(now)
    if (now.name === start) break
  }
  return { start, stops }
}

describe('the close-subject dialog', () => {
  it('opens with the focus on Cancel, keeps Tab and Shift+Tab inside, and Esc closes it without closing', async () => {
    await e2e.page.getByTestId('nav-board').click()
    const opener = e2e.page.getByTestId('close-subject')
    await opener.click()
    const dialog = e2e.page.getByRole('dialog', { name: '关闭理论知识签到' })
    await dialog.waitFor()
    expect(await dialog.getAttribute('aria-modal')).toBe('true')
    expect(await focused()).toMatchObject({ inDialog: true, name: 'button:取消（Esc）' })
    mkdirSync(SHOTS, { recursive: true })
    await e2e.page.screenshot({ path: `${SHOTS}/close-subject-dialog-zh.png` })

    const forward = await cycle('Tab')
    expect(forward.stops.every((s) => s.inDialog)).toBe(true)
    expect(forward.stops.at(-1)?.name).toBe(forward.start) // came round to Cancel again
    const names = forward.stops.map((s) => s.name)
    expect(names).toEqual(expect.arrayContaining(['input:close-pin', 'select:close-approver']))
    expect(names.some((n) => n.startsWith('button:确认关闭'))).toBe(true)

    const backward = await cycle('Shift+Tab')
    expect(backward.stops.every((s) => s.inDialog)).toBe(true)
    // The same stops in the other order.
    expect(backward.stops.map((s) => s.name).slice(0, -1)).toEqual(names.slice(0, -1).reverse())

    await desk.press('Escape')
    expect(await dialog.count()).toBe(0)
    expect(await e2e.page.getByTestId('subject-status').innerText()).toContain('签到进行中')
    expect((await focused()).name).toBe(`button:${await opener.innerText()}`)
  })

  it('treats an Enter pressed from habit as Cancel: the subject stays open', async () => {
    await e2e.page.getByTestId('nav-board').click()
    await e2e.page.getByTestId('close-subject').click()
    await e2e.page.getByTestId('close-dialog').waitFor()
    await desk.press('Enter')
    expect(await e2e.page.getByTestId('close-dialog').count()).toBe(0)
    expect(await e2e.page.getByTestId('subject-status').innerText()).toContain('签到进行中')
  })
})

describe("the desk's approval dialog", () => {
  it('takes the focus on the reason, keeps Tab inside, swallows desk keys, and Esc gives the focus back to the scan field', async () => {
    const c = await demoCandidate(sitsBoth, 5)
    await desk.enter(c.admitCardNo)
    expect(await desk.outcome()).toBe('admit')
    await desk.press('Enter')
    await desk.admitted().waitFor()
    await desk.press('F9')
    const dialog = e2e.page.getByRole('dialog', { name: '撤销签到的原因' })
    await dialog.waitFor()
    expect(await focused()).toMatchObject({ inDialog: true, name: 'textarea:approval-reason' })
    await e2e.page.screenshot({ path: `${SHOTS}/void-dialog-zh.png` })

    const forward = await cycle('Tab')
    expect(forward.stops.every((s) => s.inDialog)).toBe(true)
    expect(forward.stops.at(-1)?.name).toBe('textarea:approval-reason')
    expect(forward.stops.length).toBeGreaterThanOrEqual(3) // reason, confirm, cancel
    const backward = await cycle('Shift+Tab')
    expect(backward.stops.every((s) => s.inDialog)).toBe(true)

    // The desk's keys do nothing behind the dialog: no refusal dialog (F4), no second void (F9), no admit (Enter).
    for (const key of ['F4', 'F8', 'F9']) await desk.press(key)
    expect(await e2e.page.getByRole('dialog').count()).toBe(1)
    expect(await dialog.count()).toBe(1)

    await desk.press('Escape')
    await expect.poll(() => e2e.page.getByRole('dialog').count()).toBe(0)
    await expect.poll(async () => (await focused()).testId).toBe('scan')
    // Nothing was voided: the candidate is still checked in.
    await desk.press('Escape')
    await desk.enter(c.admitCardNo)
    expect(await desk.verdict().getAttribute('data-screen')).toBe('alreadyIn')
  })
})
