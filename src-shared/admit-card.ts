/**
 * Offline-verifiable admit card QR codes (sync-protocol.md "Session package"), in the shape of pretix's
 * "sig1" offline tickets. The text is `ED1.` + base64url of:
 *
 *   0x01 (version) | keyId (8 bytes) | len (1) + sessionId (UTF-8) | len (1) + admitCardNo (ASCII) | sig (64)
 *
 * keyId is the first 8 bytes of SHA-256 of the raw HQ public key (so the desk can pick among the rotated
 * keys the package lists); sig is Ed25519 by HQ over every byte before it. All ASCII, because scanners
 * in keyboard mode mangle anything else. A 20-character admit card number with a 20-byte sessionId
 * gives 154 characters.
 *
 * Reason codes returned by verifyAdmitCardQr (the UI translates them):
 * | reason           | meaning                                                                   |
 * | ---------------- | ------------------------------------------------------------------------- |
 * | `malformed`      | not a QR text this app wrote: damaged, truncated, too long, not ASCII      |
 * | `unknownVersion` | a QR of a format version this desk does not know (update the app)          |
 * | `unknownKey`     | signed with a key not in this package's list: foreign or forged card       |
 * | `badSignature`   | names a known key but the signature does not match: forged or altered card |
 *
 * Revoked cards and cards of another session are not decided here: the caller compares the returned
 * admitCardNo and sessionId with the package.
 */
import {
  bytesToHex,
  importPublicKeyRaw,
  sha256,
  signBytes,
  toBase64Url,
  tryFromBase64Url,
  utf8,
  verifyBytes,
} from './crypto'
import { Candidate, Session } from './schemas'

/** Every reason code verifyAdmitCardQr can return. */
export const ADMIT_CARD_QR_REASONS = ['malformed', 'unknownVersion', 'unknownKey', 'badSignature'] as const
export type AdmitCardQrReason = (typeof ADMIT_CARD_QR_REASONS)[number]

export type AdmitCardQrCheck =
  | { ok: true; admitCardNo: string; sessionId: string; keyId: string }
  | { ok: false; reason: AdmitCardQrReason; admitCardNo?: string; sessionId?: string }

/** The only format version this desk reads and writes. */
const VERSION = 0x01
const PREFIX = 'ED1.'
/** `ED` + a version number + `.`: the shape of every version, so a future one is not taken for a typed number. */
const ANY_VERSION_PREFIX = /^ED\d{1,3}\./
const KEY_ID_BYTES = 8
const SIG_BYTES = 64
/** Longer texts are refused before any decoding: nothing we print comes close (≤ 216 characters). */
const MAX_TEXT_LENGTH = 400

/** Thrown by encodeAdmitCardQr on input HQ must never print (a bug in the caller, not a user error). */
export class AdmitCardQrEncodeError extends Error {
  override readonly name = 'AdmitCardQrEncodeError'
}

/** The 16-hex-character key id of an HQ public key given as raw base64url. */
export async function keyIdOf(publicKeyRaw: string): Promise<string> {
  const raw = tryFromBase64Url(publicKeyRaw)
  if (raw === null || raw.length !== 32) throw new RangeError('Ed25519 public key: expected 32 raw bytes in base64url')
  return bytesToHex((await sha256(raw)).subarray(0, KEY_ID_BYTES))
}

/** The QR text of one admit card, signed by HQ; checks that the key pair matches before returning. */
export async function encodeAdmitCardQr(
  card: { admitCardNo: string; sessionId: string },
  hqPrivateKey: CryptoKey,
  hqPublicKeyRaw: string,
): Promise<string> {
  if (!Candidate.shape.admitCardNo.safeParse(card.admitCardNo).success) {
    throw new AdmitCardQrEncodeError('admitCardNo must be 4–32 letters, digits or hyphens')
  }
  const sessionId = utf8(card.sessionId)
  // A lone surrogate would be printed as U+FFFD and never match the roster again.
  if (
    !Session.shape.id.safeParse(card.sessionId).success ||
    sessionId.length > 255 ||
    new TextDecoder().decode(sessionId) !== card.sessionId
  ) {
    throw new AdmitCardQrEncodeError('sessionId must be 1–64 characters of well-formed text, at most 255 UTF-8 bytes')
  }
  const keyId = await keyIdOf(hqPublicKeyRaw)
  const cardNo = utf8(card.admitCardNo)
  const body = new Uint8Array(1 + KEY_ID_BYTES + 1 + sessionId.length + 1 + cardNo.length)
  let o = 0
  body[o++] = VERSION
  body.set(hexToKeyIdBytes(keyId), o)
  o += KEY_ID_BYTES
  body[o++] = sessionId.length
  body.set(sessionId, o)
  o += sessionId.length
  body[o++] = cardNo.length
  body.set(cardNo, o)
  const sig = await signBytes(hqPrivateKey, body)
  // A print run signed with a key that does not match the announced one would be unverifiable at
  // every desk on exam day: refuse here, where it is cheap.
  if (!(await verifyBytes(await importPublicKeyRaw(hqPublicKeyRaw), sig, body))) {
    throw new AdmitCardQrEncodeError('hqPrivateKey does not belong to hqPublicKeyRaw')
  }
  const all = new Uint8Array(body.length + SIG_BYTES)
  all.set(body)
  all.set(sig, body.length)
  return PREFIX + toBase64Url(all)
}

