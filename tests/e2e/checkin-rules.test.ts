/**
 * The check-in rule book walked at the desk in Chromium: one scenario per defect of issue 10 that lives
 * in the interaction (cutoff at commit time, QR + card, other room, early arrival, truncated QR, voiding,
 * invoices). The rules themselves are unit-tested in tests/unit/shared/checkin-machine.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startE2E, type E2E } from './harness'
import { DeskPage } from './pages/DeskPage'
import { admitCardQr, demoCandidate, demoManifest, sitsBoth } from './demo'

let e2e: E2E
let desk: DeskPage
/** The page's clock: the demo moves its subjects so that doors opened 5 minutes before import. */
const T0 = new Date('2026-11-23T00:00:00Z')
const at = (minutes: number, seconds = 0) => new Date(T0.getTime() + minutes * 60_000 + seconds * 1000)
/** Theory starts 55 minutes after T0; entry closes 30 minutes later. */
const CUTOFF = 55 + 30

const log = () => e2e.page.getByTestId('desk-log').innerText()
const notice = () => e2e.page.getByTestId('notice').innerText()
const dialog = () => e2e.page.getByTestId('approval-dialog')

beforeEach(async () => {
  e2e = await startE2E()
  desk = new DeskPage(e2e.page)
  await e2e.page.clock.setFixedTime(T0)
  await desk.open(e2e.host.url)
  await desk.loadDemo()
  await desk.login('李晓燕', '123456')
})
afterEach(async () => {
  expect(e2e.consoleErrors).toEqual([])
  await e2e.close()
})

describe('the cutoff', () => {
  it('decides again when Enter is pressed: scanned at 09:29:55, admitted at 09:30:20 is refused, nothing recorded', async () => {
    await desk.setUp('理论知识')
    const c = await demoCandidate(sitsBoth, 7)
    await e2e.page.clock.setFixedTime(at(CUTOFF - 1, 55))
    await desk.scan(c.admitCardNo)
    expect(await desk.outcome()).not.toBe('refuse')
    await e2e.page.clock.setFixedTime(at(CUTOFF, 20))
    await desk.press('Enter')
    await expect.poll(() => desk.outcome()).toBe('refuse')
    expect((await desk.reasons()).join()).toContain('停止入场')
    expect(await notice()).toContain('情况已变化')
    expect(await desk.admitted().count()).toBe(0)
    expect(await log()).not.toContain(c.name)
  })

  it('refuses at the printed cutoff instant itself ("09:30 停止入场" means 09:30:00 is late)', async () => {
    await desk.setUp('理论知识')
    const c = await demoCandidate(sitsBoth, 8)
    await e2e.page.clock.setFixedTime(at(CUTOFF))
    await desk.scan(c.admitCardNo)
    expect(await desk.outcome()).toBe('refuse')
    expect(await desk.verdict().locator('li[data-reason="lateEntryClosed"]').count()).toBe(1)
  })
})

describe('scans that turn nobody away', () => {
  it('tells an early arrival when the doors open; Enter goes back to scanning and records no refusal', async () => {
    await desk.setUp('理论知识')
    const c = await demoCandidate(sitsBoth, 9)
    await e2e.page.clock.setFixedTime(at(-10))
    await desk.scan(c.admitCardNo)
    expect(await desk.verdict().getAttribute('data-screen')).toBe('wait')
    expect((await desk.reasons()).join()).toMatch(/请考生在候考区等候，\d\d:\d\d 开始入场/)
    await desk.press('Enter')
    await expect.poll(() => desk.verdict().count()).toBe(0)
    expect(await log()).not.toContain('拒绝入场')
  })

  it('asks for a rescan of a truncated QR, and calls a complete one with a bad signature forged', async () => {
    await desk.setUp('理论知识')
    const c = await demoCandidate(sitsBoth, 10)
    const qr = await admitCardQr(c.admitCardNo)
    await desk.scan(qr.slice(0, Math.floor(qr.length * 0.6)))
    expect(await desk.verdict().getAttribute('data-screen')).toBe('rescan')
    expect((await desk.reasons()).join()).toContain('二维码不完整，请重新扫描')
    expect((await desk.reasons()).join()).not.toContain('伪造')
    await desk.press('Enter')
    await expect.poll(() => desk.verdict().count()).toBe(0)
    expect(await log()).not.toContain('拒绝入场')
    await desk.scan(qr)
    expect(await desk.outcome()).toBe('admit')
  })
})

