/**
 * What the import panel says when a package is refused or an import fails, in words a site manager reads:
 * which candidate (by admit card number) or which part of the session, which field, and what is wrong —
 * never a zod path or an exception's text (those go into a collapsed "technical details" line).
 * Pure: `t` is i18next's translate; the strings live in features/session/locales/<lang>.json.
 */
import type { ImportRefusal } from '../../db/import'
import type { SchemaIssue } from '../../../src-shared/package-reader'
import { GROUP_TIMES_MESSAGES } from '../../../src-shared/subject-times'

export type Translate = (key: string, options?: Record<string, unknown>) => string

const K = 'importMessages'

/** Sections of the manifest and the field names under each that have a name in words. */
const SECTIONS = [
  'candidates',
  'session',
  'venue',
  'body',
  'rooms',
  'subjects',
  'groupTimes',
  'staff',
  'hqKeys',
  'revokedAdmitCards',
]
const FIELDS = new Set([
  'admitCardNo',
  'name',
  'sex',
  'birthDate',
  'idDocument.type',
  'idDocument.number',
  'idDocument.issuingCountry',
  'idDocument',
  'occupation',
  'workType',
  'level',
  'sittings',
  'sittings.subject',
  'sittings.roomId',
  'sittings.seat',
  'group',
  'photo',
  'invoiceRequested',
  'id',
  'date',
  'bodyId',
  'venueId',
  'address',
  'seats',
  'code',
  'subject',
  'doorsOpen',
  'start',
  'end',
  'lateEntryCutoffMinutes',
  'role',
  'pin',
  'keyId',
  'publicKey',
  'format',
  'packageVersion',
  'createdAt',
])

/** The known messages of our own schemas (src-shared), by what they mean. */
const CUSTOM_PROBLEMS: Record<string, string> = {
  'admit card number: 4–32 letters or digits': 'admitCardFormat',
  'not a calendar date': 'notADate',
  'expected YYYY-MM-DD': 'notADate',
  'expected 64 lowercase hex digits': 'invalid',
  'session is for another venue': 'otherVenue',
  'session is for another body': 'otherBody',
  'a subject is listed twice': 'subjectTwice',
  [GROUP_TIMES_MESSAGES.unknownSubject]: 'groupSubjectUnknown',
  [GROUP_TIMES_MESSAGES.listedTwice]: 'groupTimesTwice',
  [GROUP_TIMES_MESSAGES.endNotAfterStart]: 'endNotAfterStart',
  [GROUP_TIMES_MESSAGES.doorsAfterStart]: 'doorsAfterStart',
  [GROUP_TIMES_MESSAGES.otherDate]: 'otherDate',
}

