import { describe, expect, it } from 'vitest'
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  isAllowedExternal,
  isAllowedNavigation,
  isPermissionAllowed,
  isTrustedSender,
  windowOptions,
} from '../../../src-main/policy'
import { readFileSync } from 'node:fs'

describe('the window', () => {
  const opts = windowOptions({ preloadPath: '/app/preload/index.cjs', kiosk: false })
  const prefs = opts.webPreferences

  it('isolates the renderer: context isolation, sandbox, no Node anywhere', () => {
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
  })

  it('keeps web security on and every dangerous switch off', () => {
    expect(prefs.webSecurity).not.toBe(false)
    expect(prefs.allowRunningInsecureContent).not.toBe(true)
    expect(prefs.experimentalFeatures).not.toBe(true)
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
    expect(prefs.webviewTag).toBe(false)
  })

  it('fills the screen in kiosk mode for check-in desks, and is a normal window otherwise', () => {
    expect(windowOptions({ preloadPath: 'p', kiosk: true })).toMatchObject({ kiosk: true, fullscreen: true })
    expect(opts).toMatchObject({ kiosk: false, fullscreen: false, width: 1366, height: 768 })
  })
})

describe('navigation', () => {
  it.each([
    [`${APP_ORIGIN}/index.html`, true],
    [`${APP_ORIGIN}/`, true],
    ['app://examdesk.attacker.com/index.html', false],
    ['app://other/index.html', false],
    ['https://app.example.attacker.com', false],
    ['http://localhost:5174/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['data:text/html,<script>1</script>', false],
    ['app://user@examdesk/index.html', false],
    ['not a url', false],
  ])('%s → allowed %s', (url, allowed) => {
    expect(isAllowedNavigation(url)).toBe(allowed)
  })

  it('opens only allowlisted https sites in the system browser', () => {
    expect(isAllowedExternal('https://www.cecc.org.cn/training')).toBe(true)
    expect(isAllowedExternal('http://www.cecc.org.cn/')).toBe(false)
    expect(isAllowedExternal('https://www.cecc.org.cn.evil.com/')).toBe(false)
    expect(isAllowedExternal('file:///C:/Windows/system32/calc.exe')).toBe(false)
  })
})

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'midi', 'openExternal', 'hid', 'serial', 'usb', 'clipboard-read'])(
    'denies %s',
    (permission) => {
      expect(isPermissionAllowed(permission, `${APP_ORIGIN}/index.html`)).toBe(false)
    },
  )
  it('allows writing to the clipboard only to our own page', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', `${APP_ORIGIN}/index.html`)).toBe(true)
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/')).toBe(false)
  })
})

describe('the sender of a bridge call', () => {
  it('is accepted only from the main frame of our own origin', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: null })).toBe(true)
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: {} })).toBe(false)
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false)
    expect(isTrustedSender(null)).toBe(false)
    expect(isTrustedSender(undefined)).toBe(false)
  })
})

describe('the content security policy', () => {
  const html = readFileSync('src-renderer/index.html', 'utf8')
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''

  it.each([
    ['the header main and the web host send', CONTENT_SECURITY_POLICY],
    ['the meta tag of index.html', meta],
  ])('%s: self only, no eval, no inline script, no wildcard, no remote host', (_where, csp) => {
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|\*|https?:|wss?:/)
  })

  it('says the same in the meta tag as in the header (frame-ancestors only works as a header)', () => {
    const header = CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors'))
    expect(meta.split('; ')).toEqual(header)
  })
})
