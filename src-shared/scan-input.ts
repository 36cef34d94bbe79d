/**
 * What a line typed or scanned into the desk's one field means: an admit-card QR, an admit card
 * number, an identity document number, or a name to search for. A number is validated as a document
 * before it is looked up, so a typo says "check digit wrong", not "not found".
 */
import { looksLikeAdmitCardQr } from './admit-card'
import { guessIdDocumentTypes, normalizeIdNumber, wrongIdNumberLength } from './id-documents'

export type Entry =
  | { kind: 'qr'; text: string }
  | { kind: 'admitCardNo'; value: string }
  | { kind: 'idDocument'; raw: string }
  | { kind: 'search'; query: string }
  | { kind: 'empty' }

/**
 * Classify one entry. `isAdmitCardNo` answers whether the roster has that admit card number: a number
 * that is one wins over a document reading of the same digits.
 */
export function classifyEntry(raw: string, isAdmitCardNo: (no: string) => boolean): Entry {
  const text = raw.replace(/[\r\n\t]+$/g, '').trim()
  if (text === '') return { kind: 'empty' }
  if (looksLikeAdmitCardQr(text)) return { kind: 'qr', text }
  const compact = normalizeIdNumber(text)
  if (/^[0-9A-Za-z-]{4,32}$/.test(compact) && isAdmitCardNo(compact)) return { kind: 'admitCardNo', value: compact }
  const types = /\d/.test(compact) ? guessIdDocumentTypes(text) : []
  // Any 5–17 letters and digits could be a passport; digits alone are an admit card number unless
  // they have the shape of a document that is more than a passport.
  const digitsOnly = /^\d{4,32}$/.test(compact)
  // 17 or 19 characters of an ID number are a typo to report as one, not an unknown admit card number.
  if (wrongIdNumberLength(text) !== null) return { kind: 'idDocument', raw: text }
  if (types.some((t) => t !== 'passport') || (types.length > 0 && !digitsOnly)) return { kind: 'idDocument', raw: text }
  if (digitsOnly) return { kind: 'admitCardNo', value: compact }
  // A number with a wrong length for any document still reads as one (say "format wrong", not "no match").
  if (/^\d{14,17}[0-9A-Za-z]$/.test(compact)) return { kind: 'idDocument', raw: text }
  return { kind: 'search', query: text }
}
