import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startE2E, type E2E } from './harness'
import { DeskPage } from './pages/DeskPage'
import { admitCardQr, demoCandidate, sitsBoth, sitsOnly } from './demo'
import { generateSigningKeyPair, exportPublicKeyRaw } from '../../src-shared/crypto'
import { encodeAdmitCardQr } from '../../src-shared/admit-card'

let e2e: E2E
let desk: DeskPage
/** The page's clock: the demo moves its subjects so that doors opened 5 minutes before import. */
const T0 = new Date('2026-11-23T00:00:00Z')
const minutes = (m: number) => new Date(T0.getTime() + m * 60_000)

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

describe('checking a candidate in', () => {
  it('admits with one scan of a valid admit card and one key press, then shows room and seat large', async () => {
    const c = await demoCandidate(sitsBoth)
    await desk.scan(await admitCardQr(c.admitCardNo))
    expect(await desk.outcome()).toBe('admit')
    expect(await e2e.page.getByTestId('candidate-name').innerText()).toBe(c.name)
    await desk.press('Enter')
    const seat = c.sittings.find((s) => s.subject === 'theory')!
    await expect.poll(() => desk.admitted().innerText()).toContain(`${seat.seat}号`)
    expect(desk.keyPresses).toBe(1)
    await expect.poll(() => e2e.page.getByTestId('desk-log').innerText()).toContain(c.name)
  })

  it('masks the ID number until F3 reveals it', async () => {
    const c = await demoCandidate(sitsBoth)
    await desk.scan(c.admitCardNo)
    const shown = await e2e.page.getByTestId('candidate-id-number').innerText()
    expect(shown).toContain('*')
    expect(shown).not.toBe(c.idDocument.number)
    await desk.press('F3')
    await expect.poll(() => e2e.page.getByTestId('candidate-id-number').innerText()).toBe(c.idDocument.number)
  })

  it('refuses an admit card QR signed by someone else as forged, and records the refusal with Enter', async () => {
    const c = await demoCandidate(sitsBoth)
    const forger = await generateSigningKeyPair()
    const forged = await encodeAdmitCardQr(
      { admitCardNo: c.admitCardNo, sessionId: 'demo-2024-12-14' },
      forger.privateKey,
      await exportPublicKeyRaw(forger.publicKey),
    )
    await desk.scan(forged)
    expect(await desk.outcome()).toBe('refuse')
    expect((await desk.reasons()).join()).toContain('可能是伪造的')
    await desk.press('Enter')
    await e2e.page.getByTestId('refusal-recorded').waitFor()
    await expect.poll(() => e2e.page.getByTestId('desk-log').innerText()).toContain('拒绝入场')
  })

  it('refuses a retake candidate at the subject they did not register for, saying which one they did', async () => {
    const c = await demoCandidate(sitsOnly('skills'))
    await desk.scan(await admitCardQr(c.admitCardNo))
    expect(await desk.outcome()).toBe('refuse')
    expect(await desk.reasons()).toEqual([expect.stringContaining('未报考理论知识（只报考了技能考核')])
  })

  it('says "check digit wrong" for an ID number typed with one digit off, not "not found"', async () => {
    const c = await demoCandidate(sitsBoth)
    const n = c.idDocument.number
    const typo = n.slice(0, 16) + String((Number(n[16]) + 1) % 10) + n[17]
    await e2e.page.getByTestId('scan').fill(typo)
    await desk.press('Enter')
    expect(await desk.outcome()).toBe('refuse')
    expect((await desk.reasons()).join()).toContain('校验位错误')
    // A typo, not a candidate to turn away: Enter goes back to the field and records nothing.
    expect(await desk.verdict().getAttribute('data-screen')).toBe('retype')
    await desk.press('Enter')
    await expect.poll(() => desk.verdict().count()).toBe(0)
    expect(await e2e.page.getByTestId('desk-log').innerText()).not.toContain('拒绝入场')
  })

  it('tells a second scan that the candidate is already in (desk, time, proctor), and Enter records no refusal', async () => {
    const c = await demoCandidate(sitsBoth, 1)
    await desk.scan(c.admitCardNo)
    await desk.press('Enter')
    await desk.admitted().waitFor()
    await desk.press('Escape')
    await desk.scan(c.admitCardNo)
    expect(await desk.verdict().getAttribute('data-screen')).toBe('alreadyIn')
    expect(await desk.verdict().innerText()).toContain('已签到：考生已在考场')
    expect((await desk.reasons()).join()).toMatch(/已于 \d\d:\d\d 在本签到台签到（考务人员 李晓燕）/)
    await desk.press('Enter')
    await expect.poll(() => desk.verdict().count()).toBe(0)
    expect(await e2e.page.getByTestId('desk-log').innerText()).not.toContain('拒绝入场')
  })
})

