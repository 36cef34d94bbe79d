import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  guessIdDocumentTypes,
  hkIdCheckChar,
  icaoCheckDigit,
  makeResidentId,
  maskIdNumber,
  mod11_2CheckChar,
  normalizeIdNumber,
  sameDocumentNumber,
  validateIdDocument,
} from '../../../src-shared/id-documents'
import type { IdDocumentType } from '../../../src-shared/schemas'

const TODAY = '2024-12-14'

/** A resident-ID-shaped number whose 17-digit body is given, with the check char it should have. */
function withCheck(body17: string): string {
  return body17 + mod11_2CheckChar(body17)
}

/** The same number with its check char replaced by the next one in `0–9, X`: a guaranteed wrong check. */
function withWrongCheck(valid18: string): string {
  const chars = '0123456789X'
  const next = chars[(chars.indexOf(valid18[17]!) + 1) % chars.length]!
  return valid18.slice(0, 17) + next
}

function reasonOf(type: IdDocumentType, raw: string, today?: string): string {
  const v = validateIdDocument(type, raw, today)
  return v.ok ? 'ok' : v.reason
}

describe('normalisation before validation', () => {
  it('turns full-width digits and letters into half-width and upper-cases them', () => {
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X')
  })
  it('removes spaces, including ideographic ones, and zero-width characters', () => {
    expect(normalizeIdNumber(' 110105\u3000 19491231 002\u200Bx ')).toBe('11010519491231002X')
  })
  it('removes the brackets around a check character, half- or full-width', () => {
    expect(normalizeIdNumber('A123456(3)')).toBe('A1234563')
    expect(normalizeIdNumber('A123456（3）')).toBe('A1234563')
    expect(normalizeIdNumber('0561682001(D)')).toBe('0561682001D')
  })
  it('removes the slashes of the Macau way of writing 1/234567/8', () => {
    expect(normalizeIdNumber('1/234567/8')).toBe('12345678')
  })
  it('keeps brackets and slashes anywhere else, so that they fail the format', () => {
    expect(normalizeIdNumber('A(123456)3')).toBe('A(123456)3')
    expect(reasonOf('hk_identity_card', 'A(123456)3')).toBe('format')
    expect(reasonOf('mo_identity_card', '12/34567/8')).toBe('format')
  })
})

describe('GB 11643 MOD 11-2 check character', () => {
  it("accepts the standard's own example 11010519491231002X: born 1949-12-31, female", () => {
    expect(mod11_2CheckChar('11010519491231002')).toBe('X')
    expect(validateIdDocument('cn_resident_id', '11010519491231002X')).toEqual({
      ok: true,
      type: 'cn_resident_id',
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
      lifetimeNumber: '11010519491231002X',
    })
  })
  it('validates the check char of any 17-digit body with a real date', () => {
    fc.assert(
      fc.property(aResidentIdBody(), (body) => {
        expect(validateIdDocument('cn_resident_id', withCheck(body)).ok).toBe(true)
      }),
    )
  })
  it('never accepts a valid number with any one character changed', () => {
    fc.assert(
      fc.property(aResidentIdBody(), fc.nat(17), fc.constantFrom(...'0123456789X'), (body, at, c) => {
        const valid = withCheck(body)
        fc.pre(valid[at] !== c)
        const typo = valid.slice(0, at) + c + valid.slice(at + 1)
        expect(['checkDigit', 'format', 'birthDate']).toContain(reasonOf('cn_resident_id', typo))
      }),
    )
  })
  it('refuses to compute a check char for anything but 17 digits (a bug, not input)', () => {
    expect(() => mod11_2CheckChar('1101051949123100')).toThrow(RangeError)
  })
})

function aResidentIdBody(): fc.Arbitrary<string> {
  const date = fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2024-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''))
  return fc
    .tuple(fc.stringMatching(/^[1-8]\d{5}$/), date, fc.stringMatching(/^\d{3}$/))
    .map(([region, birth, seq]) => region + birth + seq)
}