describe('the rooms of this desk', () => {
  it('holds a candidate of another room with a named reason, and the check-in records it', async () => {
    const m = await demoManifest()
    const c = await demoCandidate(sitsBoth, 11)
    const theirs = c.sittings.find((s) => s.subject === 'theory')!.roomId
    const other = m.rooms.find((r) => r.id !== theirs)!
    await e2e.page.getByTestId('desk-setup').waitFor()
    await e2e.page.getByLabel(/理论知识/).check()
    await e2e.page.getByLabel(other.name, { exact: true }).check()
    await e2e.page.getByRole('button', { name: '开始签到' }).click()
    await e2e.page.getByTestId('scan').waitFor()
    await desk.scan(c.admitCardNo)
    expect(await desk.outcome()).toBe('attention')
    expect(await desk.verdict().locator('li[data-reason="otherRoom"]').innerText()).toContain(other.name)
    await desk.press('Alt+1')
    await desk.press('Alt+2')
    await desk.press('Enter')
    await desk.admitted().waitFor()
    await expect.poll(log).toContain(c.name)
  })
})

describe('a card read after the QR', () => {
  it('is part of the same check-in: the record names both methods', async () => {
    await desk.setUp('理论知识')
    const c = await demoCandidate(sitsBoth, 12)
    const reader = e2e.page.getByTestId('training-reader')
    await reader.locator('summary').click()
    await reader.locator('select').selectOption(c.admitCardNo)
    await reader.getByRole('button', { name: '本人身份证' }).click()
    await e2e.page.getByTestId('scan').focus()
    await desk.scan(await admitCardQr(c.admitCardNo))
    expect(await desk.outcome()).toBe('admit')
    await desk.press('F2')
    await e2e.page.getByAltText('证件照片').waitFor()
    expect(await desk.outcome()).toBe('admit')
    await desk.press('Enter')
    await desk.admitted().waitFor()
    await desk.press('Escape')
    await desk.scan(c.admitCardNo)
    await expect.poll(() => e2e.page.getByTestId('candidate-record').innerText()).toContain('准考证二维码 + 身份证读卡')
  })
})

