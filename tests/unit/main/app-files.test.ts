import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mimeTypeOf, resolveAppFile, resolveStaticFile, securityHeaders } from '../../../src-main/app-files'
import { CONTENT_SECURITY_POLICY } from '../../../src-main/policy'

const root = '/opt/examdesk/renderer'

describe('serving the renderer from app://examdesk', () => {
  it('maps our URLs to files inside the renderer folder', () => {
    expect(resolveAppFile(root, 'app://examdesk/')).toBe(join(root, 'index.html'))
    expect(resolveAppFile(root, 'app://examdesk/assets/index.js')).toBe(join(root, 'assets/index.js'))
  })

  it.each(['app://examdesk/../../etc/passwd', 'app://examdesk/%2e%2e/%2e%2e/etc/passwd'])(
    'keeps %s inside the renderer folder (the URL parser folds the dots)',
    (url) => {
      expect(resolveAppFile(root, url)).toBe(join(root, 'etc/passwd'))
    },
  )

  it.each([
    'app://examdesk/assets/..%2f..%2f..%2fetc/passwd',
    'app://examdesk/a%00.js',
    'app://examdesk/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull()
  })

  it('refuses a backslash path on the web host too', () => {
    expect(resolveStaticFile(root, '/..\\..\\secret')).toBeNull()
  })

  it('sends the CSP with every file and the right content type', () => {
    expect(securityHeaders()['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(securityHeaders()['X-Content-Type-Options']).toBe('nosniff')
    expect(mimeTypeOf('a/index.html')).toMatch(/^text\/html/)
    expect(mimeTypeOf('a/x.js')).toMatch(/^text\/javascript/)
    expect(mimeTypeOf('a/unknown.bin')).toBe('application/octet-stream')
  })
})