describe('cn_resident_id (居民身份证) and cn_social_security_card (社保卡)', () => {
  for (const type of ['cn_resident_id', 'cn_social_security_card'] as const) {
    it(`${type}: accepts a valid number typed with a lower-case x and spaces`, () => {
      expect(validateIdDocument(type, '110105 19491231 002x')).toMatchObject({
        ok: true,
        normalized: '11010519491231002X',
      })
    })
    it(`${type}: reads a male from an odd 17th digit`, () => {
      const v = validateIdDocument(type, makeResidentId('110105', '1990-03-07', '123'))
      expect(v).toMatchObject({ ok: true, birthDate: '1990-03-07', sex: 'M' })
    })
    it(`${type}: refuses a wrong check char with checkDigit`, () => {
      expect(reasonOf(type, '110105194912310021')).toBe('checkDigit')
    })
    it(`${type}: refuses 17 characters, letters inside, or a first digit 0 or 9 with format`, () => {
      expect(reasonOf(type, '11010519491231002')).toBe('format')
      expect(reasonOf(type, '1101051949123100AX')).toBe('format')
      expect(reasonOf(type, withCheck('01010519491231002'))).toBe('format')
      expect(reasonOf(type, withCheck('91010519491231002'))).toBe('format')
    })
  }
  it('refuses an empty or blank number with empty', () => {
    expect(reasonOf('cn_resident_id', '')).toBe('empty')
    expect(reasonOf('cn_resident_id', ' \u3000 ')).toBe('empty')
  })
  it('refuses 30 February with birthDate even when the check char is right', () => {
    expect(reasonOf('cn_resident_id', withCheck('11010519900230001'))).toBe('birthDate')
  })
  it('accepts 29 February of a leap year and refuses it in 1900, which was not one', () => {
    expect(reasonOf('cn_resident_id', makeResidentId('110105', '2000-02-29', '001'))).toBe('ok')
    expect(reasonOf('cn_resident_id', withCheck('11010519000229001'))).toBe('birthDate')
  })
  it('refuses a birth year before 1900 with birthDate', () => {
    expect(reasonOf('cn_resident_id', withCheck('11010518991231001'))).toBe('birthDate')
  })
  it('refuses a birth date after today with birthDate, and skips that check when today is not given', () => {
    const future = makeResidentId('110105', '2025-01-01', '001')
    expect(reasonOf('cn_resident_id', future, TODAY)).toBe('birthDate')
    expect(reasonOf('cn_resident_id', future)).toBe('ok')
    expect(reasonOf('cn_resident_id', makeResidentId('110105', TODAY, '001'), TODAY)).toBe('ok')
  })
})

describe('hkmo_residence_permit (港澳居民居住证) and tw_residence_permit (台湾居民居住证)', () => {
  it('accepts 810000 (Hong Kong) and 820000 (Macau) permits and reads birth date and sex', () => {
    expect(validateIdDocument('hkmo_residence_permit', makeResidentId('810000', '1985-06-01', '021'))).toMatchObject({
      ok: true,
      birthDate: '1985-06-01',
      sex: 'M',
    })
    expect(reasonOf('hkmo_residence_permit', makeResidentId('820000', '1992-11-30', '040'))).toBe('ok')
  })
  it('accepts 830000 Taiwan permits', () => {
    expect(validateIdDocument('tw_residence_permit', makeResidentId('830000', '2000-02-29', '010'))).toMatchObject({
      ok: true,
      birthDate: '2000-02-29',
      sex: 'F',
    })
  })
  it('refuses another prefix with format', () => {
    expect(reasonOf('hkmo_residence_permit', makeResidentId('830000', '1985-06-01', '021'))).toBe('format')
    expect(reasonOf('hkmo_residence_permit', '11010519491231002X')).toBe('format')
    expect(reasonOf('tw_residence_permit', makeResidentId('810000', '1985-06-01', '021'))).toBe('format')
  })
  it('refuses a wrong check char with checkDigit', () => {
    expect(reasonOf('hkmo_residence_permit', withWrongCheck(makeResidentId('810000', '1985-06-01', '021')))).toBe(
      'checkDigit',
    )
    expect(reasonOf('tw_residence_permit', withWrongCheck(makeResidentId('830000', '1985-06-01', '021')))).toBe(
      'checkDigit',
    )
  })
})

