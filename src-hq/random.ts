/** A small seeded PRNG (mulberry32) so that a sample session is the same for the same seed. */
export type Random = () => number

/** A generator of floats in [0, 1) determined by seed. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** An integer in [min, max]. */
export function intBetween(rand: Random, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1))
}

/** One item, uniformly. */
export function pickOne<T>(rand: Random, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!
}

/** One item by weight. */
export function pickWeighted<T>(rand: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0)
  let r = rand() * total
  for (const [item, w] of items) {
    r -= w
    if (r < 0) return item
  }
  return items[items.length - 1]![0]
}
