/**
 * The check-in verdict: what the desk says when a candidate is scanned, typed or read — admit, admit with
 * attention, or refuse — with machine-readable reasons. Pure and synchronous: the admit card QR signature
 * is verified before (async WebCrypto) and arrives here as an `AdmitCardQrCheck`.
 *
 * Every reason code, its severity and whether a site manager's override can let it through is the table
 * `REASON_CODES` in verdict-reasons.ts (re-exported here); the UI translates the codes in its locale files.
 */
import type { AdmitCardQrCheck } from './admit-card'
import { candidateAttendance, subjectIsClosed, type EventIndex, type OverrideRecord } from './attendance'
import type {
  Candidate,
  GroupTimes,
  IdDocumentType,
  LedgerEvent,
  Session,
  Sitting,
  Subject,
  SubjectCode,
} from './schemas'
import { wrongIdNumberLength } from './id-documents'
import { subjectTimesFor } from './subject-times'
import {
  checkDocument,
  documentKey,
  lookupKeys,
  readDocument,
  type CardRead,
  wrongLength,
  type PresentedDocument,
} from './verdict-document'
import { REASON_CODES, reason, type Reason, type ReasonCode } from './verdict-reasons'

export { REASON_CODES, type Reason, type ReasonCode, type ReasonDetails, type Severity } from './verdict-reasons'
export { documentKey, sameNumberFamily, type CardRead, type PresentedDocument } from './verdict-document'

/** What the proctor did: scanned a QR, typed a number, picked a search hit, or put a card on the reader. */
export type ScanInput =
  | { kind: 'qr'; check: AdmitCardQrCheck; document?: PresentedDocument }
  | { kind: 'admitCardNo'; value: string; document?: PresentedDocument }
  | { kind: 'idDocument'; type?: IdDocumentType; raw: string }
  | { kind: 'search'; admitCardNo: string; document?: PresentedDocument }
  | { kind: 'cardReader'; card: CardRead }

/** Where the check-in happens: the subject the desk is admitting for, and the desk itself. */
export interface DeskContext {
  subject: SubjectCode
  deviceId: string
  /** The rooms this desk serves; absent or empty: every room. A candidate of another room is attention. */
  rooms?: readonly string[]
}

/** The roster of the session as the verdict reads it; build it once per package with `createRosterView`. */
export interface RosterView {
  session: Session
  bodyId: string
  venueId: string
  subjects: Subject[]
  /** An occupation + level's own times for a subject (subject-times.ts); absent or empty: `subjects` for everyone. */
  groupTimes?: readonly GroupTimes[]
  revokedAdmitCards: ReadonlySet<string>
  desk: DeskContext
  byAdmitCardNo(no: string): Candidate | undefined
  /** Candidates by the normalised lifetime document number (`documentKey`). */
  byDocument(number: string): Candidate[]
  /** When given, overrides approved by anyone else than a site manager are ignored. */
  isSiteManager?(staffId: string): boolean
  /** Another session the desk knows of (an earlier package), to say why its admit card is refused. */
  knownSession?(sessionId: string): Session | undefined
}

/** What the verdict needs from the ledger about one candidate. */
export interface LedgerView {
  /** The candidate's events (check-ins, refusals, overrides and the voids of those), any order. */
  eventsFor(admitCardNo: string): readonly LedgerEvent[]
  subjectClosed(subject: SubjectCode): boolean
}

export interface Verdict {
  outcome: 'admit' | 'attention' | 'refuse'
  candidate?: Candidate
  sitting?: Sitting
  /** Refuse reasons first, then attention reasons. */
  reasons: Reason[]
}

/** Decide admit / attention / refuse for one scan at one desk at instant `now`. */
export function verdict(input: ScanInput, roster: RosterView, ledger: LedgerView, now: Date): Verdict {
  const found = identify(input, roster)
  if (!found.candidate) return finish(found.reasons)
  const candidate = found.candidate
  const reasons = [...found.reasons]
  if (roster.revokedAdmitCards.has(candidate.admitCardNo)) {
    reasons.push(reason('revokedAdmitCard', { admitCardNo: candidate.admitCardNo }))
  }
  if (found.document) {
    const read = readDocument(found.document, roster.session.date)
    if (read.ok) reasons.push(...checkDocument(candidate, read, roster.session.date))
    else reasons.push(read.reason)
  }
  // The candidate's own times: their occupation + level's when the package gives some, else the session's.
  const subject = subjectTimesFor(roster.subjects, roster.groupTimes, candidate, roster.desk.subject)
  // The desk only offers the session's subjects: anything else is a bug, not a candidate's problem.
  if (!subject) throw new Error(`desk subject ${roster.desk.subject} is not a subject of session ${roster.session.id}`)
  const sitting = candidate.sittings.find((s) => s.subject === subject.code)
  if (!sitting) {
    const registeredSubjects = candidate.sittings.map((s) => s.subject)
    reasons.push(reason('notRegisteredForSubject', { subject: subject.code, registeredSubjects }))
    return finish(reasons, candidate)
  }
  const rooms = roster.desk.rooms
  if (rooms && rooms.length > 0 && !rooms.includes(sitting.roomId)) {
    reasons.push(reason('otherRoom', { roomId: sitting.roomId, deskRooms: [...rooms] }))
  }
  const closed = ledger.subjectClosed(subject.code)
  const attendance = candidateAttendance(candidate, subject, ledger.eventsFor(candidate.admitCardNo), closed)
  const checkIn = attendance.checkIn
  if (checkIn) {
    const { eventId, deviceId, at, staffId } = checkIn
    reasons.push(
      reason('alreadyCheckedIn', { eventId, deviceId, at, staffId, sameDesk: deviceId === roster.desk.deviceId }),
    )
  } else if (closed) {
    reasons.push(reason('subjectClosed', { subject: subject.code }))
  } else {
    reasons.push(...timeReasons(subject, now))
  }
  if (candidate.photo === undefined || candidate.photo === '') reasons.push(reason('photoMissing', {}))
  if (attendance.state === 'refused' && attendance.refusal) {
    const { eventId, deviceId, at, staffId, reasons: earlier, reason: why } = attendance.refusal
    reasons.push(
      reason('previouslyRefused', {
        eventId,
        deviceId,
        at,
        staffId,
        reasons: earlier,
        ...(why ? { reason: why } : {}),
      }),
    )
  }
  return finish(applyOverrides(reasons, attendance.overrides, roster), candidate, sitting)
}

