/**
 * Screenshot a screen of the web host in Debian's Chromium: `tsx scripts/screenshot.ts out.png [lang]`.
 * For looking at what we build; not part of the tests.
 */
import { startE2E } from '../tests/e2e/harness'

const out = process.argv[2] ?? 'screenshot.png'
const e2e = await startE2E()
try {
  await e2e.page.goto(e2e.host.url)
  if (process.argv[3] === 'en') await e2e.page.getByRole('button', { name: 'English' }).click()
  await e2e.page.waitForFunction(() =>
    /^[0-9a-f ]{39}$/.test(document.querySelector('[data-testid=device-id]')?.textContent ?? ''),
  )
  await e2e.page.screenshot({ path: out })
  console.log(`saved ${out}; console errors: ${e2e.consoleErrors.length}`)
} finally {
  await e2e.close()
}
