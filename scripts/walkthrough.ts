/**
 * Walk through the desk in Chromium and save screenshots of each step to a folder:
 * `tsx scripts/walkthrough.ts /tmp/shots`. For looking at what we build; the e2e tests assert.
 */
import { mkdirSync } from 'node:fs'
import { startE2E } from '../tests/e2e/harness'
import { DeskPage } from '../tests/e2e/pages/DeskPage'

const dir = process.argv[2] ?? 'shots'
mkdirSync(dir, { recursive: true })
const e2e = await startE2E()
const desk = new DeskPage(e2e.page)
const shot = async (name: string) => {
  await e2e.page.waitForTimeout(300)
  await e2e.page.screenshot({ path: `${dir}/${name}.png` })
  console.log(`${dir}/${name}.png`)
}
try {
  await desk.open(e2e.host.url)
  await e2e.page.getByRole('button', { name: '加载演示场次（培训用）' }).click()
  await e2e.page.getByTestId('import-summary').waitFor({ timeout: 30_000 })
  await shot('01-import-summary')
  await e2e.page.getByRole('button', { name: /确认导入/ }).click()
  await e2e.page.getByTestId('pin').waitFor()
  await shot('02-login')
  await desk.login('李晓燕', '123456')
  await desk.setUp('理论知识')
  await shot('03-ready')
  const first = await e2e.page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok) => {
      const r = indexedDB.open('roster')
      r.onsuccess = () => ok(r.result)
    })
    return new Promise<string>((ok) => {
      const req = db.transaction('candidates').objectStore('candidates').openCursor()
      req.onsuccess = () => ok((req.result?.value as { admitCardNo: string }).admitCardNo)
    })
  })
  await desk.scan(first)
  await e2e.page.getByTestId('verdict').waitFor()
  await shot('04-verdict')
  await desk.press('Enter')
  await desk.admitted().waitFor()
  await shot('05-admitted')
  await desk.scan(first)
  await e2e.page.getByTestId('verdict').waitFor()
  await shot('06-already')
  await desk.scan('11010519491231002Y')
  await shot('07-bad-check-digit')
  await desk.page.keyboard.type('zh')
  await desk.press('Enter')
  await shot('08-search')
  console.log('console errors:', e2e.consoleErrors)
} finally {
  await e2e.close()
}
