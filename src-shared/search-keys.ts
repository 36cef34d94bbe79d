/**
 * The keys search compares (search.ts): a name's loose search form, its Latin words, and its pinyin
 * readings. Built once per candidate when the index is built, once per query when it is typed.
 */
import { pinyin } from 'pinyin-pro'
import { hasChineseCharacters, normalizeName } from './names'

/**
 * The pinyin readings of a name, syllable by syllable. Polyphonic surnames (单 shan/dan, 曾 zeng/ceng,
 * 解 xie/jie) are read the surname way by pinyin-pro's surname mode; the everyday reading is kept too,
 * because a proctor may type either.
 */
export function pinyinReadings(nameKey: string): string[][] {
  const surname = syllables(pinyin(nameKey, { toneType: 'none', type: 'array', surname: 'head', v: true }))
  const plain = syllables(pinyin(nameKey, { toneType: 'none', type: 'array', v: true }))
  return surname.join(' ') === plain.join(' ') ? [surname] : [surname, plain]
}

// pinyin-pro returns Latin letters one per element and keeps `·`, spaces and rare characters: keep
// only lower-case letter runs, and let a Latin word ("john") count as one syllable.
function syllables(parts: string[]): string[] {
  const out: string[] = []
  let latinWord = ''
  for (const p of parts) {
    const letters = p.toLowerCase().replace(/[^a-z]/g, '')
    if (p.length === 1 && /[a-z]/i.test(p)) {
      latinWord += letters
      continue
    }
    if (latinWord) out.push(latinWord)
    latinWord = ''
    if (letters) out.push(letters)
  }
  if (latinWord) out.push(latinWord)
  return out
}

/** Offsets in a joined reading where a syllable after the first starts (`xiaoming` in wangxiaoming). */
export function syllableOffsets(reading: string[]): number[] {
  const starts: number[] = []
  let at = 0
  for (const s of reading.slice(0, -1)) {
    at += s.length
    starts.push(at)
  }
  return starts
}

function lowerLatin(s: string): string {
  return s.replace(/\p{Script=Latin}/gu, (c) => c.toLowerCase())
}

/**
 * A name as search compares it (roster side and query side alike): the match normalisation (every
 * middle-dot look-alike is `·`), Latin letters lower-cased, and then the dot made loose, because a
 * proctor types the ASCII `.`, a Chinese input method's `。`, a hyphen or nothing for the `·` of
 * 阿依古丽·努尔买买提: a Chinese name drops them all, a Latin name reads dots and commas as word breaks
 * (its hyphens are its own: Jean-Luc). Search only; the match itself stays exact.
 */
export function searchNameKey(name: string): string {
  const key = lowerLatin(normalizeName(name))
  if (hasChineseCharacters(key)) return key.replace(/[·.。\-‐‑]/g, '')
  return key.replace(/\s*[·.,]\s*/g, ' ').trim()
}

/** Two or more words of a name key without Chinese characters; else none. */
export function latinWords(key: string): string[] {
  if (hasChineseCharacters(key)) return []
  const words = key.split(' ').filter((w) => w !== '')
  return words.length > 1 ? words : []
}
