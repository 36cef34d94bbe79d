/**
 * Finding a candidate at the desk by what the proctor types: part of the name, pinyin, initials,
 * the admit card number, the ID number or its last 4–6 characters. This is *search*, which may be
 * loose; whether a presented name *matches* the registration is `namesMatch` in ./names, which is not.
 *
 * The index is built once per roster because pinyin is the expensive part; a query is then a linear
 * pass of plain string comparisons (10,000 candidates in about a millisecond).
 */
import { pinyin } from 'pinyin-pro'
import { normalizeName } from './names'
import { normalizeIdNumber, validateIdDocument } from './id-documents'
import type { Candidate } from './schemas'

/** How a hit was found, best evidence per candidate. */
export const SEARCH_MATCH_KINDS = ['name', 'pinyin', 'initials', 'admitCardNo', 'idNumber', 'idTail'] as const
export type SearchMatchKind = (typeof SEARCH_MATCH_KINDS)[number]

export type SearchHit = { admitCardNo: string; matchedBy: SearchMatchKind; score: number }

type Entry = {
  admitCardNo: string
  /** Upper-cased admit card number. */
  admitKey: string
  /** Normalised name, Latin letters lower-cased. */
  nameKey: string
  /** Full pinyin readings (more than one for polyphonic surnames), lower-case letters only. */
  pinyinKeys: string[]
  /** Offsets in each pinyin key where a syllable after the first starts. */
  syllableStarts: number[][]
  initialsKeys: string[]
  idKey: string
  /** The lifetime number too, so a home-return permit is found with or without its issue count. */
  idLifetimeKey: string
  order: number
}

export type SearchIndex = { readonly entries: readonly Entry[] }

/** Build the search index once per roster (computes every candidate's pinyin). */
export function buildSearchIndex(candidates: readonly Candidate[]): SearchIndex {
  return { entries: candidates.map(toEntry) }
}

function toEntry(c: Candidate, order: number): Entry {
  const nameKey = lowerLatin(normalizeName(c.name))
  const readings = pinyinReadings(nameKey)
  const validation = validateIdDocument(c.idDocument.type, c.idDocument.number)
  const idKey = normalizeIdNumber(c.idDocument.number)
  return {
    admitCardNo: c.admitCardNo,
    admitKey: c.admitCardNo.toUpperCase(),
    nameKey,
    pinyinKeys: readings.map((r) => r.join('')),
    syllableStarts: readings.map(syllableOffsets),
    initialsKeys: readings.map((r) => r.map((s) => s[0]).join('')),
    idKey,
    idLifetimeKey: validation.ok ? (validation.lifetimeNumber ?? idKey) : idKey,
    order,
  }
}

