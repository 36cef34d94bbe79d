import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  ADMIT_CARD_QR_REASONS,
  AdmitCardQrEncodeError,
  encodeAdmitCardQr,
  keyIdOf,
  looksLikeAdmitCardQr,
  verifyAdmitCardQr,
} from '../../../src-shared/admit-card'
import {
  bytesToHex,
  exportPublicKeyRaw,
  fromBase64Url,
  generateSigningKeyPair,
  sha256Hex,
  toBase64Url,
} from '../../../src-shared/crypto'

// ───────────────────────────── factories ─────────────────────────────

interface HqKey {
  keys: CryptoKeyPair
  raw: string
  trusted: { keyId: string; publicKey: CryptoKey }
}

async function anHqKey(): Promise<HqKey> {
  const keys = await generateSigningKeyPair()
  const raw = await exportPublicKeyRaw(keys.publicKey)
  return { keys, raw, trusted: { keyId: await keyIdOf(raw), publicKey: keys.publicKey } }
}

function aCard(overrides: Partial<{ admitCardNo: string; sessionId: string }> = {}) {
  return { admitCardNo: '20241214010100012345', sessionId: 'CECC-2024-12-BJ01', ...overrides }
}

const encode = (hq: HqKey, card = aCard()) => encodeAdmitCardQr(card, hq.keys.privateKey, hq.raw)

/** Decode the bytes behind a QR text, change them, and write the text back without re-signing. */
function tamper(qr: string, change: (bytes: Uint8Array) => Uint8Array): string {
  return 'ED1.' + toBase64Url(change(fromBase64Url(qr.slice(4))))
}

let hq: HqKey
let stranger: HqKey
let qr: string

beforeAll(async () => {
  hq = await anHqKey()
  stranger = await anHqKey()
  qr = await encode(hq)
})

// ───────────────────────────── rules ─────────────────────────────

describe('reason codes', () => {
  it('lists every reason verifyAdmitCardQr can give, for the UI to translate', () => {
    expect([...ADMIT_CARD_QR_REASONS].sort()).toEqual(['badSignature', 'malformed', 'unknownKey', 'unknownVersion'])
  })
})

describe('key id', () => {
  it('is the first 8 bytes of SHA-256 of the raw HQ public key, as 16 lowercase hex characters', async () => {
    expect(hq.trusted.keyId).toMatch(/^[0-9a-f]{16}$/)
    expect(hq.trusted.keyId).toBe((await sha256Hex(fromBase64Url(hq.raw))).slice(0, 16))
  })

  it('refuses something that is not a raw public key', async () => {
    await expect(keyIdOf('AAAA')).rejects.toThrow(RangeError)
  })
})

describe('the QR text', () => {
  it('is ASCII, starts with ED1., and is base64url after it', () => {
    expect(qr).toMatch(/^ED1\.[A-Za-z0-9_-]+$/)
  })

  it('stays under 200 characters for a 20-character admit card number', () => {
    expect(aCard().admitCardNo).toHaveLength(20)
    expect(qr.length).toBeLessThan(200)
  })

  it('lays out version 1, key id, sessionId, admitCardNo and a 64-byte signature', () => {
    const bytes = fromBase64Url(qr.slice(4))
    const card = aCard()
    expect(bytes[0]).toBe(0x01)
    expect(bytesToHex(bytes.subarray(1, 9))).toBe(hq.trusted.keyId)
    expect(bytes[9]).toBe(card.sessionId.length)
    expect(new TextDecoder().decode(bytes.subarray(10, 10 + card.sessionId.length))).toBe(card.sessionId)
    expect(bytes[10 + card.sessionId.length]).toBe(20)
    expect(bytes.length).toBe(1 + 8 + 1 + card.sessionId.length + 1 + 20 + 64)
  })

  it('is told apart from a typed admit card number or ID number', () => {
    expect(looksLikeAdmitCardQr(qr)).toBe(true)
    expect(looksLikeAdmitCardQr(qr + '\r\n')).toBe(true)
    expect(looksLikeAdmitCardQr('ED2.AAAA')).toBe(true) // a future version is still a QR, not a number
    for (const typed of ['20241214010100012345', '11010519491231002X', 'ED1', 'ed1.abc', '']) {
      expect(looksLikeAdmitCardQr(typed), typed).toBe(false)
    }
  })

  it('refuses to encode an admit card number that is not 4–32 ASCII letters, digits or hyphens', async () => {
    for (const admitCardNo of ['123', '准考证123456', 'A'.repeat(33), '2024 1214']) {
      await expect(encode(hq, aCard({ admitCardNo }))).rejects.toBeInstanceOf(AdmitCardQrEncodeError)
    }
  })

  it('refuses to encode an empty sessionId or one with a broken surrogate', async () => {
    for (const sessionId of ['', 'S\ud800X', 'S'.repeat(65)]) {
      await expect(encode(hq, aCard({ sessionId }))).rejects.toBeInstanceOf(AdmitCardQrEncodeError)
    }
  })

  it('refuses to encode with a private key that does not belong to the announced public key', async () => {
    await expect(encodeAdmitCardQr(aCard(), stranger.keys.privateKey, hq.raw)).rejects.toBeInstanceOf(
      AdmitCardQrEncodeError,
    )
  })
})

