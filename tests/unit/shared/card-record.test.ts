import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { CARD_RECORD_REASONS, parseCardRecord } from '../../../src-shared/card-record'

/** 256 bytes of UCS-2LE spaces with each string written at its byte offset, as the reader DLL hands them over. */
function record(fields: Record<number, string>, fill = ' '): Uint8Array {
  const bytes = new Uint8Array(256)
  for (let i = 0; i < 256; i += 2) bytes[i] = fill.charCodeAt(0)
  for (const [offset, text] of Object.entries(fields)) {
    for (let j = 0; j < text.length; j++) {
      const unit = text.charCodeAt(j)
      bytes[Number(offset) + 2 * j] = unit & 0xff
      bytes[Number(offset) + 2 * j + 1] = unit >> 8
    }
  }
  return bytes
}

interface MainlandFields {
  name: string
  sex: string
  ethnicity: string
  birthDate: string
  address: string
  number: string
  issuer: string
  validFrom: string
  validTo: string
  permitNumber: string
  issueCount: string
  typeFlag: string
}

function aMainlandRecord(over: Partial<MainlandFields> = {}): Uint8Array {
  const f: MainlandFields = {
    name: '张秀英',
    sex: '2',
    ethnicity: '01',
    birthDate: '19491231',
    address: '北京市朝阳区建国路88号',
    number: '11010519491231002X',
    issuer: '北京市公安局朝阳分局',
    validFrom: '20150601',
    validTo: '长期',
    permitNumber: '',
    issueCount: '',
    typeFlag: ' ',
    ...over,
  }
  return record({
    0: f.name,
    30: f.sex,
    32: f.ethnicity,
    36: f.birthDate,
    52: f.address,
    122: f.number,
    158: f.issuer,
    188: f.validFrom,
    204: f.validTo,
    220: f.permitNumber,
    238: f.issueCount,
    248: f.typeFlag,
  })
}

function aPermitRecord(number: string): Uint8Array {
  return aMainlandRecord({
    name: '陈大文',
    sex: '1',
    ethnicity: '',
    birthDate: '19900101',
    address: '',
    number,
    issuer: '深圳市公安局',
    validFrom: '20200101',
    validTo: '20250101',
    permitNumber: 'H12345678',
    issueCount: '01',
    typeFlag: 'J',
  })
}

function parsed(bytes: Uint8Array) {
  const r = parseCardRecord(bytes)
  if (!r.ok) throw new Error(`expected a record, got ${r.reason}`)
  return r.record
}

describe('a mainland resident ID card (type flag space)', () => {
  it('reads the test vector 11010519491231002X with name, sex, birth date and validity', () => {
    expect(parsed(aMainlandRecord()).card).toEqual({
      type: 'cn_resident_id',
      number: '11010519491231002X',
      name: '张秀英',
      sex: 'F',
      birthDate: '1949-12-31',
      validFrom: '2015-06-01',
      validTo: null,
    })
  })

  it('keeps ethnicity, address and issuer beside the card, trimmed of their padding', () => {
    expect(parsed(aMainlandRecord())).toMatchObject({
      kind: 'resident',
      ethnicityCode: '01',
      address: '北京市朝阳区建国路88号',
      issuer: '北京市公安局朝阳分局',
    })
  })

  it('reads sex code 1 as male', () => {
    expect(parsed(aMainlandRecord({ sex: '1' })).card.sex).toBe('M')
  })

  it('leaves sex out when the code is 0 or 9 (unknown, unstated)', () => {
    expect(parsed(aMainlandRecord({ sex: '9' })).card).not.toHaveProperty('sex')
  })

  it('turns a dated end of validity into YYYY-MM-DD, and 长期 into null', () => {
    expect(parsed(aMainlandRecord({ validTo: '20350601' })).card.validTo).toBe('2035-06-01')
    expect(parsed(aMainlandRecord({ validTo: '长期' })).card.validTo).toBeNull()
  })

  it('accepts a record whose reserved tail and type flag are NULs (older cards, some readers)', () => {
    const bytes = aMainlandRecord()
    bytes.fill(0, 248)
    expect(parsed(bytes).card.type).toBe('cn_resident_id')
  })

  it('accepts NUL padding instead of spaces', () => {
    const bytes = record(
      { 0: '李四', 30: '1', 36: '19900307', 122: '110101199003070015', 188: '20100101', 204: '20300101' },
      '\0',
    )
    expect(parsed(bytes).card).toMatchObject({ name: '李四', number: '110101199003070015' })
  })

  it('uppercases a lowercase x in the number', () => {
    expect(parsed(aMainlandRecord({ number: '11010519491231002x' })).card.number).toBe('11010519491231002X')
  })

  it('passes a wrong check digit through: the verdict, not the parser, says "check digit wrong"', () => {
    expect(parsed(aMainlandRecord({ number: '110105194912310021' })).card.number).toBe('110105194912310021')
  })
})

