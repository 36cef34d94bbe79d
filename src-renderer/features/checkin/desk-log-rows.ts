/**
 * The rows of the desk log, from this desk's latest events: one row per event, every row with the same
 * columns (time, kind, candidate, subject, staff, detail). A void names what it took back: the candidate,
 * subject and time of its target, and the reason. Pure: the screen only turns a row into text.
 */
import {
  admitCardNoOf,
  EVENT_PAYLOADS,
  subjectOf,
  type EventPayload,
  type LedgerEvent,
  type SubjectCode,
} from '../../../src-shared/schemas'

/** The kinds of event the desk log shows, in the order a proctor meets them. */
export const DESK_LOG_TYPES = ['checkIn', 'refusal', 'void', 'override', 'invoiceHandedOver', 'note'] as const
export type DeskLogType = (typeof DESK_LOG_TYPES)[number]

/** What the last column says, as data. */
export type DeskLogDetail =
  | { kind: 'checkIn'; verdict: 'admit' | 'attention'; reasons: readonly string[] }
  | { kind: 'refusal'; reasons: readonly string[]; text?: string }
  | { kind: 'override'; reasons: readonly string[]; reason: string; approvedBy: string }
  | {
      kind: 'void'
      reason: string
      approvedBy?: string
      /** The event taken back; absent when this desk does not hold it. */
      target?: { type: LedgerEvent['type']; at: string; staffId: string | null }
      targetEventId: string
    }
  | { kind: 'invoiceHandedOver'; reason?: string; approvedBy?: string }
  | { kind: 'note'; text: string }
  /** A payload that does not parse: shown as such rather than hidden. */
  | { kind: 'unreadable' }

export interface DeskLogRow {
  eventId: string
  at: string
  type: DeskLogType
  /** The candidate concerned: of a void, the candidate whose event it took back. */
  candidate?: { admitCardNo: string; name?: string }
  subject?: SubjectCode
  /** Who recorded it (for an override, the approving site manager). */
  staffId: string | null
  detail: DeskLogDetail
  /** Taken back by a later void. */
  voided: boolean
  /** A check-in nobody voided: the row offers 撤销. */
  voidable: boolean
}

export interface DeskLogFacts {
  /** An event of this desk by id (the target of a void, which may be older than the rows shown). */
  event(eventId: string): LedgerEvent | undefined
  /** The candidate's name on the roster, if they are on it. */
  candidateName(admitCardNo: string): string | undefined
}

const isShown = (e: LedgerEvent): e is LedgerEvent & { type: DeskLogType } =>
  (DESK_LOG_TYPES as readonly string[]).includes(e.type)

function payloadOf<T extends DeskLogType>(type: T, e: LedgerEvent): EventPayload<T> | undefined {
  const r = EVENT_PAYLOADS[type].safeParse(e.payload)
  return r.success ? (r.data as EventPayload<T>) : undefined
}

/** The admit card number and subject an event is about, if any (a note may name a candidate, never a subject). */
function aboutOf(e: LedgerEvent): { admitCardNo?: string; subject?: SubjectCode } {
  const no = admitCardNoOf(e)
  const subject = subjectOf(e)
  return { ...(no !== undefined ? { admitCardNo: no } : {}), ...(subject !== undefined ? { subject } : {}) }
}

function detailOf(e: LedgerEvent & { type: DeskLogType }, facts: DeskLogFacts): DeskLogDetail {
  switch (e.type) {
    case 'checkIn': {
      const p = payloadOf('checkIn', e)
      return p ? { kind: 'checkIn', verdict: p.verdict, reasons: p.reasons } : { kind: 'unreadable' }
    }
    case 'refusal': {
      const p = payloadOf('refusal', e)
      return p
        ? { kind: 'refusal', reasons: p.reasons, ...(p.reason ? { text: p.reason } : {}) }
        : { kind: 'unreadable' }
    }
    case 'override': {
      const p = payloadOf('override', e)
      return p
        ? { kind: 'override', reasons: p.reasons, reason: p.reason, approvedBy: p.approvedBy }
        : { kind: 'unreadable' }
    }
    case 'void': {
      const p = payloadOf('void', e)
      if (!p) return { kind: 'unreadable' }
      const target = facts.event(p.targetEventId)
      return {
        kind: 'void',
        reason: p.reason,
        targetEventId: p.targetEventId,
        ...(p.approvedBy ? { approvedBy: p.approvedBy } : {}),
        ...(target ? { target: { type: target.type, at: target.deviceTime, staffId: target.actor } } : {}),
      }
    }
    case 'invoiceHandedOver': {
      const p = payloadOf('invoiceHandedOver', e)
      if (!p) return { kind: 'unreadable' }
      return {
        kind: 'invoiceHandedOver',
        ...(p.reason ? { reason: p.reason } : {}),
        ...(p.approvedBy ? { approvedBy: p.approvedBy } : {}),
      }
    }
    case 'note': {
      const p = payloadOf('note', e)
      return p ? { kind: 'note', text: p.text } : { kind: 'unreadable' }
    }
  }
}

/**
 * The log's rows for `events` (newest first, as the ledger gives them), at most `limit`. Events of other
 * kinds (login, close, import) are not the desk log's and are left out.
 */
export function deskLogRows(events: readonly LedgerEvent[], facts: DeskLogFacts, limit: number): DeskLogRow[] {
  const shown = events.filter(isShown)
  const voided = new Set(shown.flatMap((e) => (e.type === 'void' ? [e.payload.targetEventId] : [])))
  return shown.slice(0, limit).map((e) => {
    const detail = detailOf(e, facts)
    // A void is about whoever its target was about.
    const target = detail.kind === 'void' ? facts.event(detail.targetEventId) : undefined
    const about = aboutOf(target ?? e)
    const isVoided = voided.has(e.eventId)
    return {
      eventId: e.eventId,
      at: e.deviceTime,
      type: e.type,
      ...(about.admitCardNo ? { candidate: withName(about.admitCardNo, facts.candidateName(about.admitCardNo)) } : {}),
      ...(about.subject ? { subject: about.subject } : {}),
      staffId: e.actor,
      detail,
      voided: isVoided,
      voidable: e.type === 'checkIn' && !isVoided,
    }
  })
}

const withName = (admitCardNo: string, name: string | undefined) => (name ? { admitCardNo, name } : { admitCardNo })