describe('foreign_permanent_residence_id (外国人永久居留身份证)', () => {
  it('accepts the 2023 card: 18 digits starting with 9, MOD 11-2, birth date and sex', () => {
    expect(
      validateIdDocument('foreign_permanent_residence_id', makeResidentId('911156', '1980-01-01', '002')),
    ).toMatchObject({
      ok: true,
      birthDate: '1980-01-01',
      sex: 'F',
    })
  })
  it('refuses a 2023 card with a wrong check char with checkDigit', () => {
    expect(
      reasonOf('foreign_permanent_residence_id', withWrongCheck(makeResidentId('911156', '1980-01-01', '002'))),
    ).toBe('checkDigit')
  })
  it('accepts the 2017 card, 3 letters + 12 digits, on format only and reads nothing from it', () => {
    const v = validateIdDocument('foreign_permanent_residence_id', 'usa110075061201')
    expect(v).toEqual({
      ok: true,
      type: 'foreign_permanent_residence_id',
      normalized: 'USA110075061201',
      lifetimeNumber: 'USA110075061201',
    })
  })
  it('refuses a mainland resident ID and a malformed 2017 card with format', () => {
    expect(reasonOf('foreign_permanent_residence_id', '11010519491231002X')).toBe('format')
    expect(reasonOf('foreign_permanent_residence_id', 'US1110075061201')).toBe('format')
  })
})

describe('hk_identity_card (香港身份证)', () => {
  it('accepts A123456(3), however it is typed', () => {
    for (const raw of ['A123456(3)', 'a123456 (3)', 'A1234563', 'Ａ１２３４５６（３）']) {
      expect(validateIdDocument('hk_identity_card', raw)).toEqual({
        ok: true,
        type: 'hk_identity_card',
        normalized: 'A1234563',
        lifetimeNumber: 'A1234563',
      })
    }
  })
  it('accepts two-letter prefixes and the check char A (for 10)', () => {
    expect(hkIdCheckChar('AB987654')).toBe('3')
    expect(hkIdCheckChar('G123456')).toBe('A')
    expect(reasonOf('hk_identity_card', 'AB987654(3)')).toBe('ok')
    expect(reasonOf('hk_identity_card', 'G123456(A)')).toBe('ok')
    expect(reasonOf('hk_identity_card', 'C668668(9)')).toBe('ok')
  })
  it('refuses a wrong check char with checkDigit', () => {
    expect(reasonOf('hk_identity_card', 'A123456(4)')).toBe('checkDigit')
  })
  it('refuses a missing letter, three letters or a check char other than 0–9/A with format', () => {
    expect(reasonOf('hk_identity_card', '1234563')).toBe('format')
    expect(reasonOf('hk_identity_card', 'ABC123456(3)')).toBe('format')
    expect(reasonOf('hk_identity_card', 'A123456(B)')).toBe('format')
  })
})

describe('mo_identity_card (澳门身份证)', () => {
  it('accepts 1234567(8) and 1/234567/8 as the same number, on format only', () => {
    expect(validateIdDocument('mo_identity_card', '1234567(8)')).toMatchObject({ ok: true, normalized: '12345678' })
    expect(validateIdDocument('mo_identity_card', '1/234567/8')).toMatchObject({ ok: true, normalized: '12345678' })
  })
  it('accepts first digits 5 and 7, and any last digit: its check algorithm is not public', () => {
    expect(reasonOf('mo_identity_card', '5215299(0)')).toBe('ok')
    expect(reasonOf('mo_identity_card', '7215299(9)')).toBe('ok')
  })
  it('refuses another first digit or another length with format', () => {
    expect(reasonOf('mo_identity_card', '2234567(8)')).toBe('format')
    expect(reasonOf('mo_identity_card', '123456(7)')).toBe('format')
  })
})

