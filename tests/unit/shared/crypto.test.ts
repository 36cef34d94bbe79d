import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  bytesToHex,
  deviceIdFromPublicKey,
  exportPrivateKeyPkcs8,
  exportPublicKeyRaw,
  fromBase64Url,
  generateSigningKeyPair,
  hexToBytes,
  importPrivateKeyPkcs8,
  importPublicKeyRaw,
  sha256Hex,
  signBytes,
  toBase64Url,
  tryFromBase64Url,
  utf8,
  verifyBytes,
} from '../../../src-shared/crypto'

const ascii = (s: string) => utf8(s)

// RFC 8032 §7.1, TEST 1: an outside reference, so our Ed25519 is the Ed25519 everyone else speaks.
const RFC8032 = {
  seedHex: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
  publicHex: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
  sigHex:
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
}
/** PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): fixed 16-byte prefix + the 32-byte seed. */
const pkcs8OfSeed = (seedHex: string) => toBase64Url(hexToBytes('302e020100300506032b657004220420' + seedHex))

describe('hex', () => {
  it('round-trips any bytes through lowercase hex', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const hex = bytesToHex(bytes)
        expect(hex).toMatch(/^[0-9a-f]*$/)
        expect(hexToBytes(hex)).toEqual(bytes)
      }),
    )
  })

  it('reads upper-case hex too', () => {
    expect(hexToBytes('00FFaB')).toEqual(new Uint8Array([0, 255, 171]))
  })

  it('refuses an odd number of digits or a character that is not hex', () => {
    expect(() => hexToBytes('abc')).toThrow(SyntaxError)
    expect(() => hexToBytes('0g')).toThrow(SyntaxError)
    expect(() => hexToBytes(' 0')).toThrow(SyntaxError)
  })
})

describe('base64url', () => {
  it('encodes the RFC 4648 test vectors, without padding', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ]
    for (const [plain, encoded] of vectors) {
      expect(toBase64Url(ascii(plain))).toBe(encoded)
      expect(fromBase64Url(encoded)).toEqual(ascii(plain))
    }
  })

  it('uses the URL-safe alphabet (- and _ instead of + and /)', () => {
    expect(toBase64Url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_')
  })

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes)
      }),
    )
  })

  it('refuses padding, the standard alphabet, whitespace and impossible lengths', () => {
    for (const text of ['Zg==', 'Zm9v+/', 'Zm9v Yg', 'Zm9vY', '€€']) {
      expect(tryFromBase64Url(text), text).toBeNull()
      expect(() => fromBase64Url(text)).toThrow(SyntaxError)
    }
  })

  it('refuses a text whose unused trailing bits are not zero, so an edited last character never goes unnoticed', () => {
    expect(fromBase64Url('Zg')).toEqual(ascii('f'))
    expect(tryFromBase64Url('Zh')).toBeNull()
    expect(tryFromBase64Url('Zm9')).toBeNull()
  })

  it('decodes a text only if re-encoding gives the same text back (one text per byte string)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('')
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const text = chars.join('')
        const bytes = tryFromBase64Url(text)
        if (bytes !== null) expect(toBase64Url(bytes)).toBe(text)
      }),
    )
  })
})

