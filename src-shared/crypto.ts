/**
 * WebCrypto helpers shared by desk, main and HQ: SHA-256, Ed25519, and the byte encodings we put on
 * the wire (lowercase hex, unpadded base64url). Pure: `globalThis.crypto` only, no Buffer, no Node
 * imports, so the same code runs in Node 20.19+ and in Chromium.
 *
 * No reason codes here: the helpers return booleans or throw on programmer errors. The modules built
 * on them (ledger, admit-card, pin) turn failures into reason codes.
 */

/** The Ed25519 algorithm identifier, as WebCrypto spells it. */
const ED25519 = { name: 'Ed25519' } as const

const encoder = new TextEncoder()

function subtle(): SubtleCrypto {
  return globalThis.crypto.subtle
}

/**
 * TypeScript's DOM lib types BufferSource as `ArrayBufferView<ArrayBuffer>`; our bytes are never backed
 * by a SharedArrayBuffer, so this narrowing is sound and avoids copying into a fresh buffer.
 */
function source(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>
}

// ───────────────────────────── encodings ─────────────────────────────

/** UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s)
}

const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** Lowercase hex of bytes. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i++) out += HEX_BYTE[bytes[i]!]
  return out
}

function hexNibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48 // 0-9
  if (code >= 97 && code <= 102) return code - 87 // a-f
  if (code >= 65 && code <= 70) return code - 55 // A-F
  return -1
}

/** Bytes of a hex string (either case); throws a SyntaxError on odd length or a non-hex character. */
export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) throw new SyntaxError('hex: odd length')
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) {
    const hi = hexNibble(hex.charCodeAt(2 * i))
    const lo = hexNibble(hex.charCodeAt(2 * i + 1))
    if (hi < 0 || lo < 0) throw new SyntaxError(`hex: bad character near ${2 * i}`)
    out[i] = (hi << 4) | lo
  }
  return out
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const B64URL_INDEX = (() => {
  const table = new Int8Array(128).fill(-1)
  for (let i = 0; i < B64URL.length; i++) table[B64URL.charCodeAt(i)] = i
  return table
})()

/** Unpadded base64url (RFC 4648 §5) of bytes. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out += B64URL[n >>> 18]! + B64URL[(n >>> 12) & 63]! + B64URL[(n >>> 6) & 63]! + B64URL[n & 63]!
  }
  const rest = bytes.length - i
  if (rest === 1) {
    const n = bytes[i]! << 16
    out += B64URL[n >>> 18]! + B64URL[(n >>> 12) & 63]!
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8)
    out += B64URL[n >>> 18]! + B64URL[(n >>> 12) & 63]! + B64URL[(n >>> 6) & 63]!
  }
  return out
}

/**
 * Bytes of unpadded base64url, or null if the text is not the canonical encoding of some bytes.
 * Canonical means: no padding, no whitespace, and zero unused trailing bits. The last rule matters for
 * tamper detection: otherwise two different texts (e.g. a signature whose last character was edited)
 * would decode to the same bytes and the edit would go unnoticed.
 */
export function tryFromBase64Url(text: string): Uint8Array | null {
  const len = text.length
  if (len % 4 === 1) return null
  const out = new Uint8Array(Math.floor((len * 3) / 4))
  let o = 0
  let i = 0
  for (; i + 3 < len; i += 4) {
    const a = sextet(text, i)
    const b = sextet(text, i + 1)
    const c = sextet(text, i + 2)
    const d = sextet(text, i + 3)
    if ((a | b | c | d) < 0) return null
    const n = (a << 18) | (b << 12) | (c << 6) | d
    out[o++] = n >>> 16
    out[o++] = (n >>> 8) & 255
    out[o++] = n & 255
  }
  const rest = len - i
  if (rest === 2) {
    const a = sextet(text, i)
    const b = sextet(text, i + 1)
    if ((a | b) < 0 || (b & 15) !== 0) return null
    out[o++] = (a << 2) | (b >>> 4)
  } else if (rest === 3) {
    const a = sextet(text, i)
    const b = sextet(text, i + 1)
    const c = sextet(text, i + 2)
    if ((a | b | c) < 0 || (c & 3) !== 0) return null
    const n = (a << 18) | (b << 12) | (c << 6)
    out[o++] = n >>> 16
    out[o++] = (n >>> 8) & 255
  }
  return out
}