describe('hkmo_home_return_permit (港澳居民来往内地通行证)', () => {
  it('accepts H or M + 8 digits, with or without the 2-digit renewal count', () => {
    expect(validateIdDocument('hkmo_home_return_permit', 'h12345678')).toMatchObject({
      ok: true,
      normalized: 'H12345678',
    })
    expect(reasonOf('hkmo_home_return_permit', 'M87654321')).toBe('ok')
  })
  it('gives the first 9 characters as the lifetime number', () => {
    expect(validateIdDocument('hkmo_home_return_permit', 'H1234567801')).toMatchObject({
      ok: true,
      normalized: 'H1234567801',
      lifetimeNumber: 'H12345678',
    })
  })
  it('refuses another letter, 7 or 9 digits with format', () => {
    expect(reasonOf('hkmo_home_return_permit', 'K12345678')).toBe('format')
    expect(reasonOf('hkmo_home_return_permit', 'H1234567')).toBe('format')
    expect(reasonOf('hkmo_home_return_permit', 'H123456789')).toBe('format')
  })
})

describe('tw_mainland_travel_permit (台湾居民来往大陆通行证)', () => {
  it('accepts the 8-digit number, which is its own lifetime number', () => {
    expect(validateIdDocument('tw_mainland_travel_permit', '12345678')).toMatchObject({
      ok: true,
      lifetimeNumber: '12345678',
    })
  })
  it('accepts a legacy 10-digit number with its office code in brackets, and keeps the first 8 digits for life', () => {
    expect(validateIdDocument('tw_mainland_travel_permit', '0561682001(D)')).toMatchObject({
      ok: true,
      normalized: '0561682001D',
      lifetimeNumber: '05616820',
    })
    expect(reasonOf('tw_mainland_travel_permit', '0561682001')).toBe('ok')
  })
  it('refuses 7 or 9 digits, and letters, with format', () => {
    expect(reasonOf('tw_mainland_travel_permit', '1234567')).toBe('format')
    expect(reasonOf('tw_mainland_travel_permit', '123456789')).toBe('format')
    expect(reasonOf('tw_mainland_travel_permit', 'T1234567')).toBe('format')
  })
})

describe('passport (护照)', () => {
  it('accepts 5–17 letters and digits, upper-cased', () => {
    expect(validateIdDocument('passport', 'e12345678')).toMatchObject({ ok: true, normalized: 'E12345678' })
    expect(reasonOf('passport', 'AB123')).toBe('ok')
    expect(reasonOf('passport', 'A'.repeat(17))).toBe('ok')
  })
  it('refuses fewer than 5 or more than 17 characters, or punctuation, with format', () => {
    expect(reasonOf('passport', 'E123')).toBe('format')
    expect(reasonOf('passport', 'A'.repeat(18))).toBe('format')
    expect(reasonOf('passport', 'E1234-5678')).toBe('format')
  })
})

describe('ICAO 9303 check digits (MRZ)', () => {
  it('computes the check digits of the ICAO specimen passport L898902C3', () => {
    expect(icaoCheckDigit('L898902C3')).toBe(6)
    expect(icaoCheckDigit('740812')).toBe(2)
    expect(icaoCheckDigit('120415')).toBe(9)
  })
  it('counts the filler < as zero', () => {
    expect(icaoCheckDigit('AB2134<<<')).toBe(icaoCheckDigit('AB2134000'))
  })
  it('refuses characters that cannot be in an MRZ (a bug, not input)', () => {
    expect(() => icaoCheckDigit('l898902c3')).toThrow(RangeError)
  })
})

