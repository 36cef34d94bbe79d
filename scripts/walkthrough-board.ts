/**
 * Screenshots of the site manager's screens and reports: `npx tsx scripts/walkthrough-board.ts /tmp/board-shots`.
 * Reports are printed to PDF by Chromium (print CSS, A4) and turned into PNG with pdftoppm.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { startE2E } from '../tests/e2e/harness'
import { admitCardQr, demoManifest } from '../tests/e2e/demo'
import { DeskPage } from '../tests/e2e/pages/DeskPage'

const dir = process.argv[2] ?? 'shots'
mkdirSync(dir, { recursive: true })
const e2e = await startE2E({ viewport: { width: 1440, height: 900 } })
const desk = new DeskPage(e2e.page)
const T0 = new Date('2026-11-23T00:00:00Z')
const shot = async (name: string, fullPage = false) => {
  await e2e.page.waitForTimeout(300)
  await e2e.page.screenshot({ path: `${dir}/${name}.png`, fullPage })
  console.log(`${dir}/${name}.png`)
}
const pdf = async (name: string) => {
  const path = `${dir}/${name}.pdf`
  writeFileSync(path, await e2e.page.pdf({ format: 'A4', preferCSSPageSize: true }))
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '2', path, `${dir}/${name}`])
  console.log(`${dir}/${name}-1.png`)
}
try {
  await e2e.page.clock.setFixedTime(T0)
  await desk.open(e2e.host.url)
  await desk.loadDemo()
  await desk.login('王建国', '888888')
  await desk.setUp('理论知识')
  const m = await demoManifest()
  const theory = m.candidates.filter((c) => c.sittings.some((s) => s.subject === 'theory'))
  // A morning: arrivals spread from doors-open on, a few late ones, one void.
  for (let i = 0; i < Math.floor(theory.length * 0.7); i++) {
    await e2e.page.clock.setFixedTime(new Date(T0.getTime() + (2 + i * 1.3) * 60_000))
    await desk.scan(await admitCardQr(theory[i]!.admitCardNo))
    await desk.press('Enter')
    await desk.admitted().waitFor()
    if (i === 5) {
      await desk.press('F9')
      await e2e.page.getByTestId('approval-dialog').getByLabel('原因').fill('认错人')
      await e2e.page.getByTestId('approval-dialog').getByLabel('原因').press('Enter')
    } else await desk.press('Escape')
  }
  await e2e.page.getByTestId('nav-board').click()
  await shot('10-board')
  await e2e.page.getByTestId('filter-room').selectOption({ index: 1 })
  await shot('11-board-room-filter')
  await e2e.page.getByTestId('filter-room').selectOption('')
  await e2e.page.getByTestId('close-subject').click()
  await shot('12-close-dialog')
  await e2e.page
    .getByTestId('close-dialog')
    .getByRole('button', { name: /确认关闭/ })
    .click()
  await e2e.page.getByTestId('subject-status').getByText('已关闭').waitFor()
  await shot('13-board-closed')
  await e2e.page.getByTestId('nav-reports').click()
  await shot('14-reports-sheet')
  await pdf('15-report-sheet')
  await e2e.page.getByRole('tab', { name: '缺考名单' }).click()
  await pdf('16-report-absentees')
  await e2e.page.getByRole('tab', { name: '场次汇总' }).click()
  await shot('17-reports-summary')
  await pdf('18-report-summary')
  await e2e.page.getByTestId('nav-audit').click()
  await e2e.page.getByTestId('chain-status').getByText('链完整').waitFor()
  await shot('19-audit')
  console.log('console errors:', e2e.consoleErrors, 'csp:', e2e.cspViolations)
} finally {
  await e2e.close()
}
