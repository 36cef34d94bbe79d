import { describe, expect, it } from 'vitest'
import { makeResidentId } from '../../../src-shared/id-documents'
import type { Candidate } from '../../../src-shared/schemas'
import { buildSearchIndex, searchCandidates } from '../../../src-shared/search'

function aCandidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    admitCardNo: 'ZK20241214001',
    name: '张三',
    sex: 'M',
    birthDate: '1990-03-07',
    idDocument: { type: 'cn_resident_id', number: makeResidentId('110105', '1990-03-07', '123') },
    occupation: '区块链应用操作员',
    level: '四级/中级',
    sittings: [{ subject: 'theory', roomId: 'r1', seat: 1 }],
    invoiceRequested: false,
    ...overrides,
  }
}

const ROSTER: Candidate[] = [
  aCandidate(),
  aCandidate({
    admitCardNo: 'ZK20241214002',
    name: '李四',
    idDocument: { type: 'cn_resident_id', number: '11010519491231002X' },
  }),
  aCandidate({ admitCardNo: 'ZK20241214003', name: '张山峰' }),
  aCandidate({ admitCardNo: 'ZK20241214004', name: '阿卜杜拉·买买提' }),
  aCandidate({
    admitCardNo: 'ZK20241214005',
    name: 'John SMITH',
    idDocument: { type: 'passport', number: 'E12345678', issuingCountry: 'GBR' },
  }),
  aCandidate({ admitCardNo: 'ZK20241214006', name: '单雄信' }),
  aCandidate({ admitCardNo: 'ZK20241214007', name: '王小明' }),
  aCandidate({
    admitCardNo: 'ZK20241214008',
    name: '陈大文',
    idDocument: { type: 'hkmo_home_return_permit', number: 'H1234567801' },
  }),
  aCandidate({ admitCardNo: 'ZK20241214009', name: '吕方' }),
  aCandidate({ admitCardNo: 'ZK20241214010', name: '阿依古丽·努尔买买提', sex: 'F' }),
  aCandidate({
    admitCardNo: 'ZK20241214011',
    name: 'David KIM',
    idDocument: { type: 'passport', number: 'M98765432', issuingCountry: 'KOR' },
  }),
]
const INDEX = buildSearchIndex(ROSTER)

function admitCardNos(query: string, limit?: number): string[] {
  return searchCandidates(INDEX, query, limit).map((h) => h.admitCardNo)
}

function nameOf(admitCardNo: string): string {
  return ROSTER.find((c) => c.admitCardNo === admitCardNo)!.name
}

function namesFound(query: string): string[] {
  return admitCardNos(query).map(nameOf)
}

describe('searching by part of the Chinese name', () => {
  it('finds every name that contains the typed characters', () => {
    expect(namesFound('张')).toEqual(['张三', '张山峰'])
    expect(namesFound('山峰')).toEqual(['张山峰'])
  })
  it('puts the exact name before names that merely start with it', () => {
    expect(searchCandidates(INDEX, '张三')[0]).toEqual({
      admitCardNo: 'ZK20241214001',
      matchedBy: 'name',
      score: expect.any(Number),
    })
  })
  it('finds a middle-dot name by either part, whatever dot is typed', () => {
    expect(namesFound('买买提')).toEqual(['阿卜杜拉·买买提', '阿依古丽·努尔买买提'])
    expect(namesFound('阿卜杜拉・买买提')).toEqual(['阿卜杜拉·买买提'])
  })
  it('finds a middle-dot name when the proctor types an ASCII dot, a bullet or another look-alike', () => {
    for (const dot of ['.', '•', '·', '・', '‧', '∙', '．', '。']) {
      expect(namesFound(`阿依古丽${dot}努尔`)).toEqual(['阿依古丽·努尔买买提'])
    }
  })
  it('finds a middle-dot name typed without the dot, or with spaces around it', () => {
    expect(namesFound('阿依古丽努尔买买提')).toEqual(['阿依古丽·努尔买买提'])
    expect(namesFound('阿依古丽 . 努尔买买提')[0]).toBe('阿依古丽·努尔买买提')
  })
  it('finds nothing for a name not on the roster', () => {
    expect(namesFound('赵六')).toEqual([])
  })
})

describe('searching by pinyin', () => {
  it('finds a name by its full pinyin without tones or spaces', () => {
    expect(searchCandidates(INDEX, 'zhangsan')[0]).toMatchObject({ admitCardNo: 'ZK20241214001', matchedBy: 'pinyin' })
  })
  it('accepts spaces and capitals in the pinyin', () => {
    expect(namesFound('Zhang San')[0]).toBe('张三')
  })
  it('finds names by a pinyin prefix', () => {
    expect(namesFound('zhangs')).toEqual(['张三', '张山峰'])
  })
  it('finds a name by the pinyin of its given name alone, after the surname matches', () => {
    expect(namesFound('xiaoming')).toEqual(['王小明'])
    expect(searchCandidates(INDEX, 'wangxiaoming')[0]!.score).toBeGreaterThan(
      searchCandidates(INDEX, 'xiaoming')[0]!.score,
    )
  })
  it('reads a polyphonic surname the surname way, and the everyday way too', () => {
    expect(namesFound('shanxiongxin')).toEqual(['单雄信'])
    expect(namesFound('danxiongxin')).toEqual(['单雄信'])
  })
  it('spells ü as v', () => {
    expect(namesFound('lvfang')).toEqual(['吕方'])
  })
  it('finds a middle-dot name by its pinyin', () => {
    expect(namesFound('abudulamaimaiti')).toEqual(['阿卜杜拉·买买提'])
  })
})

