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