function hexToKeyIdBytes(keyId: string): Uint8Array {
  const out = new Uint8Array(KEY_ID_BYTES)
  for (let i = 0; i < KEY_ID_BYTES; i++) out[i] = parseInt(keyId.slice(2 * i, 2 * i + 2), 16)
  return out
}

/** Whether a scanned text is meant as an admit card QR (rather than a typed admit card or ID number). */
export function looksLikeAdmitCardQr(text: string): boolean {
  return typeof text === 'string' && ANY_VERSION_PREFIX.test(text.trim())
}

/**
 * The card a QR text names, if HQ signed it with one of trustedKeys. Total: every step below answers
 * a reason instead of throwing, and the fuzz test holds it to that (no catch-all hiding a bug).
 */
export async function verifyAdmitCardQr(
  text: string,
  trustedKeys: readonly { keyId: string; publicKey: CryptoKey }[],
): Promise<AdmitCardQrCheck> {
  if (typeof text !== 'string' || text.length > MAX_TEXT_LENGTH) return { ok: false, reason: 'malformed' }
  // Scanners often append Enter or Tab; nothing else is forgiven.
  const trimmed = text.trim()
  if (!ANY_VERSION_PREFIX.test(trimmed)) return { ok: false, reason: 'malformed' }
  if (!trimmed.startsWith(PREFIX)) return { ok: false, reason: 'unknownVersion' }
  const bytes = tryFromBase64Url(trimmed.slice(PREFIX.length))
  if (bytes === null || bytes.length === 0) return { ok: false, reason: 'malformed' }
  if (bytes[0] !== VERSION) return { ok: false, reason: 'unknownVersion' }
  const fields = decodeFields(bytes)
  if (fields === null) return { ok: false, reason: 'malformed' }
  const { keyId, sessionId, admitCardNo, bodyLength } = fields
  const key = trustedKeys.find((k) => k.keyId.toLowerCase() === keyId)
  if (key === undefined) return { ok: false, reason: 'unknownKey', admitCardNo, sessionId }
  const signed = await verifyBytes(key.publicKey, bytes.subarray(bodyLength), bytes.subarray(0, bodyLength))
  if (!signed) return { ok: false, reason: 'badSignature', admitCardNo, sessionId }
  return { ok: true, admitCardNo, sessionId, keyId }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** The fields after the version byte, or null unless the layout is exact (no bytes missing or extra). */
function decodeFields(
  bytes: Uint8Array,
): { keyId: string; sessionId: string; admitCardNo: string; bodyLength: number } | null {
  let o = 1
  if (bytes.length < o + KEY_ID_BYTES + 1) return null
  const keyId = bytesToHex(bytes.subarray(o, o + KEY_ID_BYTES))
  o += KEY_ID_BYTES
  const sessionIdLength = bytes[o++]!
  if (bytes.length < o + sessionIdLength + 1) return null
  let sessionId: string
  try {
    sessionId = strictUtf8.decode(bytes.subarray(o, o + sessionIdLength))
  } catch {
    return null
  }
  o += sessionIdLength
  const cardNoLength = bytes[o++]!
  if (bytes.length !== o + cardNoLength + SIG_BYTES) return null
  // Admit card numbers are ASCII letters, digits and hyphens; decoding bytes 0–127 one by one is exact.
  const admitCardNo = String.fromCharCode(...bytes.subarray(o, o + cardNoLength))
  if (!Session.shape.id.safeParse(sessionId).success) return null
  if (!Candidate.shape.admitCardNo.safeParse(admitCardNo).success) return null
  return { keyId, sessionId, admitCardNo, bodyLength: o + cardNoLength }
}
