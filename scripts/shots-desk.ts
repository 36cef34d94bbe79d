/**
 * Screenshots of the desk's screens, each in Chinese and in English:
 * `tsx scripts/shots-desk.ts [dir]` (after `npx electron-vite build`). For looking at what we build.
 */
import { mkdirSync } from 'node:fs'
import { startE2E } from '../tests/e2e/harness'
import { DeskPage } from '../tests/e2e/pages/DeskPage'
import { admitCardQr, demoCandidate, demoManifest, sitsBoth } from '../tests/e2e/demo'

const dir = process.argv[2] ?? '/tmp/shots-desk'
mkdirSync(dir, { recursive: true })
const T0 = new Date('2026-11-23T00:00:00Z')
const at = (m: number) => new Date(T0.getTime() + m * 60_000)

const e2e = await startE2E()
const page = e2e.page
const desk = new DeskPage(page)
/** The screen as it is, in Chinese, then in English (and back to Chinese for the next scene). */
async function shoot(name: string) {
  await page.screenshot({ path: `${dir}/${name}-zh.png`, fullPage: true })
  await page.getByRole('button', { name: 'English', exact: true }).click()
  await page.waitForTimeout(150)
  await page.screenshot({ path: `${dir}/${name}-en.png`, fullPage: true })
  await page.getByRole('button', { name: '中文', exact: true }).click()
  await page.waitForTimeout(150)
}
/** A dialog in both languages: the language switch is behind the dialog, so open it once per language. */
async function shootDialog(name: string, open: () => Promise<void>) {
  for (const [lang, button] of [
    ['zh', '中文'],
    ['en', 'English'],
  ] as const) {
    await page.getByRole('button', { name: button, exact: true }).click()
    await open()
    await page.getByTestId('approval-dialog').waitFor()
    await page.screenshot({ path: `${dir}/${name}-${lang}.png` })
    await page.keyboard.press('Escape')
    await page.getByTestId('approval-dialog').waitFor({ state: 'detached' })
  }
  await page.getByRole('button', { name: '中文', exact: true }).click()
}
try {
  await page.clock.setFixedTime(T0)
  await desk.open(e2e.host.url)
  await desk.loadDemo()
  await desk.login('李晓燕', '123456')
  const m = await demoManifest()
  const a = await demoCandidate(sitsBoth, 1)
  const other = m.rooms.find((r) => r.id !== a.sittings.find((s) => s.subject === 'theory')!.roomId)!
  await page.getByTestId('desk-setup').waitFor()
  await page.getByLabel(/理论知识/).check()
  await page.getByLabel(other.name, { exact: true }).check()
  await page.getByRole('button', { name: '开始签到' }).click()
  await page.getByTestId('scan').waitFor()

  await desk.scan(a.admitCardNo)
  await desk.verdict().waitFor()
  await shoot('other-room')
  await desk.press('Alt+1')
  await desk.press('Alt+2')
  await desk.press('Enter')
  await desk.admitted().waitFor()
  await desk.press('Escape')
  await desk.scan(a.admitCardNo)
  await desk.verdict().waitFor()
  await shoot('already-in')
  await shootDialog('void-dialog', () => desk.press('F9'))
  await desk.press('Escape')

  const b = await demoCandidate(sitsBoth, 2)
  await page.clock.setFixedTime(at(-10))
  await desk.scan(b.admitCardNo)
  await desk.verdict().waitFor()
  await shoot('wait')
  await desk.press('Enter')

  const qr = await admitCardQr(b.admitCardNo)
  await desk.scan(qr.slice(0, 40))
  await desk.verdict().waitFor()
  await shoot('rescan')
  await desk.press('Enter')

  await page.clock.setFixedTime(at(55 + 31))
  await desk.scan(b.admitCardNo)
  await desk.verdict().waitFor()
  await shootDialog('override-dialog', () => desk.press('F6'))
  await desk.press('Escape')

  const c = await demoCandidate((x) => sitsBoth(x) && x.invoiceRequested === true)
  await page.clock.setFixedTime(at(20))
  await desk.scan(c.admitCardNo)
  await desk.verdict().waitFor()
  await desk.press('F7')
  await page.getByTestId('invoice-status').waitFor()
  await shoot('invoice')
  console.log(`saved to ${dir}; console errors: ${e2e.consoleErrors.length}`)
} finally {
  await e2e.close()
}
