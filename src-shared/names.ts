/**
 * Names must match the registration exactly (design/id-documents.md, "Names must match exactly").
 * `namesMatch` applies the one normalisation the rule allows and nothing more: no pinyin, no fuzzy
 * matching, no traditional/simplified conversion. What a person should look at instead is returned by
 * `nameReviewFlags`: those flags are shown to the proctor, never used to decide.
 *
 * Review flags (the UI translates them in its locale files):
 * | flag                    | shown when                                                                   |
 * | ----------------------- | ---------------------------------------------------------------------------- |
 * | `dotLookalike`          | the names differ only in `.` `．` or `-` on one side where the other has `·` |
 * | `traditionalSimplified` | the names differ only in traditional/simplified pairs (陳/陈)                |
 * | `placeholderChar`       | either side holds a private-use character, `?`, `□` or U+FFFD (生僻字)         |
 * | `truncatedChip`         | the presented (chip) name is exactly 15 characters and starts the registered one |
 * | `latinVsChinese`        | one side is Latin (e.g. an MRZ name), the other Chinese                       |
 */

/** Every flag `nameReviewFlags` can return, for the UI's translation table. */
export const NAME_REVIEW_FLAGS = [
  'dotLookalike',
  'traditionalSimplified',
  'placeholderChar',
  'truncatedChip',
  'latinVsChinese',
] as const
export type NameReviewFlag = (typeof NAME_REVIEW_FLAGS)[number]

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u180E]/g
// After NFKC, U+FF65 has become U+30FB and U+0387 has become U+00B7; the others survive NFKC as themselves.
const DOT_LOOKALIKES = /\s*[\u00B7\u2022\u30FB\u2027\uFF65\u2219\u22C5\u0387]\s*/g
const HAN = /\p{Script=Han}/u
const LATIN = /\p{Script=Latin}/u
// The chip of a 二代证 holds 15 characters of name; longer names are cut there.
const CHIP_NAME_LENGTH = 15

/** True when the string holds at least one Chinese (Han) character. */
export function hasChineseCharacters(s: string): boolean {
  return HAN.test(s)
}

/** The one normalisation names get before comparison: NFKC, no zero-width chars, one middle dot, spaces per script. */
export function normalizeName(s: string): string {
  const n = s.normalize('NFKC').replace(ZERO_WIDTH, '').replace(DOT_LOOKALIKES, '\u00B7')
  if (hasChineseCharacters(n)) return n.replace(/\s+/g, '')
  return n.trim().replace(/\s+/g, ' ')
}

/** The comparison key: the normalised name with Latin letters case-folded (and nothing else folded). */
function matchKey(s: string): string {
  return normalizeName(s).replace(/\p{Script=Latin}/gu, (c) => c.toLowerCase())
}

/** True when the registered and the presented name match exactly under the one allowed normalisation. */
export function namesMatch(a: string, b: string): boolean {
  const ka = matchKey(a)
  // A blank name never matches anything, not even another blank: there is nothing to have compared.
  return ka !== '' && ka === matchKey(b)
}

/** What the proctor must be shown about a pair of names; never mutates, never decides. */
export function nameReviewFlags(registered: string, presented: string): NameReviewFlag[] {
  const reg = matchKey(registered)
  const pre = matchKey(presented)
  const flags: NameReviewFlag[] = []
  if (reg !== pre) {
    // Each "differs only in …" flag must explain the whole difference, alone or together with the other one:
    // a flag that covered half of a real mismatch would tell the proctor the wrong story.
    const explained = unifyDots(toSimplified(reg)) === unifyDots(toSimplified(pre))
    if (explained && hasDotLookalikeDifference(reg, pre) && toSimplified(reg) !== toSimplified(pre)) {
      flags.push('dotLookalike')
    }
    if (explained && unifyDots(reg) !== unifyDots(pre)) flags.push('traditionalSimplified')
  }
  if (hasPlaceholder(reg) || hasPlaceholder(pre)) flags.push('placeholderChar')
  const preChars = Array.from(pre)
  if (preChars.length === CHIP_NAME_LENGTH && Array.from(reg).length > CHIP_NAME_LENGTH && reg.startsWith(pre)) {
    flags.push('truncatedChip')
  }
  if (isLatinOnly(reg) !== isLatinOnly(pre) && (hasChineseCharacters(reg) || hasChineseCharacters(pre))) {
    flags.push('latinVsChinese')
  }
  return flags
}

function hasDotLookalikeDifference(a: string, b: string): boolean {
  const dotty = /[.\-\u2010\u2011]/
  return (a.includes('\u00B7') && dotty.test(b)) || (b.includes('\u00B7') && dotty.test(a))
}

// `．` is already `.` after NFKC; the hyphens cover what keyboards and OCR produce for a dot in a name.
function unifyDots(s: string): string {
  return s.replace(/\s*[.\-\u2010\u2011]\s*/g, '\u00B7')
}

function hasPlaceholder(s: string): boolean {
  return /[\uE000-\uF8FF\u{F0000}-\u{10FFFF}?\u25A1\uFFFD]/u.test(s)
}

// Latin-only: an MRZ or romanised name (`ZHANG<<SAN`, `Zhang San`), with no Chinese character in it.
function isLatinOnly(s: string): boolean {
  return LATIN.test(s) && !hasChineseCharacters(s)
}

// A small table of traditional → simplified pairs common in names (surnames first, then given-name
// characters). It only explains a difference to the proctor; it is never applied to the match.
const TRADITIONAL_SIMPLIFIED =
  '陳陈張张劉刘黃黄趙赵吳吴鄭郑楊杨孫孙馬马羅罗謝谢許许韓韩馮冯鄧邓蕭萧葉叶蘇苏呂吕盧卢蔣蒋鍾钟鐘钟' +
  '譚谭陸陆賈贾韋韦鄒邹閻阎賀贺顧顾龔龚萬万錢钱嚴严湯汤魯鲁倫伦鄔邬龐庞聶聂喬乔禮礼' +
  '國国華华偉伟強强軍军麗丽紅红傑杰東东興兴寶宝龍龙鳳凤雲云飛飞鵬鹏輝辉靜静穎颖蘭兰勝胜長长' +
  '義义廣广慶庆發发貴贵順顺賢贤誠诚濤涛銘铭鋒锋婭娅韻韵綺绮瑩莹聰聪榮荣書书學学開开應应愛爱' +
  '業业達达遠远進进運运鐵铁銀银錦锦陽阳雙双鳴鸣麥麦齊齐豐丰嬌娇瓊琼燦灿煒炜曉晓彥彦亞亚紹绍'
const TO_SIMPLIFIED: ReadonlyMap<string, string> = (() => {
  const chars = Array.from(TRADITIONAL_SIMPLIFIED)
  const map = new Map<string, string>()
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i]!, chars[i + 1]!)
  return map
})()

function toSimplified(s: string): string {
  return Array.from(s, (c) => TO_SIMPLIFIED.get(c) ?? c).join('')
}