// Polyphonic surnames (单 shan/dan, 曾 zeng/ceng, 解 xie/jie) are read the surname way by pinyin-pro's
// surname mode; the everyday reading is kept too, because a proctor may type either.
function pinyinReadings(nameKey: string): string[][] {
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

function syllableOffsets(reading: string[]): number[] {
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

// Scores: exact evidence first, then prefixes, then looser matches. Ties keep roster order.
const SCORE = {
  idNumber: 100,
  admitCardNoExact: 100,
  nameExact: 95,
  pinyinExact: 90,
  idTail: 80,
  admitCardNoPrefix: 70,
  namePrefix: 70,
  nameContains: 60,
  pinyinPrefix: 60,
  initialsExact: 55,
  initialsPrefix: 40,
  pinyinFromGivenName: 35,
} as const

/** Find candidates for what the proctor typed, best first, at most `limit` hits. */
export function searchCandidates(index: SearchIndex, query: string, limit = 20): SearchHit[] {
  const q = prepareQuery(query)
  if (q.name === '' || limit <= 0) return []
  const hits: Scored[] = []
  for (const e of index.entries) {
    let score = 0
    let matchedBy: SearchMatchKind = 'name'
    for (const [kind, scorer] of SCORERS) {
      const s = scorer(e, q)
      if (s > score) {
        score = s
        matchedBy = kind
      }
    }
    if (score > 0) hits.push({ admitCardNo: e.admitCardNo, matchedBy, score, order: e.order })
  }
  hits.sort((a, b) => b.score - a.score || a.order - b.order)
  return hits.slice(0, limit).map(({ admitCardNo, matchedBy, score }) => ({ admitCardNo, matchedBy, score }))
}

type Scored = SearchHit & { order: number }

/** The query in every form a scorer needs, computed once per search rather than once per candidate. */
type Query = {
  name: string
  /** Lower-case letters only, or '' when the query is not pinyin-like. */
  pinyin: string
  id: string
  idLike: boolean
  admitCardNo: string
  /** A letters-only query is pinyin, not the shared letter prefix of every admit card number. */
  admitPrefix: boolean
}

function prepareQuery(query: string): Query {
  const name = lowerLatin(normalizeName(query))
  const letters = name.replace(/[\s·'’]/g, '')
  const id = normalizeIdNumber(query)
  const admitCardNo = query.normalize('NFKC').trim().toUpperCase()
  return {
    name,
    pinyin: /^[a-z]+$/.test(letters) ? letters : '',
    id,
    idLike: /^[0-9A-Z]+$/.test(id) && /\d/.test(id),
    admitCardNo,
    admitPrefix: /\d/.test(admitCardNo),
  }
}

// Each scorer returns 0 for no match. They are plain string comparisons with no allocation: they run
// on every keystroke over the whole roster.
const SCORERS: readonly (readonly [SearchMatchKind, (e: Entry, q: Query) => number])[] = [
  [
    'admitCardNo',
    (e, q) =>
      e.admitKey === q.admitCardNo
        ? SCORE.admitCardNoExact
        : q.admitPrefix && e.admitKey.startsWith(q.admitCardNo)
          ? SCORE.admitCardNoPrefix
          : 0,
  ],
  ['idNumber', (e, q) => (q.idLike && (q.id === e.idKey || q.id === e.idLifetimeKey) ? SCORE.idNumber : 0)],
  ['idTail', (e, q) => (q.idLike && q.id.length >= 4 && q.id.length <= 6 && e.idKey.endsWith(q.id) ? SCORE.idTail : 0)],
  [
    'name',
    (e, q) => {
      if (e.nameKey === q.name) return SCORE.nameExact
      if (e.nameKey.startsWith(q.name)) return SCORE.namePrefix
      return e.nameKey.includes(q.name) ? SCORE.nameContains : 0
    },
  ],
  ['pinyin', (e, q) => (q.pinyin === '' ? 0 : scorePinyin(e, q.pinyin))],
  ['initials', (e, q) => (q.pinyin === '' ? 0 : scoreInitials(e, q.pinyin))],
]

/** The best full-pinyin score of one candidate over its readings. */
function scorePinyin(e: Entry, q: string): number {
  let best = 0
  for (let r = 0; r < e.pinyinKeys.length; r++) {
    const key = e.pinyinKeys[r]!
    if (key === q) return SCORE.pinyinExact
    if (key.startsWith(q)) best = Math.max(best, SCORE.pinyinPrefix)
    else if (q.length >= 2 && best === 0) {
      // `xiaoming` finds 王小明: the given name typed alone, from a syllable boundary.
      for (const at of e.syllableStarts[r]!) {
        if (key.startsWith(q, at)) {
          best = SCORE.pinyinFromGivenName
          break
        }
      }
    }
  }
  return best
}

/** The best initials score of one candidate over its readings (`zs` for 张三, `js` for John SMITH). */
function scoreInitials(e: Entry, q: string): number {
  let best = 0
  for (const initials of e.initialsKeys) {
    if (initials.length > 1 && initials === q) return SCORE.initialsExact
    if (initials.startsWith(q)) best = SCORE.initialsPrefix
  }
  return best
}