// ───────────────────────────── who is it ─────────────────────────────

type Found = { candidate?: Candidate; reasons: Reason[]; document?: PresentedDocument }

function identify(input: ScanInput, roster: RosterView): Found {
  switch (input.kind) {
    case 'qr':
      return fromQr(input.check, roster, input.document)
    case 'admitCardNo':
      return byAdmitCardNo(input.value, roster, input.document)
    case 'search':
      return byAdmitCardNo(input.admitCardNo, roster, input.document)
    case 'idDocument':
      return byDocument({ kind: 'typed', raw: input.raw, ...(input.type ? { type: input.type } : {}) }, roster)
    case 'cardReader':
      return byDocument({ kind: 'cardReader', card: input.card }, roster)
  }
}

function fromQr(check: AdmitCardQrCheck, roster: RosterView, document?: PresentedDocument): Found {
  if (!check.ok) {
    const claimed = check.admitCardNo ? { claimedAdmitCardNo: check.admitCardNo } : {}
    // A damaged or cut-off read is the scanner's fault, not a forgery: scan again. A complete code whose
    // signature fails is what a forger would print.
    const r =
      check.reason === 'unknownVersion'
        ? reason('unsupportedAdmitCard', { check: check.reason, ...claimed })
        : check.reason === 'malformed'
          ? reason('incompleteQr', {})
          : reason('forgedAdmitCard', { check: check.reason, ...claimed })
    return { reasons: [r] }
  }
  if (check.sessionId !== roster.session.id) {
    const other = roster.knownSession?.(check.sessionId)
    const known = other
      ? { otherBody: other.bodyId !== roster.bodyId, otherVenue: other.venueId !== roster.venueId, date: other.date }
      : {}
    const details = { sessionId: check.sessionId, expectedSessionId: roster.session.id, admitCardNo: check.admitCardNo }
    return { reasons: [reason('otherSession', { ...details, ...known })] }
  }
  return byAdmitCardNo(check.admitCardNo, roster, document)
}

function byAdmitCardNo(raw: string, roster: RosterView, document?: PresentedDocument): Found {
  // Typed numbers arrive with full-width digits from a Chinese input method, or with stray spaces.
  const value = raw.normalize('NFKC').replace(/\s+/g, '')
  const candidate = roster.byAdmitCardNo(value) ?? roster.byAdmitCardNo(value.toUpperCase())
  if (!candidate) return { reasons: [reason('notOnRoster', { lookup: 'admitCardNo', value })] }
  return { candidate, reasons: [], ...(document ? { document } : {}) }
}

function byDocument(document: PresentedDocument, roster: RosterView): Found {
  const read = readDocument(document, roster.session.date)
  if (!read.ok) return { reasons: [read.reason] }
  const matches = new Map<string, Candidate>()
  for (const key of lookupKeys(read)) for (const c of roster.byDocument(key)) matches.set(c.admitCardNo, c)
  if (matches.size === 0) {
    // A number that failed its check digit under one plausible type and is unknown under the others is a typo.
    if (read.checkDigitFailed) {
      return { reasons: [reason('invalidCheckDigit', { type: read.checkDigitFailed, raw: rawOf(document) })] }
    }
    // 17 digits are a valid passport number too; unknown as one, they are an ID number missing a digit.
    const length = wrongIdNumberLength(rawOf(document))
    if (document.kind === 'typed' && length !== null) return { reasons: [wrongLength(rawOf(document), length)] }
    return { reasons: [reason('notOnRoster', { lookup: 'idDocument', value: read.valid[0]?.normalized ?? '' })] }
  }
  if (matches.size > 1) return { reasons: [reason('ambiguousDocument', { admitCardNos: [...matches.keys()].sort() })] }
  const [candidate] = matches.values()
  return { candidate, reasons: [], document }
}

