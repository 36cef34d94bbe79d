import { describe, expect, it } from 'vitest'
import { isOpenedFileUrl, OpenedFiles } from '../../../src-main/opened-files'

describe('files handed to the renderer by URL', () => {
  it('serves each picked file once, at a URL nobody can guess', () => {
    const files = new OpenedFiles()
    const a = files.register('/media/usb/a.examdesk')
    const b = files.register('/media/usb/b.examdesk')
    expect(a).not.toBe(b)
    expect(isOpenedFileUrl(a)).toBe(true)
    expect(files.take(b)).toBe('/media/usb/b.examdesk')
    expect(files.take(a)).toBe('/media/usb/a.examdesk')
    expect(files.take(a)).toBeNull()
  })

  it('forgets a file not fetched within five minutes', () => {
    let now = 0
    const files = new OpenedFiles(() => now)
    const url = files.register('/tmp/x.examdesk')
    now = 5 * 60_000 + 1
    expect(files.take(url)).toBeNull()
  })

  it('never serves a path or a made-up token: only what the dialog registered', () => {
    const files = new OpenedFiles()
    files.register('/etc/passwd-not-really')
    for (const url of [
      'app://examdesk/__opened/../../etc/passwd',
      'app://examdesk/__opened/%2Fetc%2Fpasswd',
      `app://examdesk/__opened/${'0'.repeat(32)}`,
      `app://other/__opened/${'a'.repeat(32)}`,
      `file:///__opened/${'a'.repeat(32)}`,
      'not a url',
    ]) {
      expect(files.take(url)).toBeNull()
    }
  })

  it('keeps at most a handful pending: the oldest picked goes first', () => {
    const files = new OpenedFiles()
    const urls = Array.from({ length: 9 }, (_, i) => files.register(`/f${i}`))
    expect(files.take(urls[0]!)).toBeNull()
    expect(files.take(urls[8]!)).toBe('/f8')
  })
})