describe('late entry', () => {
  it('refuses after the cutoff; a site manager approves with PIN and reason; the check-in is marked attention', async () => {
    const c = await demoCandidate(sitsBoth, 2)
    await e2e.page.clock.setFixedTime(minutes(60 + 30 + 1)) // theory starts 55 min after T0, cutoff 30 min later
    await desk.scan(c.admitCardNo)
    expect(await desk.outcome()).toBe('refuse')
    expect((await desk.reasons()).join()).toContain('停止入场')
    await desk.press('F6')
    const dialog = e2e.page.getByTestId('approval-dialog')
    await dialog.getByLabel('原因').fill('交通事故，考点主任同意')
    await dialog.getByLabel('考点负责人 PIN').fill('000000')
    await dialog.getByRole('button', { name: '批准' }).click()
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('PIN 错误')
    await dialog.getByLabel('考点负责人 PIN').fill('888888')
    await dialog.getByRole('button', { name: '批准' }).click()
    await expect.poll(() => desk.outcome()).toBe('attention')
    expect((await desk.reasons()).join()).toContain('考点负责人（王建国）已批准：交通事故')
    await desk.press('Enter')
    expect(await e2e.page.getByTestId('notice').innerText()).toContain('请先确认两项核对')
    await desk.press('Alt+1')
    await desk.press('Alt+2')
    await desk.press('Enter')
    await desk.admitted().waitFor()
  })
})

describe('corrections', () => {
  it('voids a check-in with a reason, after which the candidate can be checked in again', async () => {
    const c = await demoCandidate(sitsBoth, 3)
    await desk.scan(c.admitCardNo)
    await desk.press('Enter')
    await desk.admitted().waitFor()
    await desk.press('F9')
    const dialog = e2e.page.getByTestId('approval-dialog')
    await dialog.getByLabel('原因').fill('认错人')
    await dialog.getByLabel('原因').press('Enter')
    await expect.poll(() => e2e.page.getByTestId('notice').innerText()).toContain(`已撤销 ${c.name} 的签到`)
    await desk.scan(c.admitCardNo)
    expect(await desk.outcome()).toBe('admit')
  })
})

describe('a reload in the middle of the session', () => {
  it('loses nothing: still logged in, the log is there, and the candidate is still checked in', async () => {
    const c = await demoCandidate(sitsBoth, 4)
    await desk.scan(c.admitCardNo)
    await desk.press('Enter')
    await desk.admitted().waitFor()
    // Not uploaded yet: the import, the login and the check-in.
    const pending = () => e2e.page.getByTestId('pending-events').innerText()
    await expect.poll(pending).toBe('待上传 3 条')
    await e2e.page.reload()
    await e2e.page.getByTestId('scan').waitFor()
    await expect.poll(pending).toBe('待上传 3 条')
    // The log is read back from the ledger after the reload: it must come back with the admit in it.
    await expect.poll(() => e2e.page.getByTestId('desk-log').innerText()).toContain(c.name)
    await desk.scan(c.admitCardNo)
    expect(await desk.outcome()).toBe('refuse')
  })
})