describe('a HK/Macau/Taiwan residence permit (type flag J)', () => {
  it('is a hkmo_residence_permit when the number starts with 81 (Hong Kong) or 82 (Macau)', () => {
    expect(parsed(aPermitRecord('810000199001010015')).card.type).toBe('hkmo_residence_permit')
    expect(parsed(aPermitRecord('820000199001010015')).card.type).toBe('hkmo_residence_permit')
  })

  it('is a tw_residence_permit when the number starts with 83 (Taiwan)', () => {
    expect(parsed(aPermitRecord('830000199001010015')).card.type).toBe('tw_residence_permit')
  })

  it('keeps the travel permit number and the issue count', () => {
    expect(parsed(aPermitRecord('810000199001010015'))).toMatchObject({
      kind: 'residencePermit',
      travelPermitNumber: 'H12345678',
      issueCount: 1,
      card: { name: '陈大文', sex: 'M', birthDate: '1990-01-01', validTo: '2025-01-01' },
    })
  })

  it('refuses a permit whose number has another region prefix', () => {
    expect(parseCardRecord(aPermitRecord('110105194912310021'))).toEqual({ ok: false, reason: 'badNumber' })
  })
})

describe('a 2017 foreigner permanent residence card (type flag I)', () => {
  const card2017 = (over: Record<number, string> = {}) =>
    record({
      0: 'SMITH, JOHN PAUL',
      120: '1',
      122: 'USA110081231001',
      152: 'USA',
      158: '史密斯',
      188: '20170601',
      204: '20270601',
      220: '19810823',
      236: '02',
      240: '1100',
      248: 'I',
      ...over,
    })

  it('reads the 15-character number, the Chinese name, sex, birth date and validity from their own offsets', () => {
    expect(parsed(card2017()).card).toEqual({
      type: 'foreign_permanent_residence_id',
      number: 'USA110081231001',
      name: '史密斯',
      sex: 'M',
      birthDate: '1981-08-23',
      validFrom: '2017-06-01',
      validTo: '2027-06-01',
    })
  })

  it('keeps the Latin name, nationality and issuing office code', () => {
    expect(parsed(card2017())).toMatchObject({
      kind: 'foreigner2017',
      nameLatin: 'SMITH, JOHN PAUL',
      nationality: 'USA',
      issuer: '1100',
    })
  })

  it('uses the Latin name when the card has no Chinese name', () => {
    expect(parsed(card2017({ 158: '   ' })).card.name).toBe('SMITH, JOHN PAUL')
  })

  it('refuses a number that is not 3 letters and 12 digits', () => {
    expect(parseCardRecord(card2017({ 122: 'US1110081231001' }))).toEqual({ ok: false, reason: 'badNumber' })
  })
})

