/**
 * End-to-end harness: the built web host on a random loopback port and Debian's Chromium driven by
 * playwright-core with a fresh profile. Never downloads a browser.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { startWebHost, type WebHost } from '../../scripts/web-host'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface E2E {
  host: WebHost
  /** The browser's profile folder: unique, so benchmarks can find its processes. */
  userDataDir: string
  context: BrowserContext
  page: Page
  /** Console errors and page errors seen so far: a clean app has none. */
  consoleErrors: string[]
  /** Content-Security-Policy violations reported by the page. */
  cspViolations: string[]
  close(): Promise<void>
}

export async function startE2E(opts: { viewport?: { width: number; height: number } } = {}): Promise<E2E> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH`,
    )
  }
  if (!existsSync('out/renderer/index.html')) throw new Error('out/renderer is missing: run npm run build first')
  const host = await startWebHost({ port: 0 })
  const userDataDir = mkdtempSync(join(tmpdir(), 'examdesk-e2e-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: opts.viewport ?? { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai', // the venues' clock, whatever this machine's is
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const consoleErrors: string[] = []
  const cspViolations: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text())
  })
  page.on('pageerror', (err) => consoleErrors.push(err.message))
  await page.exposeFunction('__reportCsp', (v: string) => cspViolations.push(v))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      ;(window as unknown as { __reportCsp(v: string): void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`)
    })
  })
  return {
    host,
    userDataDir,
    context,
    page,
    consoleErrors,
    cspViolations,
    async close() {
      await context.close()
      await host.close()
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

export type { Browser }