describe('searching by pinyin initials', () => {
  it('finds names by their initials', () => {
    expect(searchCandidates(INDEX, 'zs')[0]).toMatchObject({ admitCardNo: 'ZK20241214001', matchedBy: 'initials' })
    expect(namesFound('zsf')).toEqual(['张山峰'])
  })
  it('finds a Latin name by the initials of its words', () => {
    expect(namesFound('js')).toEqual(['John SMITH'])
  })
})

describe('searching a Latin name', () => {
  it('finds it by any part, case-insensitively', () => {
    expect(namesFound('john')).toEqual(['John SMITH'])
    expect(namesFound('Smith')).toEqual(['John SMITH'])
    expect(namesFound('JOHN smith')).toEqual(['John SMITH'])
  })
  it('finds it with the words in either order: surname first or given name first', () => {
    expect(namesFound('KIM DAVID')).toEqual(['David KIM'])
    expect(namesFound('kim david')).toEqual(['David KIM'])
    expect(namesFound('david kim')).toEqual(['David KIM'])
    expect(namesFound('SMITH John')).toEqual(['John SMITH'])
  })
  it('finds it by the start of each word in either order, and with a comma or a dot between them', () => {
    expect(namesFound('kim dav')).toEqual(['David KIM'])
    expect(namesFound('KIM, DAVID')).toEqual(['David KIM'])
    expect(namesFound('Kim.David')).toEqual(['David KIM'])
  })
  it('ranks the words in another order just below the name as registered', () => {
    expect(searchCandidates(INDEX, 'david kim')[0]!.score).toBeGreaterThan(
      searchCandidates(INDEX, 'kim david')[0]!.score,
    )
    expect(searchCandidates(INDEX, 'kim david')[0]!.score).toBeGreaterThan(searchCandidates(INDEX, 'kim dav')[0]!.score)
  })
  it('needs every typed word to be a different word of the name', () => {
    expect(namesFound('kim kim')).toEqual([])
    expect(namesFound('kim lee')).toEqual([])
  })
})

describe('searching by admit card number', () => {
  it('finds the exact number, case-insensitively', () => {
    expect(searchCandidates(INDEX, 'zk20241214007')).toEqual([
      { admitCardNo: 'ZK20241214007', matchedBy: 'admitCardNo', score: expect.any(Number) },
    ])
  })
  it('finds every number starting with the typed prefix, in roster order', () => {
    expect(admitCardNos('ZK2024121400')).toHaveLength(9)
    expect(admitCardNos('ZK2024121401')).toHaveLength(2)
    expect(admitCardNos('ZK2024121400')[0]).toBe('ZK20241214001')
  })
  it('finds the last 4 or more characters of the number (the board searches the same way)', () => {
    expect(admitCardNos('4007')).toEqual(['ZK20241214007'])
  })
  it('does not treat a letters-only query as the shared prefix of every admit card', () => {
    expect(admitCardNos('zk')).toEqual([])
  })
})

describe('searching by ID number', () => {
  it('finds the full number however it is typed', () => {
    expect(searchCandidates(INDEX, '110105 19491231 002x')).toEqual([
      { admitCardNo: 'ZK20241214002', matchedBy: 'idNumber', score: expect.any(Number) },
    ])
  })
  it('finds a home-return permit by its lifetime number without the renewal count', () => {
    expect(searchCandidates(INDEX, 'H12345678')[0]).toMatchObject({
      admitCardNo: 'ZK20241214008',
      matchedBy: 'idNumber',
    })
  })
  it('finds a passport number', () => {
    expect(namesFound('e12345678')).toEqual(['John SMITH'])
  })
  it('finds the last 4, 5 or 6 characters of the number', () => {
    for (const tail of ['002X', '1002x', '31002X']) {
      expect(searchCandidates(INDEX, tail)).toEqual([
        { admitCardNo: 'ZK20241214002', matchedBy: 'idTail', score: expect.any(Number) },
      ])
    }
  })
  it('does not search the tail with 3 or 7 characters', () => {
    expect(admitCardNos('02X')).toEqual([])
    expect(admitCardNos('231002X')).toEqual([])
  })
})

describe('ranking and limits', () => {
  it('ranks exact evidence above prefixes and prefixes above initials', () => {
    const exact = searchCandidates(INDEX, 'zhangsan')[0]!.score
    const prefix = searchCandidates(INDEX, 'zhangs')[0]!.score
    const initials = searchCandidates(INDEX, 'zs')[0]!.score
    expect(exact).toBeGreaterThan(prefix)
    expect(prefix).toBeGreaterThan(initials)
  })
  it('returns at most `limit` hits, one per candidate', () => {
    expect(admitCardNos('ZK2024121400', 3)).toEqual(['ZK20241214001', 'ZK20241214002', 'ZK20241214003'])
    const hits = admitCardNos('z')
    expect(new Set(hits).size).toBe(hits.length)
  })
  it('returns nothing for a blank query', () => {
    expect(admitCardNos('  ')).toEqual([])
  })
})
