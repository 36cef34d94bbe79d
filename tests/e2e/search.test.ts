import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { pinyin } from 'pinyin-pro'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startE2E, type E2E } from './harness'
import { BoardPage } from './pages/BoardPage'
import { DeskPage } from './pages/DeskPage'
import { demoCandidate, sitsBoth } from './demo'

let e2e: E2E
let desk: DeskPage
const T0 = new Date('2026-11-23T00:00:00Z')
const SHOTS = '/tmp/shots-search'

async function shot(name: string) {
  mkdirSync(SHOTS, { recursive: true })
  await e2e.page.screenshot({ path: join(SHOTS, `${name}.png`) })
}

/** Type into the desk's field as a proctor does (not a scanner's burst), then Enter. */
async function typeAndEnter(text: string) {
  await e2e.page.getByTestId('scan').fill(text)
  await desk.press('Enter')
}

beforeEach(async () => {
  e2e = await startE2E({ viewport: { width: 1440, height: 900 } })
  desk = new DeskPage(e2e.page)
  await e2e.page.clock.setFixedTime(T0)
  await desk.open(e2e.host.url)
  await desk.loadDemo()
  await desk.login('王建国', '888888')
  await desk.setUp('理论知识')
})
afterEach(async () => {
  expect(e2e.consoleErrors).toEqual([])
  await e2e.close()
})

describe('searching at the desk and on the board', () => {
  it('finds 阿依古丽·努尔买买提 typed with an ASCII dot, and David KIM surname first', async () => {
    await typeAndEnter('阿依古丽.努尔')
    await expect.poll(() => e2e.page.getByTestId('search-results').innerText()).toContain('阿依古丽·努尔买买提')
    await desk.press('Escape')
    await typeAndEnter('KIM DAVID')
    await expect.poll(() => e2e.page.getByTestId('search-results').innerText()).toContain('David KIM')
  })

  it('says an ID number typed with 17 digits has the wrong length, not "not found"', async () => {
    const c = await demoCandidate(sitsBoth)
    await typeAndEnter(c.idDocument.number.slice(0, 17))
    expect(await desk.outcome()).toBe('refuse')
    expect((await desk.reasons()).join()).toContain('身份证号码应为 18 位，输入了 17 位')
    await shot('id-number-length')
    await e2e.page.getByRole('button', { name: 'English' }).click()
    await expect.poll(async () => (await desk.reasons()).join()).toContain('An ID number has 18 characters; 17 were')
    await shot('id-number-length-en')
  })

  it("finds a candidate on the board by the pinyin initials of the name, as the desk's search does", async () => {
    const c = await demoCandidate((x) => sitsBoth(x) && /^\p{Script=Han}{3}$/u.test(x.name))
    const initials = pinyin(c.name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' }).join('')
    const board = new BoardPage(e2e.page)
    await board.open()
    await e2e.page.getByTestId('board-search').fill(initials)
    const list = e2e.page.getByTestId('board-list')
    await expect.poll(() => list.locator(`tr[data-admit-card="${c.admitCardNo}"]`).count()).toBe(1)
    expect(await list.locator('tbody tr').count()).toBeLessThan(10)
  })
})

describe('an identity document outside its validity (the admit card demands a valid original)', () => {
  it('refuses an expired card read on the reader; the site manager approves with a reason: attention', async () => {
    const c = await demoCandidate((x) => sitsBoth(x) && x.idDocument.type === 'cn_resident_id', 4)
    const reader = e2e.page.getByTestId('training-reader')
    await reader.locator('summary').click()
    await reader.locator('select').selectOption(c.admitCardNo)
    await reader.getByRole('button', { name: '已过期的身份证' }).click()
    await expect.poll(() => e2e.page.getByTestId('training-status').innerText()).toContain('按 F2')
    await desk.press('F2')
    expect(await desk.outcome()).toBe('refuse')
    expect((await desk.reasons()).join()).toContain('证件已过有效期')
    await shot('document-expired')
    await desk.press('F6')
    const dialog = e2e.page.getByTestId('approval-dialog')
    await dialog.getByLabel('原因').fill('身份证过期，持公安机关临时身份证明')
    // The site manager is the one logged in: the reason is enough, no PIN asked.
    await dialog.getByRole('button', { name: '批准' }).click()
    await expect.poll(() => desk.outcome()).toBe('attention')
    expect((await desk.reasons()).join()).toContain('考点负责人（王建国）已批准：身份证过期')
    await e2e.page.getByRole('button', { name: 'English' }).click()
    await expect.poll(async () => (await desk.reasons()).join()).toContain('The document has expired')
    await shot('document-expired-overridden-en')
  })
})
