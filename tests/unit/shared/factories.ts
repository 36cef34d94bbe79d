/**
 * Small factories for tests: a session on 2024-12-14 at a Beijing venue, candidates with valid resident
 * IDs, and desks that write LedgerEvent-shaped events (contiguous seq, chained prevHash, fake hash/sig of
 * the right shape: nothing here verifies signatures — ledger.ts does that).
 */
import type { AdmitCardQrCheck } from '../../../src-shared/admit-card'
import { indexEvents } from '../../../src-shared/attendance'
import { makeResidentId } from '../../../src-shared/id-documents'
import {
  createRosterView,
  ledgerViewFromIndex,
  type CardRead,
  type LedgerView,
  type RosterView,
} from '../../../src-shared/verdict'
import type {
  Candidate,
  EventPayload,
  EventType,
  LedgerEvent,
  Session,
  SubjectCode,
  Subject,
} from '../../../src-shared/schemas'

export const SESSION_DATE = '2024-12-14'
export const SESSION_ID = 'cecc-2024-12-bj01'

/** An instant on the session day, Beijing time: `at('09:10')` → `2024-12-14T09:10:00+08:00`. */
export function at(hhmm: string, date = SESSION_DATE): string {
  return hhmm.includes('T') ? hhmm : `${date}T${hhmm.length === 5 ? `${hhmm}:00` : hhmm}+08:00`
}

/** The same instant as a Date, for `now`. */
export function atTime(hhmm: string, date = SESSION_DATE): Date {
  return new Date(at(hhmm, date))
}

export function aSession(over: Partial<Session> = {}): Session {
  return {
    id: SESSION_ID,
    name: '2024年12月区块链应用操作员认定',
    date: SESSION_DATE,
    bodyId: 'cecc',
    venueId: 'bj-haidian-01',
    ...over,
  }
}

/** Theory 09:00–10:30 (doors 08:30), skills 13:30–15:00 (doors 13:00), late-entry cutoff 30 minutes. */
export function aSubject(code: SubjectCode = 'theory', over: Partial<Subject> = {}): Subject {
  const times =
    code === 'theory'
      ? { doorsOpen: at('08:30'), start: at('09:00'), end: at('10:30') }
      : { doorsOpen: at('13:00'), start: at('13:30'), end: at('15:00') }
  return { code, ...times, lateEntryCutoffMinutes: 30, ...over }
}

export function bothSubjects(over: Partial<Subject> = {}): Subject[] {
  return [aSubject('theory', over), aSubject('skills', over)]
}

let candidateCount = 0
const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', '周杰', '吴霞']

/**
 * A candidate sitting both subjects in room R101 unless told otherwise. `subjects: ['skills']` makes a
 * retake candidate; `room` moves all sittings. The resident ID agrees with the birth date and sex.
 */
export function aCandidate(over: Partial<Candidate> & { subjects?: SubjectCode[]; room?: string } = {}): Candidate {
  const n = ++candidateCount
  const { subjects = ['theory', 'skills'], room = 'R101', ...rest } = over
  const sex = rest.sex ?? (n % 2 === 0 ? 'F' : 'M')
  const birthDate = rest.birthDate ?? '1990-05-17'
  // 17th digit odd for men, even for women (GB 11643).
  const seq3 = String(((n * 2) % 1000) + (sex === 'M' ? 1 : 0)).padStart(3, '0')
  return {
    admitCardNo: `2024${String(n).padStart(6, '0')}`,
    name: NAMES[n % NAMES.length]!,
    sex,
    birthDate,
    idDocument: { type: 'cn_resident_id', number: makeResidentId('110105', birthDate, seq3) },
    occupation: '区块链应用操作员',
    level: '四级/中级',
    sittings: subjects.map((subject) => ({ subject, roomId: room, seat: n % 1000 || 1 })),
    photo: `photo-${n}.jpg`,
    invoiceRequested: false,
    ...rest,
  }
}

export function aRoster(over: { candidates?: Candidate[]; subjects?: Subject[] } = {}): {
  subjects: Subject[]
  candidates: Candidate[]
} {
  return { subjects: over.subjects ?? bothSubjects(), candidates: over.candidates ?? [aCandidate()] }
}

// ───────────────────────────── events ─────────────────────────────

let hashCount = 0
const fakeHash = (): string => (++hashCount).toString(16).padStart(64, '0')
const FAKE_SIG = 'S'.repeat(86)

