import { describe, expect, it } from 'vitest'
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  devToolsAllowed,
  hqUrlRefusal,
  isAllowedExternal,
  isAllowedNavigation,
  isPermissionAllowed,
  isTrustedSender,
  pinnedHqOrigin,
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

  it('has no DevTools unless asked for', () => {
    expect(prefs.devTools).toBe(false)
    expect(windowOptions({ preloadPath: 'p', kiosk: false, devTools: true }).webPreferences.devTools).toBe(true)
  })
})

describe('DevTools', () => {
  it.each([
    [false, {}, true],
    [true, {}, false],
    [true, { EXAMDESK_DEVTOOLS: '0' }, false],
    [true, { EXAMDESK_DEVTOOLS: 'true' }, false],
    [true, { EXAMDESK_DEVTOOLS: '1' }, true],
  ])('packaged %s, env %j → %s', (isPackaged, env, allowed) => {
    expect(devToolsAllowed(isPackaged, env)).toBe(allowed)
  })
})

describe('what hq:request may reach', () => {
  it.each([
    ['http://localhost:8787/v1/devices', null],
    ['https://hq.example.cn/v1/sessions', null],
    ['file:///etc/passwd', 'scheme file: is not allowed'],
    ['file://C:/Windows/win.ini', 'scheme file: is not allowed'],
    ['data:text/plain,hello', 'scheme data: is not allowed'],
    ['app://examdesk/index.html', 'scheme app: is not allowed'],
    ['ftp://hq.example.cn/x', 'scheme ftp: is not allowed'],
    ['javascript:alert(1)', 'scheme javascript: is not allowed'],
    ['blob:http://localhost/1', 'scheme blob: is not allowed'],
    ['ws://localhost:8787/', 'scheme ws: is not allowed'],
    ['http://user:pw@localhost:8787/v1/x', 'credentials in the URL are not allowed'],
    ['http://user@localhost:8787/v1/x', 'credentials in the URL are not allowed'],
    ['not a url', 'not a URL'],
  ])('%s → %s', (url, refusal) => {
    expect(hqUrlRefusal(url)).toBe(refusal)
  })

  it('reaches only the pinned HQ origin when EXAMDESK_HQ_URL sets one', () => {
    const pinned = pinnedHqOrigin({ EXAMDESK_HQ_URL: 'https://hq.example.cn/base/' })
    expect(pinned).toBe('https://hq.example.cn')
    expect(hqUrlRefusal('https://hq.example.cn/v1/x', pinned)).toBeNull()
    expect(hqUrlRefusal('http://hq.example.cn/v1/x', pinned)).not.toBeNull()
    expect(hqUrlRefusal('https://hq.example.cn:444/v1/x', pinned)).not.toBeNull()
    expect(hqUrlRefusal('https://hq.example.cn.evil.com/v1/x', pinned)).not.toBeNull()
    expect(hqUrlRefusal('http://169.254.169.254/latest/meta-data', pinned)).not.toBeNull()
  })

  it('pins nothing when unset, and an origin nothing matches when misconfigured', () => {
    expect(pinnedHqOrigin({})).toBeUndefined()
    expect(pinnedHqOrigin({ EXAMDESK_HQ_URL: '  ' })).toBeUndefined()
    for (const bad of ['file:///etc', 'not a url', 'http://u:p@hq.example.cn/']) {
      const pinned = pinnedHqOrigin({ EXAMDESK_HQ_URL: bad })
      expect(pinned, bad).toBeDefined()
      expect(hqUrlRefusal('http://localhost:8787/v1/x', pinned), bad).not.toBeNull()
      expect(hqUrlRefusal('https://hq.example.cn/', pinned), bad).not.toBeNull()
    }
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