describe('what needs the site manager', () => {
  it("asks for a site manager's PIN before a proctor imports a package, and refuses a wrong one", async () => {
    await e2e.page.getByRole('button', { name: '场次', exact: true }).click()
    expect(await e2e.page.getByTestId('import-site-manager-only').innerText()).toContain('考点负责人')
    await e2e.page.getByRole('button', { name: '导入场次包…' }).click()
    const dialog = e2e.page.getByTestId('approval-dialog')
    await dialog.getByLabel('PIN').fill('000000')
    await dialog.getByLabel('PIN').press('Enter')
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('PIN')
    const chooser = e2e.page.waitForEvent('filechooser')
    await dialog.getByLabel('PIN').fill('888888')
    await dialog.getByLabel('PIN').press('Enter')
    await chooser // approved: the file chooser opens, as it does at once for a site manager
    expect(await dialog.count()).toBe(0)
  })

  it("lets a proctor change the desk's idle lock only with a site manager's PIN, and keeps it", async () => {
    await e2e.page.getByRole('button', { name: '场次', exact: true }).click()
    await e2e.page.getByLabel('签到台名称').fill('一号签到台')
    await e2e.page.getByLabel('无操作自动锁定（分钟）').fill('999')
    await e2e.page.getByRole('button', { name: '保存', exact: true }).click()
    await expect.poll(() => e2e.page.getByRole('alert').first().innerText()).toContain('0 到 120')
    await e2e.page.getByLabel('无操作自动锁定（分钟）').fill('25')
    await e2e.page.getByRole('button', { name: '保存', exact: true }).click()
    const dialog = e2e.page.getByTestId('approval-dialog')
    await dialog.getByLabel('PIN').fill('888888')
    await dialog.getByLabel('PIN').press('Enter')
    await e2e.page.getByText('已保存').waitFor()
    await e2e.page.reload()
    await e2e.page.getByRole('button', { name: '场次', exact: true }).click()
    await expect.poll(() => e2e.page.getByLabel('无操作自动锁定（分钟）').inputValue()).toBe('25')
    expect(await e2e.page.getByLabel('签到台名称').inputValue()).toBe('一号签到台')
  })

  it('lets the site manager import without a PIN dialog', async () => {
    await e2e.page.getByTestId('lock').click()
    await desk.login('王建国', '888888')
    await e2e.page.getByRole('button', { name: '场次', exact: true }).click()
    const chooser = e2e.page.waitForEvent('filechooser')
    await e2e.page.getByRole('button', { name: '导入场次包…' }).click()
    await chooser
    expect(await e2e.page.getByTestId('import-site-manager-only').count()).toBe(0)
  })
})

describe('the ID card reader (simulated, as in training)', () => {
  it("reads the candidate's card with F2, shows the chip photo beside the registration photo, and admits with Enter", async () => {
    const c = await demoCandidate((x) => sitsBoth(x) && x.idDocument.type === 'cn_resident_id', 5)
    const reader = e2e.page.getByTestId('training-reader')
    await reader.locator('summary').click()
    await reader.locator('select').selectOption(c.admitCardNo)
    await reader.getByRole('button', { name: '本人身份证' }).click()
    await expect.poll(() => e2e.page.getByTestId('training-status').innerText()).toContain('按 F2')
    await desk.press('F2')
    expect(await desk.outcome()).toBe('admit')
    expect(await e2e.page.getByTestId('candidate-name').innerText()).toBe(c.name)
    await e2e.page.getByAltText('证件照片').waitFor()
    await desk.press('Enter')
    await desk.admitted().waitFor()
    expect(desk.keyPresses).toBe(2)
  })

  it('refuses a card that carries the number under another name, naming both; says when no card is on the reader', async () => {
    await desk.press('F2')
    await expect.poll(() => e2e.page.getByTestId('notice').innerText()).toContain('没有')
    const c = await demoCandidate((x) => sitsBoth(x) && x.idDocument.type === 'cn_resident_id', 6)
    const reader = e2e.page.getByTestId('training-reader')
    await reader.locator('summary').click()
    await reader.locator('select').selectOption(c.admitCardNo)
    await reader.getByRole('button', { name: '姓名不符的身份证' }).click()
    await expect.poll(() => e2e.page.getByTestId('training-status').innerText()).toContain('姓名不符')
    await desk.press('F2')
    expect(await desk.outcome()).toBe('refuse')
    expect((await desk.reasons()).join('\n')).toContain(c.name)
  })
})
