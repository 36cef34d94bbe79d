import { describe, expect, it } from 'vitest'
import { ScanDetector } from '../../../src-shared/scan-detector'

/** Type `text` starting at `start`, one key every `gap` ms; returns what the detector said, and the end time. */
function type(d: ScanDetector, text: string, start: number, gap: number, enter = true) {
  const out = []
  let t = start
  for (const ch of text) {
    const r = d.key(ch, t)
    if (r) out.push(r)
    t += gap
  }
  if (enter) {
    const r = d.key('Enter', t)
    if (r) out.push(r)
  }
  return { out, end: t }
}

describe('a keyboard-wedge scanner', () => {
  it('is recognised by its speed, ending on Enter', () => {
    const d = new ScanDetector()
    expect(type(d, 'ED1.AbCdEf0123', 0, 8).out).toEqual([{ kind: 'scan', text: 'ED1.AbCdEf0123' }])
  })

  it('is recognised when it sends no Enter, after a short pause', () => {
    const d = new ScanDetector()
    const { out, end } = type(d, '11010519491231002X', 0, 5, false)
    expect(out).toEqual([])
    expect(d.tick(end + 30)).toBeNull()
    expect(d.tick(end + 200)).toEqual({ kind: 'scan', text: '11010519491231002X' })
  })

  it('ignores the same code read twice within three seconds', () => {
    const d = new ScanDetector()
    expect(type(d, '2024000123', 0, 5).out[0]?.kind).toBe('scan')
    expect(type(d, '2024000123', 1500, 5).out).toEqual([{ kind: 'repeat', text: '2024000123' }])
    expect(type(d, '2024000123', 6000, 5).out).toEqual([{ kind: 'scan', text: '2024000123' }])
  })

  it('ignores a double read even when the scanner ends with CR LF (two Enters)', () => {
    const d = new ScanDetector()
    const first = type(d, '2024000123', 0, 5)
    expect(d.key('Enter', first.end + 3)).toBeNull()
    expect(type(d, '2024000123', first.end + 200, 5).out).toEqual([{ kind: 'repeat', text: '2024000123' }])
  })

  it('takes the same code again at once after a key of the proctor (admitted with Enter, then scanned again)', () => {
    for (const key of ['Enter', 'Escape', 'F9']) {
      const d = new ScanDetector()
      const first = type(d, '2024000123', 0, 5)
      expect(d.key(key, first.end + 400)).toBeNull()
      expect(type(d, '2024000123', first.end + 900, 5).out).toEqual([{ kind: 'scan', text: '2024000123' }])
    }
  })

  it('takes the same code again after the proctor clicked or answered a dialog', () => {
    const d = new ScanDetector()
    const first = type(d, '2024000123', 0, 5)
    d.forgetLast()
    expect(type(d, '2024000123', first.end + 500, 5).out).toEqual([{ kind: 'scan', text: '2024000123' }])
  })

  it('waits for a longer pause when the caller asks (a code typed into the scan field)', () => {
    const d = new ScanDetector()
    const { end } = type(d, '11010519491231002X', 0, 5, false)
    expect(d.tick(end + 150, 400)).toBeNull()
    expect(d.tick(end + 450, 400)).toEqual({ kind: 'scan', text: '11010519491231002X' })
  })

  it('keeps the double-read window across Shift (a scanner types capitals with it)', () => {
    const d = new ScanDetector()
    const first = type(d, 'ED1.AbC0123', 0, 5)
    d.key('Shift', first.end + 100)
    expect(type(d, 'ED1.AbC0123', first.end + 200, 5).out).toEqual([{ kind: 'repeat', text: 'ED1.AbC0123' }])
  })
})

describe('a person typing', () => {
  it('never forms a scan, however long the text', () => {
    const d = new ScanDetector()
    expect(type(d, '11010519491231002X', 0, 120).out).toEqual([])
  })

  it('is not mistaken for a scanner by a short burst (a double key press)', () => {
    const d = new ScanDetector()
    expect(type(d, 'abc', 0, 10).out).toEqual([])
  })

  it('does not glue a scan onto keys typed just before it', () => {
    const d = new ScanDetector()
    type(d, 'zhang', 0, 150, false)
    expect(type(d, '2024000123', 1000, 5).out).toEqual([{ kind: 'scan', text: '2024000123' }])
  })
})

describe('a runaway device', () => {
  it('drops a fast burst longer than 512 characters instead of looking it up', () => {
    const d = new ScanDetector()
    expect(type(d, 'A'.repeat(600), 0, 5).out).toEqual([])
  })

  it('still takes a 400-character code (longer than any admit card QR) and the next scan after the runaway one', () => {
    const d = new ScanDetector()
    type(d, 'B'.repeat(600), 0, 5)
    const code = 'ED1.' + 'x'.repeat(396)
    expect(type(d, code, 10_000, 5).out).toEqual([{ kind: 'scan', text: code }])
  })
})