function sextet(text: string, i: number): number {
  const code = text.charCodeAt(i)
  return code < 128 ? B64URL_INDEX[code]! : -1
}

/** Bytes of canonical unpadded base64url; throws a SyntaxError otherwise (see tryFromBase64Url). */
export function fromBase64Url(text: string): Uint8Array {
  const bytes = tryFromBase64Url(text)
  if (bytes === null) throw new SyntaxError('base64url: not a canonical unpadded encoding')
  return bytes
}

// ───────────────────────────── hashing ─────────────────────────────

/** SHA-256 of bytes, as raw bytes. */
export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', source(bytes)))
}

/** SHA-256 of bytes, as 64 lowercase hex characters. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return bytesToHex(await sha256(bytes))
}

// ───────────────────────────── Ed25519 ─────────────────────────────

/**
 * A new Ed25519 key pair. The private key is non-extractable by default: a desk key must never leave
 * the machine (sync-protocol.md). The public key is always extractable (WebCrypto rule).
 */
export async function generateSigningKeyPair(extractable = false): Promise<CryptoKeyPair> {
  return (await subtle().generateKey(ED25519, extractable, ['sign', 'verify'])) as CryptoKeyPair
}

/** The 32 raw bytes of an Ed25519 public key, base64url. */
export async function exportPublicKeyRaw(key: CryptoKey): Promise<string> {
  return toBase64Url(new Uint8Array(await subtle().exportKey('raw', key)))
}

/** An Ed25519 public key from its 32 raw bytes in base64url; throws on anything else. */
export async function importPublicKeyRaw(rawB64url: string): Promise<CryptoKey> {
  const raw = fromBase64Url(rawB64url)
  if (raw.length !== 32) throw new RangeError(`Ed25519 public key: expected 32 bytes, got ${raw.length}`)
  // Extractable so that deviceId and key id can be derived from an imported key too.
  return subtle().importKey('raw', source(raw), ED25519, true, ['verify'])
}

/** An Ed25519 private key from PKCS#8 DER in base64url (how HQ keeps its key in a file). */
export async function importPrivateKeyPkcs8(pkcs8B64url: string, extractable = false): Promise<CryptoKey> {
  return subtle().importKey('pkcs8', source(fromBase64Url(pkcs8B64url)), ED25519, extractable, ['sign'])
}

/** PKCS#8 DER of an extractable Ed25519 private key, base64url. */
export async function exportPrivateKeyPkcs8(key: CryptoKey): Promise<string> {
  return toBase64Url(new Uint8Array(await subtle().exportKey('pkcs8', key)))
}

/** Ed25519 signature (64 bytes) over bytes. */
export async function signBytes(privateKey: CryptoKey, bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().sign(ED25519, privateKey, source(bytes)))
}

/** Whether sig is a valid Ed25519 signature of bytes; false, never a throw, on malformed input. */
export async function verifyBytes(publicKey: CryptoKey, sig: Uint8Array, bytes: Uint8Array): Promise<boolean> {
  if (!(sig instanceof Uint8Array) || sig.length !== 64 || !(bytes instanceof Uint8Array)) return false
  try {
    return await subtle().verify(ED25519, publicKey, source(sig), source(bytes))
  } catch {
    // A wrong key type or usage is a caller bug, but "not verified" is the only safe answer here.
    return false
  }
}

/**
 * A desk's deviceId: the first 16 bytes of SHA-256 of its raw public key, 32 lowercase hex characters.
 * Derived, not chosen, so that an event's deviceId always names the key that must have signed it.
 */
export async function deviceIdFromPublicKey(rawB64url: string): Promise<string> {
  const raw = fromBase64Url(rawB64url)
  if (raw.length !== 32) throw new RangeError(`Ed25519 public key: expected 32 bytes, got ${raw.length}`)
  return bytesToHex((await sha256(raw)).subarray(0, 16))
}