type Who = string | { admitCardNo: string }
const noOf = (c: Who): string => (typeof c === 'string' ? c : c.admitCardNo)

/**
 * A desk writing events in order, as the ledger would: `const desk = aDesk('desk-b'); desk.checkIn(c, 'theory', '08:45')`.
 * Times are `HH:MM` on the session day, or full ISO strings.
 */
export function aDesk(deviceId = 'desk-a-0001', staffId = 'proctor-1', sessionId = SESSION_ID) {
  let seq = 0
  let prevHash = '0'.repeat(64)
  const event = <T extends EventType>(
    type: T,
    payload: EventPayload<T>,
    time: string,
    actor: string | null = staffId,
  ): LedgerEvent => {
    seq += 1
    const e: LedgerEvent = {
      deviceId,
      seq,
      eventId: `ev-${deviceId}-${seq}`,
      sessionId,
      type,
      payload: payload as never,
      actor,
      deviceTime: at(time),
      prevHash,
      hash: fakeHash(),
      sig: FAKE_SIG,
    }
    prevHash = e.hash
    return e
  }
  return {
    deviceId,
    event,
    checkIn: (c: Who, subject: SubjectCode, time: string, over: Partial<EventPayload<'checkIn'>> = {}) =>
      event(
        'checkIn',
        {
          admitCardNo: noOf(c),
          subject,
          method: 'qr',
          verdict: 'admit',
          reasons: [],
          checklist: { faceMatches: true, originalDocumentSeen: true },
          ...over,
        },
        time,
      ),
    void: (target: LedgerEvent | string, time: string, reason = '误签到', actor: string = staffId) =>
      event('void', { targetEventId: typeof target === 'string' ? target : target.eventId, reason }, time, actor),
    override: (
      c: Who,
      subject: SubjectCode,
      reasons: string[],
      time: string,
      approvedBy = 'manager-1',
      reason = '交通管制，主考批准入场',
    ) => event('override', { admitCardNo: noOf(c), subject, reasons, reason, approvedBy }, time, approvedBy),
    refusal: (
      c: Who,
      subject: SubjectCode,
      reasons: string[],
      time: string,
      reason?: string,
      over: Partial<EventPayload<'refusal'>> = {},
    ) => event('refusal', { admitCardNo: noOf(c), subject, reasons, ...(reason ? { reason } : {}), ...over }, time),
    /** An invoice handed over; `over` adds the reason and the approving site manager. */
    invoice: (c: Who, time: string, over: Partial<EventPayload<'invoiceHandedOver'>> = {}, actor: string = staffId) =>
      event('invoiceHandedOver', { admitCardNo: noOf(c), ...over }, time, actor),
    close: (subject: SubjectCode, time: string, actor = 'manager-1') =>
      event('subjectClosed', { subject }, time, actor),
    reopen: (subject: SubjectCode, time: string, actor = 'manager-1') =>
      event('subjectReopened', { subject, reason: '误关闭' }, time, actor),
  }
}
export type Desk = ReturnType<typeof aDesk>

// ───────────────────────────── desk views ─────────────────────────────

/** The roster as a desk checking in `subject` sees it (session of SESSION_ID, both subjects). */
export function aRosterView(
  over: Partial<Parameters<typeof createRosterView>[0]> & { subject?: SubjectCode; deviceId?: string } = {},
): RosterView {
  const { subject = 'theory', deviceId = 'desk-a-0001', ...rest } = over
  return createRosterView({
    session: aSession(),
    subjects: bothSubjects(),
    candidates: [],
    desk: { subject, deviceId },
    ...rest,
  })
}

/** A ledger view over the given events, from any desks. */
export function aLedger(...events: LedgerEvent[]): LedgerView {
  return ledgerViewFromIndex(indexEvents(events))
}

/** A QR whose signature checked out, for this candidate and session. */
export function aQrCheck(c: Who, over: Partial<Extract<AdmitCardQrCheck, { ok: true }>> = {}): AdmitCardQrCheck {
  return { ok: true, admitCardNo: noOf(c), sessionId: SESSION_ID, keyId: 'hq-2024-1', ...over }
}

/** What a 二代证 reader returns for this candidate's own card (valid until 2035). */
export function aCardRead(c: Candidate, over: Partial<CardRead> = {}): CardRead {
  return {
    type: 'cn_resident_id',
    number: c.idDocument.number,
    name: c.name,
    sex: c.sex,
    birthDate: c.birthDate,
    validFrom: '2015-03-01',
    validTo: '2035-03-01',
    ...over,
  }
}