const rawOf = (d: PresentedDocument): string => (d.kind === 'typed' ? d.raw : d.card.number)

// ───────────────────────────── when ─────────────────────────────

const MINUTE = 60_000

function timeReasons(subject: Subject, now: Date): Reason[] {
  const t = now.getTime()
  const doorsOpen = Date.parse(subject.doorsOpen)
  const start = Date.parse(subject.start)
  const cutoff = start + subject.lateEntryCutoffMinutes * MINUTE
  if (t < doorsOpen) {
    return [
      reason('beforeDoorsOpen', { doorsOpen: subject.doorsOpen, minutesEarly: Math.ceil((doorsOpen - t) / MINUTE) }),
    ]
  }
  if (t <= start) return []
  const late = {
    start: subject.start,
    cutoff: addMinutes(subject.start, subject.lateEntryCutoffMinutes),
    minutesLate: Math.floor((t - start) / MINUTE),
  }
  // "09:30 停止入场" on the banner and the admit card: entry closes at 09:30:00 itself.
  return [t >= cutoff ? reason('lateEntryClosed', late) : reason('late', late)]
}

/** `iso` plus some minutes, written with the same offset as `iso` (so the screen shows local time). */
function addMinutes(iso: string, minutes: number): string {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(iso)
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0
  const local = new Date(Date.parse(iso) + (minutes + offset) * MINUTE).toISOString().slice(0, 19)
  return m ? `${local}${m[1]}${m[2]}:${m[3]}` : `${local}Z`
}

// ───────────────────────────── overrides and the outcome ─────────────────────────────

/**
 * A site manager's override lets through exactly the refuse reasons it lists, and only overridable ones.
 * The reason stays on screen as attention (marked `overriddenBy`), and `overridden` says who and why.
 */
function applyOverrides(reasons: Reason[], overrides: readonly OverrideRecord[], roster: RosterView): Reason[] {
  const usable = overrides.filter((o) => !roster.isSiteManager || roster.isSiteManager(o.approvedBy)).reverse()
  const used = new Map<OverrideRecord, ReasonCode[]>()
  const out = reasons.map((r): Reason => {
    if (r.severity !== 'refuse' || !REASON_CODES[r.code].overridable) return r
    const o = usable.find((x) => x.reasons.includes(r.code)) // newest first
    if (!o) return r
    used.set(o, [...(used.get(o) ?? []), r.code])
    return { ...r, severity: 'attention', overriddenBy: o.eventId }
  })
  for (const [o, codes] of used) {
    const { eventId, deviceId, at, staffId, approvedBy, reason: why } = o
    out.push(reason('overridden', { eventId, deviceId, at, staffId, approvedBy, reason: why, codes }))
  }
  return out
}

function finish(reasons: Reason[], candidate?: Candidate, sitting?: Sitting): Verdict {
  const refuse = reasons.filter((r) => r.severity === 'refuse')
  const attention = reasons.filter((r) => r.severity === 'attention')
  const outcome = refuse.length > 0 ? 'refuse' : attention.length > 0 ? 'attention' : 'admit'
  return {
    outcome,
    ...(candidate ? { candidate } : {}),
    ...(sitting ? { sitting } : {}),
    reasons: [...refuse, ...attention],
  }
}

// ───────────────────────────── views ─────────────────────────────

/** Build the roster view with O(1) lookups by admit card number and by document number. */
export function createRosterView(input: {
  session: Session
  subjects: Subject[]
  groupTimes?: readonly GroupTimes[]
  candidates: readonly Candidate[]
  desk: DeskContext
  revokedAdmitCards?: Iterable<string>
  isSiteManager?: (staffId: string) => boolean
  knownSession?: (sessionId: string) => Session | undefined
}): RosterView {
  const byNo = new Map<string, Candidate>()
  const byDoc = new Map<string, Candidate[]>()
  for (const c of input.candidates) {
    byNo.set(c.admitCardNo, c)
    const key = documentKey(c.idDocument.type, c.idDocument.number)
    byDoc.set(key, [...(byDoc.get(key) ?? []), c])
  }
  const { session, subjects, groupTimes, desk, isSiteManager, knownSession } = input
  return {
    session,
    bodyId: session.bodyId,
    venueId: session.venueId,
    subjects,
    ...(groupTimes && groupTimes.length > 0 ? { groupTimes } : {}),
    desk,
    revokedAdmitCards: new Set(input.revokedAdmitCards ?? []),
    byAdmitCardNo: (no) => byNo.get(no),
    byDocument: (number) => byDoc.get(number) ?? [],
    ...(isSiteManager ? { isSiteManager } : {}),
    ...(knownSession ? { knownSession } : {}),
  }
}

/** A ledger view over an event index (attendance.ts `indexEvents` / `addEvent`): per-candidate lookups. */
export function ledgerViewFromIndex(index: EventIndex): LedgerView {
  return {
    eventsFor: (no) => index.byAdmitCardNo.get(no) ?? [],
    subjectClosed: (subject) => subjectIsClosed(index.subjectEvents, subject),
  }
}
