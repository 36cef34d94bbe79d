import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startE2E, type E2E } from './harness'
import { DeskPage } from './pages/DeskPage'
import { admitCardQr, demoCandidate, demoManifest, sitsBoth } from './demo'

let e2e: E2E
let desk: DeskPage
const T0 = new Date('2026-11-23T00:00:00Z')

beforeEach(async () => {
  e2e = await startE2E()
  desk = new DeskPage(e2e.page)
  await e2e.page.clock.setFixedTime(T0)
  await desk.open(e2e.host.url)
  await desk.loadDemo()
  await desk.page.getByTestId('pin').waitFor()
})
afterEach(async () => {
  expect(e2e.consoleErrors).toEqual([])
  await e2e.close()
})

/** Which staff member the login list has selected now. */
const selectedStaff = () => e2e.page.getByRole('option', { selected: true }).innerText()

describe('keyboard only, from login to admit', () => {
  it('logs in with arrows and the PIN, sets up with Space and Enter, admits with a scan and Enter', async () => {
    const staff = (await demoManifest()).staff
    const proctor = staff.findIndex((s) => s.name === '李晓燕')
    for (let i = 0; i < proctor; i++) await desk.press('ArrowDown')
    expect(await selectedStaff()).toContain('李晓燕')
    for (const digit of '123456') await desk.press(digit)
    await desk.press('Enter')

    await e2e.page.getByTestId('desk-setup').waitFor()
    await desk.press('Space') // the first subject, theory, has focus
    await desk.press('Enter')
    await e2e.page.getByTestId('scan').waitFor()
    expect(await e2e.page.getByTestId('current-subject').innerText()).toBe('理论知识')

    const c = await demoCandidate(sitsBoth, 7)
    await desk.scan(await admitCardQr(c.admitCardNo))
    expect(await desk.outcome()).toBe('admit')
    await desk.press('Enter')
    await desk.admitted().waitFor()
    // 3 arrows at most + 6 digits + Enter to log in, Space + Enter to set up, then one key to admit.
    expect(desk.keyPresses).toBe(proctor + 6 + 1 + 2 + 1)
  })
})

describe('a proctor who knows only the name', () => {
  it('types a name, moves through the matches with the arrows, picks with Enter and admits with Enter', async () => {
    await desk.login('李晓燕', '123456')
    await desk.setUp('理论知识')
    const c = await demoCandidate(sitsBoth, 9)
    await e2e.page.keyboard.type(c.name.slice(0, 1)) // the surname alone: several people share it
    await desk.press('Enter')
    const results = e2e.page.getByTestId('search-results')
    await results.waitFor()
    const names = await results.getByRole('option').allInnerTexts()
    const at = names.findIndex((n) => n.includes(c.admitCardNo))
    expect(at).toBeGreaterThanOrEqual(0)
    for (let i = 0; i < at; i++) await desk.press('ArrowDown')
    await desk.press('Enter')
    expect(await e2e.page.getByTestId('candidate-name').innerText()).toBe(c.name)
    expect(await desk.outcome()).not.toBe('refuse')
    await desk.press('Enter')
    await desk.admitted().waitFor()
  })
})

describe('wrong PINs', () => {
  it('locks that person after five wrong PINs, even against the right one, and says until when', async () => {
    await e2e.page.getByRole('listbox').getByText('张伟').click()
    const pin = e2e.page.getByTestId('pin')
    for (let i = 1; i <= 4; i++) {
      await pin.fill('000000')
      await pin.press('Enter')
      await expect.poll(() => e2e.page.getByTestId('login-error').innerText()).toContain(`${5 - i}`)
    }
    await pin.fill('000000')
    await pin.press('Enter')
    await expect.poll(() => e2e.page.getByTestId('login-error').innerText()).toContain('锁定')
    await pin.fill('123456')
    await pin.press('Enter')
    await expect.poll(() => e2e.page.getByTestId('login-error').innerText()).toContain('锁定')
    expect(await e2e.page.getByTestId('scan').count()).toBe(0)
    // Another proctor is not locked out by it.
    await desk.login('陈静', '123456')
    await e2e.page.getByTestId('desk-setup').waitFor()
  })
})
