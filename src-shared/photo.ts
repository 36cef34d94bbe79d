/**
 * Registration photos (domain.md): JPEG, width > 88 px, height > 132 px, 40–80 KB with 1 KB = 1024 bytes.
 * Dimensions come from the JPEG frame header (SOF), without decoding the image.
 */

export const PHOTO_SPEC = {
  minBytes: 40 * 1024,
  maxBytes: 80 * 1024,
  minWidthExclusive: 88,
  minHeightExclusive: 132,
} as const

/** Reason codes of an off-spec photo: a warning on the candidate, never a refusal. */
export const PHOTO_PROBLEMS = ['photoNotJpeg', 'photoFileSize', 'photoDimensions'] as const
export type PhotoProblem = (typeof PHOTO_PROBLEMS)[number]

export interface JpegInfo {
  width: number
  height: number
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf])

/** Width and height from the first SOF segment, or null when the bytes are not a readable JPEG. */
export function jpegInfo(bytes: Uint8Array): JpegInfo | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return null
  let i = 2
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return null
    const marker = bytes[i + 1]!
    if (marker === 0xff) {
      i += 1 // fill byte
      continue
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2
      continue
    }
    if (marker === 0xd9 || marker === 0xda) return null // end of image or scan before any frame header
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!
    if (length < 2) return null
    if (SOF_MARKERS.has(marker)) {
      if (i + 9 > bytes.length) return null
      const height = (bytes[i + 5]! << 8) | bytes[i + 6]!
      const width = (bytes[i + 7]! << 8) | bytes[i + 8]!
      return { width, height }
    }
    i += 2 + length
  }
  return null
}

/** What is wrong with a photo against the registration spec; empty when it meets it. */
export function photoProblems(bytes: Uint8Array): { problems: PhotoProblem[]; info: JpegInfo | null } {
  const info = jpegInfo(bytes)
  if (!info) return { problems: ['photoNotJpeg'], info: null }
  const problems: PhotoProblem[] = []
  if (bytes.byteLength < PHOTO_SPEC.minBytes || bytes.byteLength > PHOTO_SPEC.maxBytes) problems.push('photoFileSize')
  if (info.width <= PHOTO_SPEC.minWidthExclusive || info.height <= PHOTO_SPEC.minHeightExclusive) {
    problems.push('photoDimensions')
  }
  return { problems, info }
}
