/**
 * The registration photo spec (domain.md, id-documents.md): JPEG (starts FF D8 FF whatever its name),
 * width > 88, height > 132, 40–80 KB with 1 KB = 1024 bytes. HQ reports off-spec photos as warnings,
 * like the desk does: a bad photo is a thing to fix, not a reason to drop a candidate.
 *
 * Reason codes of checkPhoto:
 * | reason       | meaning                                          |
 * | ------------ | ------------------------------------------------ |
 * | `notJpeg`    | does not start with FF D8 FF                     |
 * | `noSize`     | no SOF frame header: width and height unknown    |
 * | `tooSmall`   | width ≤ 88 or height ≤ 132                       |
 * | `fileSize`   | outside 40,960–81,920 bytes                      |
 */
export const PHOTO_SPEC = {
  minWidthExclusive: 88,
  minHeightExclusive: 132,
  minBytes: 40 * 1024,
  maxBytes: 80 * 1024,
} as const

export type PhotoProblem = 'notJpeg' | 'noSize' | 'tooSmall' | 'fileSize'

/** Width and height from the first SOF marker, without decoding the image; null if none is found. */
export function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  let o = 2
  while (o + 9 < bytes.length) {
    if (bytes[o] !== 0xff) return null
    const marker = bytes[o + 1]!
    if (marker === 0xff) {
      o += 1 // fill byte
      continue
    }
    const length = (bytes[o + 2]! << 8) | bytes[o + 3]!
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (bytes[o + 5]! << 8) | bytes[o + 6]!, width: (bytes[o + 7]! << 8) | bytes[o + 8]! }
    }
    if (marker === 0xda) return null // start of scan before any frame header
    o += 2 + length
  }
  return null
}

/** Every way a photo misses the spec (empty when it meets it). */
export function checkPhoto(bytes: Uint8Array): PhotoProblem[] {
  if (bytes.length < 3 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return ['notJpeg']
  const problems: PhotoProblem[] = []
  const size = jpegSize(bytes)
  if (!size) problems.push('noSize')
  else if (size.width <= PHOTO_SPEC.minWidthExclusive || size.height <= PHOTO_SPEC.minHeightExclusive)
    problems.push('tooSmall')
  if (bytes.length < PHOTO_SPEC.minBytes || bytes.length > PHOTO_SPEC.maxBytes) problems.push('fileSize')
  return problems
}

/** Chinese text of each problem, for the build summary. */
export const PHOTO_PROBLEM_TEXT: Record<PhotoProblem, string> = {
  notJpeg: '不是 JPEG 文件',
  noSize: '无法读取图片尺寸',
  tooSmall: '尺寸过小（须宽 > 88、高 > 132 像素）',
  fileSize: '文件大小不在 40–80 KB 之间',
}
