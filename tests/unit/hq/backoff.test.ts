/**
 * The desk's retry pause (src-renderer/db/sync.ts backoffMs): exponential backoff with full jitter,
 * i.e. a uniform pause in [0, min(cap, base·2^(n−1))), so that desks which lost HQ at the same moment
 * do not all come back at the same moment.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backoffMs } from '../../../src-renderer/db/sync'
import { seeded } from './sync-helpers'

const window = (failures: number, base = 500, cap = 30_000) => Math.min(cap, base * 2 ** Math.max(0, failures - 1))

describe('backoffMs (full jitter)', () => {
  it('spans the whole window: 0 at the bottom, just under base·2^(n−1) at the top', () => {
    expect(backoffMs(1, () => 0)).toBe(0)
    expect(backoffMs(1, () => 0.999999)).toBe(499)
    expect(backoffMs(2, () => 0.999999)).toBe(999)
    expect(backoffMs(4, () => 0.999999)).toBe(3999)
    expect(backoffMs(4, () => 0.5)).toBe(2000)
    // The first failure and "no failure yet" both wait at most one base.
    expect(backoffMs(0, () => 0.999999)).toBe(499)
  })

  it('stops growing at the cap, also after very many failures', () => {
    expect(backoffMs(7, () => 0.999999)).toBe(29_999) // 500·2^6 = 32,000 > cap
    expect(backoffMs(10_000, () => 0.999999)).toBe(29_999) // 2^9999 is Infinity; the cap still holds
    expect(backoffMs(10_000, () => 0)).toBe(0)
  })

  it('honours the base and cap a caller passes', () => {
    expect(backoffMs(3, () => 0.999999, 1, 5)).toBe(3)
    expect(backoffMs(30, () => 0.999999, 1, 5)).toBe(4)
  })

  it('is a whole number of milliseconds in [0, window) for any failure count and random draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 600_000 }),
        (failures, r, base, cap) => {
          const ms = backoffMs(failures, () => r, base, cap)
          return Number.isInteger(ms) && ms >= 0 && ms < Math.max(1, window(failures, base, cap))
        },
      ),
    )
  })

  it('is uniform over the window (full jitter, not “half fixed plus half random”)', () => {
    const random = seeded(2024)
    const n = 20_000
    const w = window(4) // 4,000 ms
    const draws = Array.from({ length: n }, () => backoffMs(4, random))
    const mean = draws.reduce((a, b) => a + b, 0) / n
    expect(mean).toBeGreaterThan(w * 0.48)
    expect(mean).toBeLessThan(w * 0.52)
    // Every tenth of the window gets about a tenth of the pauses: the low end included.
    const deciles = Array.from({ length: 10 }, () => 0)
    for (const d of draws) deciles[Math.floor((d / w) * 10)]! += 1
    for (const count of deciles) expect(Math.abs(count - n / 10)).toBeLessThan(n / 10 / 5)
  })

  it('spreads desks that failed together: 50 desks after the same failure pick different pauses', () => {
    const random = seeded(7)
    const pauses = Array.from({ length: 50 }, () => backoffMs(5, random))
    expect(new Set(pauses).size).toBeGreaterThan(45)
    expect(Math.min(...pauses)).toBeLessThan(window(5) / 5)
    expect(Math.max(...pauses)).toBeGreaterThan((window(5) * 4) / 5)
  })
})
