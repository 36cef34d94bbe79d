import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startE2E, type E2E } from './harness'
import { FirstScreenPage } from './pages/FirstScreenPage'

let e2e: E2E
let screen: FirstScreenPage

beforeEach(async () => {
  e2e = await startE2E()
  screen = new FirstScreenPage(e2e.page)
  await screen.open(e2e.host.url)
})
afterEach(async () => {
  await e2e.close()
})

describe('the first screen', () => {
  it('loads in Chinese, says no session is loaded, and logs no console error', async () => {
    expect(await screen.title()).toBe('考点签到台')
    expect(await screen.sessionStatus()).toContain('尚未导入场次')
    await screen.deviceId()
    expect(e2e.consoleErrors).toEqual([])
    expect(e2e.cspViolations).toEqual([])
  })

  it('shows a desk identity derived from a key that survives a reload', async () => {
    const id = await screen.deviceId()
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    await e2e.page.reload()
    expect(await screen.deviceId()).toBe(id)
  })

  it('switches to English and back, and remembers the choice after a reload', async () => {
    await screen.switchLanguage('English')
    expect(await screen.title()).toBe('ExamDesk')
    expect(await screen.sessionStatus()).toContain('No session loaded')
    await e2e.page.reload()
    await e2e.page.getByText('No session loaded').waitFor()
    expect(await e2e.page.evaluate(() => document.documentElement.lang)).toBe('en')
    await screen.switchLanguage('中文')
    expect(await screen.title()).toBe('考点签到台')
  })

  it('refuses an empty desk name with a message in plain Chinese and keeps the saved one', async () => {
    await screen.setDeskName('一号签到台')
    await e2e.page.getByRole('status').waitFor()
    await screen.setDeskName('   ')
    expect(await screen.fieldError()).toBe('请填写签到台名称')
    await e2e.page.reload()
    await e2e.page.waitForFunction(
      () => (document.querySelector('#desk-name') as HTMLInputElement | null)?.value === '一号签到台',
    )
  })
})

describe('the content security policy', () => {
  it('is sent as a header with no eval, no wildcard and no remote host', async () => {
    const res = await fetch(e2e.host.url)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).not.toMatch(/unsafe-eval|\*|https?:/)
  })

  it('blocks an inline script and a remote fetch in the running page', async () => {
    const result = await e2e.page.evaluate(async () => {
      const s = document.createElement('script')
      s.textContent = 'window.__inlineRan = true'
      document.body.appendChild(s)
      let fetched = true
      try {
        await fetch('http://127.0.0.1:9/evil')
      } catch {
        fetched = false
      }
      const img = document.createElement('img')
      img.setAttribute('onerror', 'window.__handlerRan = true')
      img.src = 'blob:invalid'
      document.body.appendChild(img)
      await new Promise((r) => setTimeout(r, 50))
      const w = window as unknown as { __inlineRan?: boolean; __handlerRan?: boolean }
      return { inline: w.__inlineRan === true, handler: w.__handlerRan === true, fetched }
    })
    expect(result).toEqual({ inline: false, handler: false, fetched: false })
    await e2e.page.waitForTimeout(100)
    expect(e2e.cspViolations.join('\n')).toMatch(/script-src/)
    expect(e2e.cspViolations.join('\n')).toMatch(/connect-src/)
  })
})
