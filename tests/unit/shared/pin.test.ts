import { describe, expect, it } from 'vitest'
import { fromBase64Url, toBase64Url } from '../../../src-shared/crypto'
import { hashPin, isPinFormatValid, verifyPin } from '../../../src-shared/pin'
import { PinHash } from '../../../src-shared/schemas'

/** The lowest iteration count the schema allows: keeps the tests fast, the rules are the same. */
const FAST = 1000
const SALT = new Uint8Array([...Array(16).keys()])

const aPinHash = (pin = '2468', overrides: Partial<PinHash> = {}) =>
  hashPin(pin, SALT, FAST).then((h) => ({ ...h, ...overrides }))

describe('PIN format', () => {
  it('accepts 4 to 8 digits', () => {
    for (const pin of ['0000', '2468', '12345678']) expect(isPinFormatValid(pin), pin).toBe(true)
  })

  it('refuses fewer than 4 or more than 8 digits, letters, spaces and full-width digits', () => {
    for (const pin of ['', '123', '123456789', '12a4', '12 34', ' 1234', '１２３４', '١٢٣٤']) {
      expect(isPinFormatValid(pin), pin).toBe(false)
    }
  })
})

describe('hashing a PIN', () => {
  it('stores PBKDF2-SHA256 with 100,000 iterations and a fresh 16-byte salt by default', async () => {
    const h = await hashPin('2468')
    expect(PinHash.parse(h)).toEqual(h)
    expect(h).toMatchObject({ alg: 'PBKDF2-SHA256', iterations: 100_000 })
    expect(fromBase64Url(h.salt)).toHaveLength(16)
    expect(fromBase64Url(h.hash)).toHaveLength(32)
  })

  it('gives two staff with the same PIN different hashes', async () => {
    const [a, b] = await Promise.all([hashPin('2468', undefined, FAST), hashPin('2468', undefined, FAST)])
    expect(a.salt).not.toBe(b.salt)
    expect(a.hash).not.toBe(b.hash)
  })

  it('derives the standard PBKDF2-HMAC-SHA256 bytes (checked against Python hashlib)', async () => {
    expect(await aPinHash('2468')).toEqual({
      alg: 'PBKDF2-SHA256',
      iterations: 1000,
      salt: toBase64Url(SALT),
      hash: '2gr5xCQfRexXAbDy5JD5x5TbjyqsynZsYIGnIdBL4pU',
    })
  })

  it('refuses a PIN desks could not accept, a salt under 8 bytes, or an iteration count out of range', async () => {
    await expect(hashPin('12a4', SALT, FAST)).rejects.toThrow(RangeError)
    await expect(hashPin('2468', new Uint8Array(7), FAST)).rejects.toThrow(RangeError)
    await expect(hashPin('2468', SALT, 999)).rejects.toThrow(RangeError)
    await expect(hashPin('2468', SALT, 10_000_001)).rejects.toThrow(RangeError)
  })
})

describe('verifying a PIN', () => {
  it('accepts the PIN that was hashed', async () => {
    expect(await verifyPin('2468', await aPinHash('2468'))).toBe(true)
  })

  it('accepts it with the default iteration count too', async () => {
    expect(await verifyPin('97531', await hashPin('97531'))).toBe(true)
  })

  it('refuses a PIN one digit off, one digit longer or shorter', async () => {
    const h = await aPinHash('2468')
    for (const pin of ['2469', '24680', '246', '1357']) expect(await verifyPin(pin, h), pin).toBe(false)
  })

  it('refuses when the stored iterations or salt were changed', async () => {
    expect(await verifyPin('2468', await aPinHash('2468', { iterations: 1001 }))).toBe(false)
    expect(await verifyPin('2468', await aPinHash('2468', { salt: toBase64Url(new Uint8Array(16)) }))).toBe(false)
  })

  it('answers false, never throws, for a malformed hash', async () => {
    const malformed: Partial<PinHash>[] = [
      { alg: 'PBKDF2-SHA1' as never },
      { salt: 'not base64url!' },
      { hash: 'not base64url!' },
      { hash: toBase64Url(new Uint8Array(8)) },
      { iterations: 0 },
      { iterations: 1e12 },
      { iterations: Number.NaN },
    ]
    for (const overrides of malformed) {
      expect(await verifyPin('2468', await aPinHash('2468', overrides)), JSON.stringify(overrides)).toBe(false)
    }
    expect(await verifyPin('2468', null as never)).toBe(false)
  })
})
