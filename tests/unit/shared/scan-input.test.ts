import { describe, expect, it } from 'vitest'
import { classifyEntry } from '../../../src-shared/scan-input'

const roster = new Set(['2024120001', 'A2024-77'])
const known = (no: string) => roster.has(no)

describe('an entry at the desk', () => {
  it('is an admit-card QR when it carries the ED1 prefix', () => {
    expect(classifyEntry('ED1.AQIDBAUGBwg', known)).toEqual({ kind: 'qr', text: 'ED1.AQIDBAUGBwg' })
  })

  it('is an admit card number when the roster has it, even if it would also read as a document', () => {
    expect(classifyEntry('2024120001\n', known)).toEqual({ kind: 'admitCardNo', value: '2024120001' })
    expect(classifyEntry(' a2024-77 ', known)).toEqual({ kind: 'admitCardNo', value: 'A2024-77' })
  })

  it('is a document number when it has the shape of one, so a typo is checked, not searched', () => {
    expect(classifyEntry('11010519491231002X', known)).toEqual({ kind: 'idDocument', raw: '11010519491231002X' })
    expect(classifyEntry('110105194912310021', known)).toEqual({ kind: 'idDocument', raw: '110105194912310021' })
    expect(classifyEntry('H12345678', known)).toEqual({ kind: 'idDocument', raw: 'H12345678' })
    expect(classifyEntry('11010519491231002Y', known)).toEqual({ kind: 'idDocument', raw: '11010519491231002Y' })
  })

  it('is a document number when it has 17 or 19 characters of an ID number, so its length is checked', () => {
    expect(classifyEntry('11010519491231002', known)).toEqual({ kind: 'idDocument', raw: '11010519491231002' })
    expect(classifyEntry('1101051949123100211', known)).toEqual({ kind: 'idDocument', raw: '1101051949123100211' })
    expect(classifyEntry('11010519491231002XX', known).kind).toBe('search')
    expect(classifyEntry('110105194912310021X', known)).toEqual({ kind: 'idDocument', raw: '110105194912310021X' })
  })

  it('is an unknown admit card number when it is digits and nothing else', () => {
    expect(classifyEntry('2024999', known)).toEqual({ kind: 'admitCardNo', value: '2024999' })
  })

  it('is a search for anything else: a name, pinyin or initials', () => {
    expect(classifyEntry('张伟', known)).toEqual({ kind: 'search', query: '张伟' })
    expect(classifyEntry('zhangw', known)).toEqual({ kind: 'search', query: 'zhangw' })
  })

  it('is nothing when empty', () => {
    expect(classifyEntry('  \n', known)).toEqual({ kind: 'empty' })
  })
})
