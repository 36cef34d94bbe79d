import { describe, expect, it } from 'vitest'
import { hasChineseCharacters, nameReviewFlags, namesMatch, normalizeName } from '../../../src-shared/names'

const DOT = '\u00B7'

describe('names must match exactly, after one normalisation', () => {
  it('matches identical names', () => {
    expect(namesMatch('张三', '张三')).toBe(true)
  })
  it('folds full-width letters, digits and spaces (NFKC)', () => {
    expect(namesMatch('ＪＯＨＮ\u3000ＳＭＩＴＨ', 'JOHN SMITH')).toBe(true)
  })
  it('removes zero-width characters', () => {
    expect(namesMatch('张\u200B三\uFEFF', '张三')).toBe(true)
  })
  it('turns every middle-dot look-alike into U+00B7 with no space around it', () => {
    for (const dot of ['\u00B7', '\u2022', '\u30FB', '\u2027', '\uFF65', '\u2219', '\u22C5', '\u0387']) {
      expect(normalizeName(`阿卜杜拉 ${dot} 买买提`)).toBe(`阿卜杜拉${DOT}买买提`)
      expect(namesMatch(`阿卜杜拉${dot}买买提`, `阿卜杜拉${DOT}买买提`)).toBe(true)
    }
  })
  it('removes every space from a name with Chinese characters', () => {
    expect(normalizeName(' 欧阳 娜娜 ')).toBe('欧阳娜娜')
    expect(namesMatch('欧阳 娜娜', '欧阳娜娜')).toBe(true)
  })
  it('trims other names and collapses runs of spaces, but keeps one between words', () => {
    expect(normalizeName('  John \t  SMITH ')).toBe('John SMITH')
    expect(namesMatch('JohnSMITH', 'John SMITH')).toBe(false)
  })
  it('compares Latin letters case-insensitively, and keeps the case in the normalised name', () => {
    expect(namesMatch('John SMITH', 'JOHN smith')).toBe(true)
    expect(normalizeName('John SMITH')).toBe('John SMITH')
  })
  it('refuses a one-character difference: no fuzzy matching', () => {
    expect(namesMatch('张三', '张山')).toBe(false)
  })
  it('refuses a pinyin spelling of a Chinese name', () => {
    expect(namesMatch('张三', 'Zhang San')).toBe(false)
  })
  it('refuses traditional against simplified: never converted for the match', () => {
    expect(namesMatch('陳大文', '陈大文')).toBe(false)
  })
  it('refuses a full stop or a hyphen where the registration has a middle dot', () => {
    expect(namesMatch(`阿卜杜拉${DOT}买买提`, '阿卜杜拉.买买提')).toBe(false)
    expect(namesMatch(`阿卜杜拉${DOT}买买提`, '阿卜杜拉-买买提')).toBe(false)
  })
  it('refuses the other word order of a Latin name', () => {
    expect(namesMatch('SMITH John', 'John SMITH')).toBe(false)
  })
  it('never matches a blank name, not even another blank one', () => {
    expect(namesMatch('', '')).toBe(false)
    expect(namesMatch(' \u200B', '')).toBe(false)
  })
})

describe('Chinese characters', () => {
  it('finds Han characters, including extension B', () => {
    expect(hasChineseCharacters('阿卜杜拉·买买提')).toBe(true)
    expect(hasChineseCharacters('张\u{2003E}')).toBe(true)
    expect(hasChineseCharacters('\u{2003E}')).toBe(true)
  })
  it('finds none in Latin or MRZ names, nor in a private-use placeholder', () => {
    expect(hasChineseCharacters('ZHANG<<SAN')).toBe(false)
    expect(hasChineseCharacters('\uE000')).toBe(false)
  })
})

describe('what the proctor is shown, never decided for them', () => {
  it('shows nothing for names that match', () => {
    expect(nameReviewFlags('张三', '张三')).toEqual([])
  })
  it('shows nothing for an unexplained mismatch: both spellings side by side are enough', () => {
    expect(nameReviewFlags('张三', '李四')).toEqual([])
  })
  it('shows dotLookalike for . ． or - where the other side has ·', () => {
    expect(nameReviewFlags(`阿卜杜拉${DOT}买买提`, '阿卜杜拉.买买提')).toEqual(['dotLookalike'])
    expect(nameReviewFlags(`阿卜杜拉${DOT}买买提`, '阿卜杜拉．买买提')).toEqual(['dotLookalike'])
    expect(nameReviewFlags('阿卜杜拉-买买提', `阿卜杜拉${DOT}买买提`)).toEqual(['dotLookalike'])
  })
  it('does not show dotLookalike when something besides the dot differs too', () => {
    expect(nameReviewFlags(`阿卜杜拉${DOT}买买提`, '阿卜杜拉.买卖提')).toEqual([])
  })
  it('shows traditionalSimplified when the names differ only in such pairs', () => {
    expect(nameReviewFlags('陳大文', '陈大文')).toEqual(['traditionalSimplified'])
    expect(nameReviewFlags('张伟', '張偉')).toEqual(['traditionalSimplified'])
    expect(nameReviewFlags('刘德华', '劉德華')).toEqual(['traditionalSimplified'])
  })
  it('does not show traditionalSimplified when another character differs as well', () => {
    expect(nameReviewFlags('陳大文', '陈小文')).toEqual([])
  })
  it('shows both flags when a name differs in its dot and in traditional characters', () => {
    expect(nameReviewFlags(`陳大文${DOT}張`, '陈大文.张')).toEqual(['dotLookalike', 'traditionalSimplified'])
  })
  it('shows placeholderChar for a private-use character, ?, ？, □ or U+FFFD on either side', () => {
    for (const placeholder of ['\uE000', '\uF8FF', '?', '？', '□', '\uFFFD']) {
      expect(nameReviewFlags(`王${placeholder}`, '王䶮')).toContain('placeholderChar')
      expect(nameReviewFlags('王䶮', `王${placeholder}`)).toContain('placeholderChar')
    }
  })
  it('shows placeholderChar even when both sides hold the same placeholder, since it was never read', () => {
    expect(nameReviewFlags('王\uE000', '王\uE000')).toEqual(['placeholderChar'])
  })
  it('shows truncatedChip when the chip name is exactly 15 characters and starts the registered name', () => {
    const registered = `阿卜杜热合曼${DOT}阿卜杜克热木江买买提`
    const chip = registered.slice(0, 15)
    expect(nameReviewFlags(registered, chip)).toEqual(['truncatedChip'])
  })
  it('does not show truncatedChip for a 14-character prefix or a 15-character name that differs', () => {
    const registered = `阿卜杜热合曼${DOT}阿卜杜克热木江买买提`
    expect(nameReviewFlags(registered, registered.slice(0, 14))).toEqual([])
    expect(nameReviewFlags(registered, `${registered.slice(0, 14)}X`)).toEqual([])
  })
  it('shows latinVsChinese for an MRZ or romanised name against a Chinese one', () => {
    expect(nameReviewFlags('张三', 'ZHANG<<SAN')).toEqual(['latinVsChinese'])
    expect(nameReviewFlags('Zhang San', '张三')).toEqual(['latinVsChinese'])
  })
  it('does not show latinVsChinese for two Latin names', () => {
    expect(nameReviewFlags('John SMITH', 'Jon SMITH')).toEqual([])
  })
})