/** The problem of one zod issue, as a key under importMessages.problem, from zod's (English) message. */
export function problemOf(message: string): { key: string; params: Record<string, unknown> } {
  const custom = CUSTOM_PROBLEMS[message]
  if (custom) return { key: custom, params: {} }
  if (/received undefined$/.test(message)) return { key: 'missing', params: {} }
  if (/^Invalid input: expected (string|number|boolean|object|array|int)/.test(message))
    return { key: 'wrongType', params: {} }
  const m = /^Too (small|big): expected (string|number|array|int|bigint|set|map)\w* to (?:have|be) ([<>]=?)(\d+)/.exec(
    message,
  )
  if (m) {
    const [, size, kind, , n] = m
    const what = kind === 'string' ? 'Length' : kind === 'array' || kind === 'set' || kind === 'map' ? 'Count' : 'Value'
    return { key: `${size === 'small' ? 'tooSmall' : 'tooBig'}${what}`, params: { n: Number(n) } }
  }
  if (/^(Invalid option|Invalid input: expected ")/.test(message)) return { key: 'notAllowed', params: {} }
  if (/^Invalid (ISO )?(date|datetime|time)/i.test(message)) return { key: 'notADate', params: {} }
  if (/^Invalid string|^Invalid format/.test(message)) return { key: 'format', params: {} }
  if (/^Unrecognized key/.test(message)) return { key: 'unknownField', params: {} }
  return { key: 'invalid', params: {} }
}

/** The longest leading part of `a.b.c` that has a name in words (`pin.alg` → `pin`), or null. */
function fieldName(path: string): string | null {
  const parts = path === '' ? [] : path.split('.')
  for (let i = parts.length; i > 0; i--) {
    const candidate = parts.slice(0, i).join('.')
    if (FIELDS.has(candidate)) return candidate
  }
  return null
}

/** "which candidate / which part" and "which field" of a manifest path such as `candidates.12.idDocument.number`. */
export function placeOf(issue: Pick<SchemaIssue, 'path' | 'admitCardNo'>): {
  where: { key: string; params: Record<string, unknown> }
  field: string | null
} {
  const parts = issue.path === '' ? [] : issue.path.split('.')
  const [section, index, ...rest] = parts
  if (!section || !SECTIONS.includes(section)) {
    return { where: { key: 'where.package', params: {} }, field: section ? fieldName(section) : null }
  }
  const indexed = index !== undefined && /^\d+$/.test(index)
  const fieldPath = (indexed ? rest : [index, ...rest])
    .filter((p): p is string => p !== undefined && !/^\d+$/.test(p))
    .join('.')
  const field = fieldName(fieldPath)
  const n = indexed ? Number(index) + 1 : null
  if (section === 'candidates') {
    if (issue.admitCardNo) return { where: { key: 'where.candidate', params: { no: issue.admitCardNo } }, field }
    if (n !== null) return { where: { key: 'where.candidateN', params: { n } }, field }
    return { where: { key: 'where.roster', params: {} }, field }
  }
  if (n !== null && ['rooms', 'subjects', 'groupTimes', 'staff', 'hqKeys', 'revokedAdmitCards'].includes(section)) {
    return { where: { key: `where.${section}N`, params: { n } }, field }
  }
  return { where: { key: `where.${section}`, params: {} }, field }
}

/** One line per schema issue, e.g. 准考证号 26111100001 的考生「证件号码」：内容类型不对. */
export function issueLine(t: Translate, issue: SchemaIssue): string {
  const { where, field } = placeOf(issue)
  const problem = problemOf(issue.message)
  return t(`${K}.issue`, {
    where: t(`${K}.${where.key}`, where.params),
    field: field ? t(`${K}.issueField`, { field: t(`${K}.field.${field}`) }) : '',
    problem: t(`${K}.problem.${problem.key}`, problem.params),
  })
}

/** A package entry named in words: the roster, a candidate's photo, or the file name. */
export function entryInWords(t: Translate, detail: string | undefined): string {
  if (!detail) return t(`${K}.entry.unknown`)
  if (detail === 'manifest.json') return t(`${K}.entry.manifest`)
  if (detail === 'signature.json') return t(`${K}.entry.signature`)
  if (detail === 'entries') return t(`${K}.entry.entries`)
  const photo = /^photos\/(.+)\.jpe?g$/i.exec(detail)
  if (photo) return t(`${K}.entry.photo`, { no: photo[1] })
  if (detail.startsWith('session/venue/version')) return t(`${K}.entry.header`)
  return t(`${K}.entry.file`, { name: detail })
}

/** The one sentence that says why a package was refused. */
export function refusalLine(t: Translate, r: ImportRefusal): string {
  const R = `${K}.refusal`
  if ('admitCardNos' in r) return t(`${R}.${r.reason}`, { list: r.admitCardNos.slice(0, 10).join('、') })
  switch (r.reason) {
    case 'digestMismatch':
    case 'missingEntry':
    case 'unsignedEntry':
    case 'tooLarge':
      return t(`${R}.${r.reason}`, { what: entryInWords(t, r.detail) })
    case 'olderVersion': {
      const [got, have] = (r.detail ?? '').split('≤').map((s) => s.trim())
      return got && have ? t(`${R}.olderVersionN`, { got, have }) : t(`${R}.olderVersion`)
    }
    case 'schema':
      return t(r.issues && r.issues.length > 0 ? `${R}.schema` : `${R}.schemaNotJson`)
    case 'unknownKey':
    case 'otherVenue':
      return t(`${R}.${r.reason}`, { detail: r.detail ?? '' })
    default:
      return t(`${R}.${r.reason}`)
  }
}

export type FailureKind = 'unreadable' | 'storage' | 'unknown'

/** An unexpected failure (an exception, not a refusal), kept for the collapsed technical line. */
export interface ImportFailure {
  kind: FailureKind
  /** `Name: message` of the exception, for whoever supports the desk. */
  technical: string
}

/** Sort an exception into what the site manager can do about it. */
export function classifyFailure(err: unknown): ImportFailure {
  const name =
    err instanceof Error || (typeof err === 'object' && err !== null && 'name' in err)
      ? String((err as { name: unknown }).name)
      : ''
  const message = err instanceof Error ? err.message : String(err)
  const inner = (err as { inner?: { name?: string } } | null)?.inner?.name ?? ''
  const names = `${name} ${inner}`
  const kind: FailureKind = /NotReadableError|NotFoundError|NotAllowedError|SecurityError/.test(names)
    ? 'unreadable'
    : /QuotaExceeded|DatabaseClosed|InvalidState|Abort|OpenFailed|Dexie|VersionError|UnknownError/.test(names)
      ? 'storage'
      : 'unknown'
  return { kind, technical: name ? `${name}: ${message}` : message }
}

/** The plain sentence for a failure. */
export function failureLine(t: Translate, f: ImportFailure): string {
  return t(`${K}.failure.${f.kind}`)
}