describe('comparing a presented number with the registration', () => {
  it('matches a home-return permit with and without its renewal count', () => {
    expect(sameDocumentNumber('hkmo_home_return_permit', 'H1234567801', 'h12345678')).toBe(true)
    expect(sameDocumentNumber('hkmo_home_return_permit', 'H1234567801', 'H1234567802')).toBe(true)
  })
  it('matches a Taiwan permit on its first 8 digits', () => {
    expect(sameDocumentNumber('tw_mainland_travel_permit', '0561682001(D)', '05616820')).toBe(true)
  })
  it('matches a resident ID typed with a lower-case x and spaces', () => {
    expect(sameDocumentNumber('cn_resident_id', '11010519491231002X', '110105 19491231 002x')).toBe(true)
  })
  it('does not match different numbers, nor a blank one', () => {
    expect(sameDocumentNumber('cn_resident_id', '11010519491231002X', '110105194912310021')).toBe(false)
    expect(sameDocumentNumber('hkmo_home_return_permit', 'H12345678', 'M12345678')).toBe(false)
    expect(sameDocumentNumber('passport', '', ' ')).toBe(false)
  })
})

describe('guessing the type of a number typed without one', () => {
  it('reads the 18-character prefixes: 810000/820000, 830000, 9, anything else', () => {
    expect(guessIdDocumentTypes(makeResidentId('810000', '1985-06-01', '021'))).toEqual(['hkmo_residence_permit'])
    expect(guessIdDocumentTypes(makeResidentId('820000', '1985-06-01', '021'))).toEqual(['hkmo_residence_permit'])
    expect(guessIdDocumentTypes(makeResidentId('830000', '1985-06-01', '021'))).toEqual(['tw_residence_permit'])
    expect(guessIdDocumentTypes(makeResidentId('911156', '1980-01-01', '002'))).toEqual([
      'foreign_permanent_residence_id',
    ])
    expect(guessIdDocumentTypes('11010519491231002x')).toEqual(['cn_resident_id', 'cn_social_security_card'])
  })
  it('reads the 2017 foreigner card, the home-return permit and the Hong Kong ID, passport last', () => {
    expect(guessIdDocumentTypes('USA110075061201')).toEqual(['foreign_permanent_residence_id', 'passport'])
    expect(guessIdDocumentTypes('H1234567801')).toEqual(['hkmo_home_return_permit', 'passport'])
    expect(guessIdDocumentTypes('A123456(3)')).toEqual(['hk_identity_card', 'passport'])
  })
  it('puts Macau first for 8 digits written the Macau way, the Taiwan permit first otherwise', () => {
    expect(guessIdDocumentTypes('1/234567/8')).toEqual(['mo_identity_card', 'tw_mainland_travel_permit', 'passport'])
    expect(guessIdDocumentTypes('12345678')).toEqual(['tw_mainland_travel_permit', 'mo_identity_card', 'passport'])
    expect(guessIdDocumentTypes('23456789')).toEqual(['tw_mainland_travel_permit', 'passport'])
    expect(guessIdDocumentTypes('0561682001(D)')).toEqual(['tw_mainland_travel_permit', 'passport'])
  })
  it('guesses nothing for what no document looks like', () => {
    expect(guessIdDocumentTypes('')).toEqual([])
    expect(guessIdDocumentTypes('张三')).toEqual([])
    expect(guessIdDocumentTypes('1234')).toEqual([])
  })
})

describe('masking a number on screen', () => {
  it('keeps the first 6 and last 4 of an 18-character number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X')
  })
  it('keeps at most a third of a shorter number visible', () => {
    expect(maskIdNumber('A1234563')).toBe('A******3')
    expect(maskIdNumber('H1234567801')).toBe('H********01')
    expect(maskIdNumber('USA110075061201')).toBe('US**********201')
    for (const n of ['AB123', 'E12345678', '0561682001D', 'A'.repeat(17)]) {
      const visible = [...maskIdNumber(n)].filter((c) => c !== '*').length
      expect(visible).toBeLessThanOrEqual(n.length / 3)
    }
  })
  it('masks very short numbers completely', () => {
    expect(maskIdNumber('AB')).toBe('**')
  })
})

describe('building a resident ID for tests and the synthetic session', () => {
  it('appends the right check char', () => {
    expect(makeResidentId('110105', '1949-12-31', '002')).toBe('11010519491231002X')
  })
  it('refuses a date that does not exist (a bug in the caller)', () => {
    expect(() => makeResidentId('110105', '1990-02-30', '001')).toThrow(RangeError)
  })
})