describe('voiding', () => {
  it('takes back the last check-in with F9 from the scan screen, the dialog naming whose', async () => {
    await desk.setUp('理论知识')
    const c = await demoCandidate(sitsBoth, 13)
    await desk.scan(c.admitCardNo)
    await desk.press('Enter')
    await desk.admitted().waitFor()
    await desk.press('Escape')
    await expect.poll(() => desk.admitted().count()).toBe(0)
    await desk.press('F9')
    expect(await dialog().innerText()).toContain(`考生：${c.name}（${c.admitCardNo}），理论知识`)
    await dialog().getByLabel('原因').fill('认错人')
    await dialog().getByLabel('原因').press('Enter')
    await expect.poll(notice).toContain(`已撤销 ${c.name} 的签到`)
    await desk.scan(c.admitCardNo)
    expect(await desk.outcome()).toBe('admit')
  })

  it("voids an older check-in from the candidate's own record", async () => {
    await desk.setUp('理论知识')
    const first = await demoCandidate(sitsBoth, 14)
    const second = await demoCandidate(sitsBoth, 15)
    for (const c of [first, second]) {
      await desk.scan(c.admitCardNo)
      await desk.press('Enter')
      await desk.admitted().waitFor()
      await desk.press('Escape')
    }
    await desk.scan(first.admitCardNo)
    expect(await desk.verdict().getAttribute('data-screen')).toBe('alreadyIn')
    await e2e.page.getByTestId('candidate-record').getByTestId('void-check-in').click()
    expect(await dialog().innerText()).toContain(first.name)
    await dialog().getByLabel('原因').fill('登记错误')
    await dialog().getByLabel('原因').press('Enter')
    await expect.poll(notice).toContain(`已撤销 ${first.name} 的签到`)
    await desk.scan(first.admitCardNo)
    expect(await desk.outcome()).toBe('admit')
    // The other candidate's check-in stands.
    await desk.press('Escape')
    await desk.scan(second.admitCardNo)
    expect(await desk.verdict().getAttribute('data-screen')).toBe('alreadyIn')
  })

  it('ends the effect of an override with the check-in that used it: a re-admission asks again', async () => {
    await desk.setUp('理论知识')
    const c = await demoCandidate(sitsBoth, 16)
    await e2e.page.clock.setFixedTime(at(CUTOFF + 2))
    await desk.scan(c.admitCardNo)
    expect(await desk.outcome()).toBe('refuse')
    await desk.press('F6')
    const text = await dialog().innerText()
    expect(text).toContain(`考生：${c.name}`)
    expect(text).toContain('停止入场')
    await dialog().getByLabel('原因').fill('交通管制')
    await dialog().getByLabel('考点负责人 PIN').fill('888888')
    await dialog().getByRole('button', { name: '批准' }).click()
    await expect.poll(() => desk.outcome()).toBe('attention')
    await desk.press('Alt+1')
    await desk.press('Alt+2')
    await desk.press('Enter')
    await desk.admitted().waitFor()
    await desk.press('F9')
    await dialog().getByLabel('原因').fill('认错人')
    await dialog().getByLabel('原因').press('Enter')
    await expect.poll(notice).toContain('已撤销')
    await desk.scan(c.admitCardNo)
    expect(await desk.outcome()).toBe('refuse')
  })
})

describe('invoices', () => {
  it('hands one over once, shows 已领取 with time and staff, and refuses a second', async () => {
    await desk.setUp('理论知识')
    const c = await demoCandidate((x) => sitsBoth(x) && x.invoiceRequested === true)
    await desk.scan(c.admitCardNo)
    await desk.press('F7')
    await expect.poll(notice).toContain(`已记录 ${c.name} 领取发票`)
    await expect
      .poll(() => e2e.page.getByTestId('invoice-status').innerText())
      .toMatch(/已领取（\d\d:\d\d，考务人员 李晓燕）/)
    await desk.press('F7')
    await expect.poll(notice).toContain('不能重复领取')
    // Handed to the wrong person: undone from the candidate's record, then handed over again.
    await e2e.page.getByTestId('void-invoice').click()
    expect(await dialog().innerText()).toContain('撤销')
    expect(await dialog().innerText()).toContain('发票领取')
    await dialog().getByLabel('原因').fill('发错人')
    await dialog().getByLabel('原因').press('Enter')
    await expect.poll(notice).toContain(`已撤销 ${c.name} 的发票领取记录`)
    await desk.scan(c.admitCardNo)
    expect(await e2e.page.getByTestId('invoice-status').count()).toBe(0)
    await desk.press('F7')
    await expect.poll(() => e2e.page.getByTestId('invoice-status').innerText()).toContain('已领取')
  })

  it('needs a site manager and a reason for a candidate who did not request one', async () => {
    await desk.setUp('理论知识')
    const c = await demoCandidate((x) => sitsBoth(x) && x.invoiceRequested !== true)
    await desk.scan(c.admitCardNo)
    await desk.press('F7')
    expect(await dialog().innerText()).toContain('未申请发票')
    await desk.press('Escape')
    await expect.poll(() => dialog().count()).toBe(0)
    expect(await e2e.page.getByTestId('invoice-status').count()).toBe(0)
    await desk.press('F7')
    await dialog().getByLabel('原因').fill('考生现场申请，单位报销需要')
    await dialog().getByLabel('考点负责人 PIN').fill('888888')
    await dialog().getByRole('button', { name: '确认发放' }).click()
    await expect.poll(() => e2e.page.getByTestId('invoice-status').innerText()).toContain('已领取')
  })
})