describe('verifying a scanned QR', () => {
  it('accepts a card HQ signed, naming its admit card number, session and key', async () => {
    expect(await verifyAdmitCardQr(qr, [hq.trusted])).toEqual({
      ok: true,
      ...aCard(),
      keyId: hq.trusted.keyId,
    })
  })

  it('accepts a Chinese sessionId', async () => {
    const card = aCard({ sessionId: '北京-2024年12月-第1场' })
    expect(await verifyAdmitCardQr(await encode(hq, card), [hq.trusted])).toMatchObject({ ok: true, ...card })
  })

  it('forgives the Enter or Tab a keyboard-mode scanner appends', async () => {
    expect(await verifyAdmitCardQr(qr + '\r\n', [hq.trusted])).toMatchObject({ ok: true })
    expect(await verifyAdmitCardQr(qr + '\t', [hq.trusted])).toMatchObject({ ok: true })
  })

  it("accepts cards signed by any key of the package's list, so HQ can rotate keys", async () => {
    const fromStranger = await encode(stranger)
    expect(await verifyAdmitCardQr(qr, [stranger.trusted, hq.trusted])).toMatchObject({ ok: true })
    expect(await verifyAdmitCardQr(fromStranger, [stranger.trusted, hq.trusted])).toMatchObject({
      ok: true,
      keyId: stranger.trusted.keyId,
    })
  })

  it('refuses a card signed by a key not in the list as unknownKey, still saying which card it claims to be', async () => {
    expect(await verifyAdmitCardQr(await encode(stranger), [hq.trusted])).toEqual({
      ok: false,
      reason: 'unknownKey',
      ...aCard(),
    })
  })

  it('refuses a card whose number was changed after signing as badSignature, naming the forged number', async () => {
    const forged = tamper(qr, (bytes) => {
      const out = bytes.slice()
      out[1 + 8 + 1 + aCard().sessionId.length + 1 + 19] = '9'.charCodeAt(0)
      return out
    })
    expect(await verifyAdmitCardQr(forged, [hq.trusted])).toEqual({
      ok: false,
      reason: 'badSignature',
      admitCardNo: '20241214010100012349',
      sessionId: aCard().sessionId,
    })
  })

  it("refuses a card signed by another key under HQ's key id as badSignature", async () => {
    const impostor = tamper(await encode(stranger), (bytes) => {
      const out = bytes.slice()
      out.set(fromBase64Url(qr.slice(4)).subarray(1, 9), 1)
      return out
    })
    expect(await verifyAdmitCardQr(impostor, [hq.trusted])).toMatchObject({ ok: false, reason: 'badSignature' })
  })

  it('refuses a version it does not know as unknownVersion', async () => {
    const v2 = tamper(qr, (bytes) => {
      const out = bytes.slice()
      out[0] = 0x02
      return out
    })
    expect(await verifyAdmitCardQr(v2, [hq.trusted])).toEqual({ ok: false, reason: 'unknownVersion' })
    expect(await verifyAdmitCardQr('ED2.' + qr.slice(4), [hq.trusted])).toEqual({
      ok: false,
      reason: 'unknownVersion',
    })
  })

  it('refuses truncated, padded, overlong or non-base64url texts as malformed', async () => {
    const bytes = fromBase64Url(qr.slice(4))
    const cases = [
      '',
      'ED1.',
      qr.slice(0, -3),
      tamper(qr, (b) => b.subarray(0, b.length - 1)),
      tamper(qr, () => new Uint8Array([...bytes, 0])),
      qr + '=',
      qr.slice(0, 10) + '+' + qr.slice(11),
      qr.slice(0, 10) + '/' + qr.slice(11),
      'ED1.' + 'A'.repeat(397),
      qr + ' '.repeat(300),
      '2024121401010001234',
    ]
    for (const text of cases) {
      expect(await verifyAdmitCardQr(text, [hq.trusted]), text).toEqual({ ok: false, reason: 'malformed' })
    }
  })

  it('refuses a sessionId that is not valid UTF-8 or an admit card number that is not ASCII as malformed', async () => {
    const sidAt = 10
    const cardAt = 10 + aCard().sessionId.length + 1
    for (const [at, byte] of [
      [sidAt, 0xff],
      [cardAt, 0xe8],
      [cardAt, 0x20],
    ] as const) {
      const text = tamper(qr, (b) => {
        const out = b.slice()
        out[at] = byte
        return out
      })
      expect(await verifyAdmitCardQr(text, [hq.trusted])).toEqual({ ok: false, reason: 'malformed' })
    }
  })
})

