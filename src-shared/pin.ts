/**
 * Staff PINs (schema `PinHash`): HQ puts only a salted PBKDF2-SHA256 hash of each PIN in the session
 * package, and the desk checks a typed PIN against it. No reason codes: verifyPin answers yes or no,
 * and the UI says "wrong PIN" either way, so a guesser learns nothing about why.
 */
import { toBase64Url, tryFromBase64Url, utf8 } from './crypto'
import type { PinHash } from './schemas'

const ALG = 'PBKDF2-SHA256'
const HASH_BYTES = 32
const SALT_BYTES = 16
/** The schema's bounds: a package asking for more would stall the desk at every login. */
const MIN_ITERATIONS = 1000
const MAX_ITERATIONS = 10_000_000

/** Whether a PIN has the format desks accept: 4 to 8 ASCII digits. */
export function isPinFormatValid(pin: string): boolean {
  return typeof pin === 'string' && /^[0-9]{4,8}$/.test(pin)
}

/** The salted PBKDF2-SHA256 hash of a PIN (HQ side); throws on a PIN or salt HQ must not use. */
export async function hashPin(pin: string, salt?: Uint8Array, iterations = 100_000): Promise<PinHash> {
  if (!isPinFormatValid(pin)) throw new RangeError('PIN must be 4–8 digits')
  if (!Number.isInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new RangeError(`iterations must be an integer in ${MIN_ITERATIONS}..${MAX_ITERATIONS}`)
  }
  const s = salt ?? globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  // Under 8 bytes a salt stops doing its job (and would not fit the schema's 8-character minimum).
  if (s.length < 8 || s.length > 128) throw new RangeError('salt must be 8–128 bytes')
  const hash = await derive(pin, s, iterations)
  return { alg: ALG, iterations, salt: toBase64Url(s), hash: toBase64Url(hash) }
}

/** Whether pin matches pinHash; false, never a throw, on a malformed hash. */
export async function verifyPin(pin: string, pinHash: PinHash): Promise<boolean> {
  if (!isPinFormatValid(pin)) return false
  if (pinHash?.alg !== ALG) return false
  const { iterations } = pinHash
  if (!Number.isInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) return false
  const salt = typeof pinHash.salt === 'string' ? tryFromBase64Url(pinHash.salt) : null
  const expected = typeof pinHash.hash === 'string' ? tryFromBase64Url(pinHash.hash) : null
  // A hash shorter than 16 bytes would make collisions with other PINs plausible: not one we wrote.
  if (salt === null || expected === null || expected.length < 16 || expected.length > 64) return false
  const actual = await derive(pin, salt, iterations, expected.length * 8)
  return constantTimeEqual(actual, expected)
}

async function derive(pin: string, salt: Uint8Array, iterations: number, bits = HASH_BYTES * 8): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle
  const key = await subtle.importKey('raw', utf8(pin) as Uint8Array<ArrayBuffer>, 'PBKDF2', false, ['deriveBits'])
  const params = { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations }
  return new Uint8Array(await subtle.deriveBits(params, key, bits))
}

/** Compares every byte whatever the first difference, so timing does not tell how close a guess was. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}
