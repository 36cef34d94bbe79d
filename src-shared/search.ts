/**
 * Finding a candidate at the desk by what the proctor types: part of the name, pinyin, initials,
 * the admit card number, the ID number or its last 4–6 characters. This is *search*, which may be
 * loose; whether a presented name *matches* the registration is `namesMatch` in ./names, which is not.
 *
 * The index is built once per roster because pinyin is the expensive part; a query is then a linear
 * pass of plain string comparisons (10,000 candidates in about a millisecond).
 */
import { normalizeIdNumber, validateIdDocument } from './id-documents'
import type { Candidate } from './schemas'
import { latinWords, pinyinReadings, searchNameKey, syllableOffsets } from './search-keys'

/** How a hit was found, best evidence per candidate. */
export const SEARCH_MATCH_KINDS = ['name', 'pinyin', 'initials', 'admitCardNo', 'idNumber', 'idTail'] as const
export type SearchMatchKind = (typeof SEARCH_MATCH_KINDS)[number]

export type SearchHit = { admitCardNo: string; matchedBy: SearchMatchKind; score: number }

type Entry = {
  admitCardNo: string
  /** Upper-cased admit card number. */
  admitKey: string
  /** `searchNameKey` of the name. */
  nameKey: string
  /** The words of a Latin name (`david`, `kim`), for a query that gives them in another order. */
  nameWords: string[]
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
  const nameKey = searchNameKey(c.name)
  const readings = pinyinReadings(nameKey)
  const validation = validateIdDocument(c.idDocument.type, c.idDocument.number)
  const idKey = normalizeIdNumber(c.idDocument.number)
  return {
    admitCardNo: c.admitCardNo,
    admitKey: c.admitCardNo.toUpperCase(),
    nameKey,
    nameWords: latinWords(nameKey),
    pinyinKeys: readings.map((r) => r.join('')),
    syllableStarts: readings.map(syllableOffsets),
    initialsKeys: readings.map((r) => r.map((s) => s[0]).join('')),
    idKey,
    idLifetimeKey: validation.ok ? (validation.lifetimeNumber ?? idKey) : idKey,
    order,
  }
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
  nameWordsExact: 92,
  nameWordsPrefix: 65,
  admitCardNoTail: 50,
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
  /** The words of a Latin query of two words or more (`kim david`). */
  words: string[]
  /** Lower-case letters only, or '' when the query is not pinyin-like. */
  pinyin: string
  id: string
  idLike: boolean
  admitCardNo: string
  /** A letters-only query is pinyin, not the shared letter prefix of every admit card number. */
  admitPrefix: boolean
}

function prepareQuery(query: string): Query {
  const name = searchNameKey(query)
  const letters = name.replace(/[\s·'’]/g, '')
  const id = normalizeIdNumber(query)
  const admitCardNo = query.normalize('NFKC').trim().toUpperCase()
  return {
    name,
    words: latinWords(name),
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
          : q.admitPrefix && q.admitCardNo.length >= 4 && e.admitKey.endsWith(q.admitCardNo)
            ? SCORE.admitCardNoTail
            : 0,
  ],
  ['idNumber', (e, q) => (q.idLike && (q.id === e.idKey || q.id === e.idLifetimeKey) ? SCORE.idNumber : 0)],
  ['idTail', (e, q) => (q.idLike && q.id.length >= 4 && q.id.length <= 6 && e.idKey.endsWith(q.id) ? SCORE.idTail : 0)],
  [
    'name',
    (e, q) => {
      if (e.nameKey === q.name) return SCORE.nameExact
      if (e.nameKey.startsWith(q.name)) return SCORE.namePrefix
      if (e.nameKey.includes(q.name)) return SCORE.nameContains
      return q.words.length > 0 && e.nameWords.length > 0 ? scoreWords(e.nameWords, q.words) : 0
    },
  ],
  ['pinyin', (e, q) => (q.pinyin === '' ? 0 : scorePinyin(e, q.pinyin))],
  ['initials', (e, q) => (q.pinyin === '' ? 0 : scoreInitials(e, q.pinyin))],
]

/**
 * A Latin name in any word order (`KIM DAVID` finds David KIM): every query word is a distinct word of
 * the name, or the start of one. The words are few, so trying each assignment costs nothing.
 */
function scoreWords(nameWords: readonly string[], queryWords: readonly string[]): number {
  if (queryWords.length > nameWords.length) return 0
  const used = new Array<boolean>(nameWords.length).fill(false)
  const assign = (i: number, exact: boolean): number => {
    if (i === queryWords.length) {
      return exact && queryWords.length === nameWords.length ? SCORE.nameWordsExact : SCORE.nameWordsPrefix
    }
    let best = 0
    for (let j = 0; j < nameWords.length && best < SCORE.nameWordsExact; j++) {
      if (used[j] || !nameWords[j]!.startsWith(queryWords[i]!)) continue
      used[j] = true
      best = Math.max(best, assign(i + 1, exact && nameWords[j] === queryWords[i]))
      used[j] = false
    }
    return best
  }
  return assign(0, true)
}

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