// ───────────────────────────── properties ─────────────────────────────

const anAdmitCardNo = fc.stringMatching(/^[0-9A-Za-z-]{4,32}$/)
const aSessionId = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 })

describe('round trip and tamper evidence (property)', () => {
  it('verifies every card it encodes, for any admit card number and session', async () => {
    await fc.assert(
      fc.asyncProperty(anAdmitCardNo, aSessionId, async (admitCardNo, sessionId) => {
        const text = await encode(hq, { admitCardNo, sessionId })
        expect(text).toMatch(/^[\x21-\x7e]+$/)
        expect(await verifyAdmitCardQr(text, [hq.trusted])).toEqual({
          ok: true,
          admitCardNo,
          sessionId,
          keyId: hq.trusted.keyId,
        })
      }),
      { numRuns: 100 },
    )
  })

  it('refuses a QR with one bit flipped anywhere in its text', async () => {
    await fc.assert(
      fc.asyncProperty(anAdmitCardNo, fc.nat(), fc.integer({ min: 0, max: 7 }), async (admitCardNo, position, bit) => {
        const text = await encode(hq, aCard({ admitCardNo }))
        const i = position % text.length
        const flipped = text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << bit)) + text.slice(i + 1)
        expect(await verifyAdmitCardQr(flipped, [hq.trusted])).toMatchObject({ ok: false })
      }),
      { numRuns: 300 },
    )
  })

  it('never throws, whatever is scanned', async () => {
    const qrLike = fc
      .array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('')), {
        maxLength: 200,
      })
      .map((chars) => 'ED1.' + chars.join(''))
    const nearQr = fc.uint8Array({ maxLength: 160 }).map((b) => 'ED1.' + toBase64Url(new Uint8Array([1, ...b])))
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 500 }), qrLike, nearQr), async (text) => {
        const result = await verifyAdmitCardQr(text, [hq.trusted])
        expect(result.ok).toBe(false)
        expect(ADMIT_CARD_QR_REASONS).toContain((result as { reason: string }).reason)
      }),
      { numRuns: 500 },
    )
  })
})