describe('SHA-256', () => {
  it('gives the FIPS 180-2 digest of "abc" and of nothing, in lowercase hex', async () => {
    expect(await sha256Hex(ascii('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(await sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })
})

describe('utf8', () => {
  it('encodes Chinese text as UTF-8, three bytes per character', () => {
    expect(utf8('考点')).toEqual(new Uint8Array([0xe8, 0x80, 0x83, 0xe7, 0x82, 0xb9]))
  })
})

describe('Ed25519 keys', () => {
  it('creates desk keys whose private half cannot be exported', async () => {
    const keys = await generateSigningKeyPair()
    expect(keys.privateKey.extractable).toBe(false)
    await expect(exportPrivateKeyPkcs8(keys.privateKey)).rejects.toThrow()
  })

  it('exports a public key as its 32 raw bytes in base64url (43 characters)', async () => {
    const keys = await generateSigningKeyPair()
    const raw = await exportPublicKeyRaw(keys.publicKey)
    expect(raw).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(fromBase64Url(raw)).toHaveLength(32)
  })

  it('moves an extractable private key through PKCS#8 and keeps it signing for the same public key', async () => {
    const keys = await generateSigningKeyPair(true)
    const pkcs8 = await exportPrivateKeyPkcs8(keys.privateKey)
    const restored = await importPrivateKeyPkcs8(pkcs8)
    expect(restored.extractable).toBe(false)
    const sig = await signBytes(restored, ascii('receipt'))
    expect(await verifyBytes(keys.publicKey, sig, ascii('receipt'))).toBe(true)
  })

  it('refuses a public key that is not 32 bytes', async () => {
    await expect(importPublicKeyRaw(toBase64Url(new Uint8Array(31)))).rejects.toThrow(RangeError)
    await expect(importPublicKeyRaw('not base64url!')).rejects.toThrow(SyntaxError)
  })

  it('signs and verifies exactly as RFC 8032 test 1 says', async () => {
    const privateKey = await importPrivateKeyPkcs8(pkcs8OfSeed(RFC8032.seedHex))
    const publicKey = await importPublicKeyRaw(toBase64Url(hexToBytes(RFC8032.publicHex)))
    const sig = await signBytes(privateKey, new Uint8Array())
    expect(bytesToHex(sig)).toBe(RFC8032.sigHex)
    expect(await verifyBytes(publicKey, hexToBytes(RFC8032.sigHex), new Uint8Array())).toBe(true)
  })
})

describe('signatures', () => {
  it("verifies a signature of the signed bytes with the signer's public key", async () => {
    const keys = await generateSigningKeyPair()
    const sig = await signBytes(keys.privateKey, ascii('checkIn 2024110100123'))
    expect(sig).toHaveLength(64)
    expect(await verifyBytes(keys.publicKey, sig, ascii('checkIn 2024110100123'))).toBe(true)
  })

  it("refuses other bytes, an altered signature, and another desk's key", async () => {
    const keys = await generateSigningKeyPair()
    const other = await generateSigningKeyPair()
    const bytes = ascii('checkIn 2024110100123')
    const sig = await signBytes(keys.privateKey, bytes)
    const altered = sig.slice()
    altered[10]! ^= 1
    expect(await verifyBytes(keys.publicKey, sig, ascii('checkIn 2024110100124'))).toBe(false)
    expect(await verifyBytes(keys.publicKey, altered, bytes)).toBe(false)
    expect(await verifyBytes(other.publicKey, sig, bytes)).toBe(false)
  })

  it('answers false, never throws, for a malformed signature or a key that cannot verify', async () => {
    const keys = await generateSigningKeyPair()
    const bytes = ascii('x')
    const sig = await signBytes(keys.privateKey, bytes)
    expect(await verifyBytes(keys.publicKey, sig.subarray(0, 63), bytes)).toBe(false)
    expect(await verifyBytes(keys.publicKey, new Uint8Array(65), bytes)).toBe(false)
    expect(await verifyBytes(keys.privateKey, sig, bytes)).toBe(false)
    expect(await verifyBytes(keys.publicKey, 'sig' as unknown as Uint8Array, bytes)).toBe(false)
  })
})

describe('deviceId', () => {
  it('is the first 16 bytes of SHA-256 of the raw public key, as 32 lowercase hex characters', async () => {
    const keys = await generateSigningKeyPair()
    const raw = await exportPublicKeyRaw(keys.publicKey)
    const deviceId = await deviceIdFromPublicKey(raw)
    expect(deviceId).toMatch(/^[0-9a-f]{32}$/)
    expect(deviceId).toBe((await sha256Hex(fromBase64Url(raw))).slice(0, 32))
  })

  it('differs between two desks', async () => {
    const a = await exportPublicKeyRaw((await generateSigningKeyPair()).publicKey)
    const b = await exportPublicKeyRaw((await generateSigningKeyPair()).publicKey)
    expect(await deviceIdFromPublicKey(a)).not.toBe(await deviceIdFromPublicKey(b))
  })

  it('refuses something that is not a raw public key', async () => {
    await expect(deviceIdFromPublicKey(toBase64Url(new Uint8Array(33)))).rejects.toThrow(RangeError)
  })
})