describe('a 2023 foreigner permanent residence card (type flag Y)', () => {
  const card2023 = (over: Record<number, string> = {}) =>
    record({
      0: '玛丽',
      30: '2',
      32: '00',
      36: '19850704',
      52: 'MARTIN, MARIE',
      122: '931586198507040022',
      188: '20240102',
      204: '20340102',
      242: 'FRA',
      248: 'Y',
      ...over,
    })

  it('reads the 18-digit number starting with 9, the Chinese name, sex, birth date and validity', () => {
    expect(parsed(card2023()).card).toEqual({
      type: 'foreign_permanent_residence_id',
      number: '931586198507040022',
      name: '玛丽',
      sex: 'F',
      birthDate: '1985-07-04',
      validFrom: '2024-01-02',
      validTo: '2034-01-02',
    })
    expect(parsed(card2023())).toMatchObject({ kind: 'foreigner2023', nameLatin: 'MARTIN, MARIE', nationality: 'FRA' })
  })

  it('joins a Latin name longer than 35 letters from its two fields, keeping the space at the seam', () => {
    const first = 'WOLFESCHLEGELSTEINHAUSENBERGER, MA '
    expect(first).toHaveLength(35)
    expect(parsed(card2023({ 52: first, 220: 'RIA ANNA' })).nameLatin).toBe(
      'WOLFESCHLEGELSTEINHAUSENBERGER, MA RIA ANNA',
    )
  })

  it('refuses a number that does not start with 9', () => {
    expect(parseCardRecord(card2023({ 122: '11010519491231002X' }))).toEqual({ ok: false, reason: 'badNumber' })
  })
})

describe('a malformed record is a reason, never an exception', () => {
  it.each([0, 255, 257, 1024])('refuses %i bytes as wrongLength', (n) => {
    expect(parseCardRecord(new Uint8Array(n))).toEqual({ ok: false, reason: 'wrongLength' })
  })

  it('refuses a type flag it does not know', () => {
    expect(parseCardRecord(aMainlandRecord({ typeFlag: 'Z' }))).toEqual({ ok: false, reason: 'unknownCardType' })
  })

  it('refuses a name field with control characters inside it', () => {
    expect(parseCardRecord(aMainlandRecord({ name: '张\u0001英' }))).toEqual({ ok: false, reason: 'garbled' })
  })

  it('refuses a lone UTF-16 surrogate', () => {
    expect(parseCardRecord(aMainlandRecord({ address: 'ab\ud800cd' }))).toEqual({ ok: false, reason: 'garbled' })
  })

  it('refuses an empty name', () => {
    expect(parseCardRecord(aMainlandRecord({ name: '' }))).toEqual({ ok: false, reason: 'missingName' })
  })

  it('refuses a number of the wrong shape', () => {
    expect(parseCardRecord(aMainlandRecord({ number: '1101051949' }))).toEqual({ ok: false, reason: 'badNumber' })
  })

  it('refuses a date that is not YYYYMMDD, nor a calendar day', () => {
    expect(parseCardRecord(aMainlandRecord({ birthDate: '1949-12-' }))).toEqual({ ok: false, reason: 'badDate' })
    expect(parseCardRecord(aMainlandRecord({ validTo: '20230230' }))).toEqual({ ok: false, reason: 'badDate' })
  })

  it('refuses an all-zero buffer (a reader that answered success and wrote nothing)', () => {
    expect(parseCardRecord(new Uint8Array(256))).toEqual({ ok: false, reason: 'missingName' })
  })

  it('answers a known reason code for any 256 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 256, maxLength: 256 }), (bytes) => {
        const r = parseCardRecord(bytes)
        if (!r.ok) expect(CARD_RECORD_REASONS).toContain(r.reason)
      }),
      { numRuns: 500 },
    )
  })

  it('answers a known reason code for any string written over a valid record', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 127 }), fc.string({ maxLength: 20 }), (at, text) => {
        const r = parseCardRecord(record({ ...{ 0: '张秀英', 122: '11010519491231002X' }, [at * 2]: text }))
        if (!r.ok) expect(CARD_RECORD_REASONS).toContain(r.reason)
      }),
      { numRuns: 500 },
    )
  })
})
