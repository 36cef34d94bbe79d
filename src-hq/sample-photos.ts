/**
 * Synthetic registration photos that meet the spec (photo-spec.ts): 295×413 JPEG (a 1-inch photo at
 * 300 dpi), light background, a head-and-shoulders silhouette, mild noise so that the file lands
 * in 40–80 KB. Encoding is the cost, so a few dozen variants are encoded once and each candidate gets
 * a variant with its admit card number in a JPEG COM segment: every photo has its own bytes and SHA-256.
 */
import jpeg from 'jpeg-js'
import { PHOTO_SPEC } from './photo-spec'
import { mulberry32, type Random } from './random'

const WIDTH = 295
const HEIGHT = 413
/** Keep clear of the spec's edges so the COM segment (≤ 60 bytes) never pushes a photo out of range. */
const TARGET = { min: PHOTO_SPEC.minBytes + 2048, max: PHOTO_SPEC.maxBytes - 4096 }

const BACKGROUNDS: readonly [number, number, number][] = [
  [250, 250, 250],
  [236, 244, 252],
  [242, 246, 250],
  [252, 250, 244],
]
const SKIN: readonly [number, number, number][] = [
  [236, 204, 178],
  [224, 186, 150],
  [200, 160, 128],
  [176, 134, 104],
]
const HAIR: readonly [number, number, number][] = [
  [30, 26, 24],
  [52, 40, 32],
  [80, 60, 44],
  [20, 20, 22],
]
const CLOTHES: readonly [number, number, number][] = [
  [40, 52, 84],
  [30, 30, 34],
  [90, 96, 104],
  [236, 236, 240],
  [120, 40, 44],
  [60, 90, 70],
]

function pick<T>(rand: Random, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!
}

/** RGBA pixels of one portrait; `noise` is the amplitude of the grain that gives JPEG something to keep. */
function paint(rand: Random, noise: number, longHair: boolean): Uint8Array {
  const bg = pick(rand, BACKGROUNDS)
  const skin = pick(rand, SKIN)
  const hair = pick(rand, HAIR)
  const clothes = pick(rand, CLOTHES)
  const cx = WIDTH / 2 + (rand() - 0.5) * 16
  const headY = 165 + (rand() - 0.5) * 20
  const headRx = 62 + rand() * 10
  const headRy = 80 + rand() * 10
  const hairTop = headY - headRy - 6 - rand() * 10
  const shoulderY = headY + headRy + 35
  const data = new Uint8Array(WIDTH * HEIGHT * 4)
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const dx = (x - cx) / headRx
      const dy = (y - headY) / headRy
      const inHead = dx * dx + dy * dy <= 1
      const hairDy = (y - (headY - 10)) / (headRy + 14)
      const hairDx = (x - cx) / (headRx + 10)
      const inHair =
        hairDx * hairDx + hairDy * hairDy <= 1 && (y < headY - headRy * 0.45 || (longHair && y < headY + headRy * 0.9))
      const neck = Math.abs(x - cx) < headRx * 0.45 && y > headY && y < shoulderY + 10
      const shoulders = y > shoulderY && Math.abs(x - cx) < headRx * 1.2 + (y - shoulderY) * 1.6
      let c = bg
      if (shoulders) c = clothes
      else if (inHead || neck) c = skin
      if (inHair && !(inHead && y > headY - headRy * 0.45 && !longHair) && y > hairTop)
        c = inHead && !longHair ? hair : inHead ? skin : hair
      if (inHead && y < headY - headRy * 0.45) c = hair
      // A little shading from the left, as a studio light would give.
      const shade = c === bg ? 1 - (y / HEIGHT) * 0.04 : 1 - ((x - cx) / WIDTH) * 0.25
      const i = (y * WIDTH + x) * 4
      const n = (rand() - 0.5) * noise
      data[i] = clamp(c[0] * shade + n)
      data[i + 1] = clamp(c[1] * shade + n)
      data[i + 2] = clamp(c[2] * shade + n)
      data[i + 3] = 255
    }
  }
  return data
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v)
}

/** One portrait JPEG in the target size range; noise is raised or lowered until it lands there. */
export function makePortraitJpeg(seed: number, longHair = seed % 2 === 1): Uint8Array {
  let noise = 18
  for (let attempt = 0; attempt < 12; attempt++) {
    const pixels = paint(mulberry32(seed), noise, longHair)
    const bytes = new Uint8Array(jpeg.encode({ data: pixels, width: WIDTH, height: HEIGHT }, 88).data)
    if (bytes.length < TARGET.min) noise *= 1.35
    else if (bytes.length > TARGET.max) noise *= 0.75
    else return bytes
  }
  throw new Error(`sample photo ${seed}: could not reach ${TARGET.min}–${TARGET.max} bytes`)
}

/** A copy of jpeg with a COM segment holding `comment` (ASCII) right after SOI. */
export function withComment(jpegBytes: Uint8Array, comment: string): Uint8Array {
  const text = new TextEncoder().encode(comment)
  const length = text.length + 2
  const out = new Uint8Array(jpegBytes.length + 2 + length)
  out.set(jpegBytes.subarray(0, 2), 0)
  out[2] = 0xff
  out[3] = 0xfe
  out[4] = length >> 8
  out[5] = length & 0xff
  out.set(text, 6)
  out.set(jpegBytes.subarray(2), 6 + text.length)
  return out
}

/** A pool of encoded portraits, made once per generator run: even indexes short hair, odd long hair. */
export function makePortraitPool(seed: number, count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => makePortraitJpeg(seed * 1000 + i))
}
