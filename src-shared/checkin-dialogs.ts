/**
 * When a desk key opens a dialog, and what the dialog says it approves: the candidate, the subject, the
 * reasons. Part of the check-in machine (checkin-machine.ts): who must approve is decided here, on the
 * facts at the moment the key is pressed, and again when the approval is recorded.
 */
import type { EventIndex } from './attendance'
import { effectiveVoids } from './attendance-candidate'
import type { CheckinContext, CheckinState, Notice, View } from './checkin-state'
import { invoiceDecision, invoicePayload } from './invoice'
import { canBeOverridden, overridableReasons } from './overrides'
import { admitCardNoOf, subjectOf, type EventPayload, type LedgerEvent, type SubjectCode } from './schemas'
import { canDo, voidAction } from './staff-rules'
import type { ReasonCode } from './verdict'

/** Whom a dialog is about. */
export interface About {
  admitCardNo: string
  name: string
  subject: SubjectCode
}

export type DeskDialog =
  | { kind: 'refuse'; about?: About; codes: ReasonCode[] }
  | { kind: 'override'; about: About; codes: ReasonCode[]; needsSiteManager: boolean }
  | { kind: 'note'; about?: About }
  | {
      kind: 'void'
      targetEventId: string
      /** What is taken back: a check-in, or an invoice hand-over. */
      what: VoidWhat
      about: About
      at: string
      staffId: string | null
      needsSiteManager: boolean
    }
  | { kind: 'invoice'; about: About; needsSiteManager: boolean }

type Opened = { dialog: DeskDialog } | { notice: Notice } | Record<never, never>

function aboutOf(v: View, subject: SubjectCode): About | undefined {
  const c =
    v.step === 'verdict'
      ? v.verdict.candidate
      : v.step === 'admitted' || v.step === 'refused'
        ? v.shown.verdict.candidate
        : undefined
  return c ? { admitCardNo: c.admitCardNo, name: c.name, subject } : undefined
}

/** The dialog a key opens in this state, or why it does not open. */
export function dialogFor(
  kind: DeskDialog['kind'],
  s: CheckinState,
  ctx: CheckinContext,
  targetEventId?: string,
): Opened {
  const v = s.view
  const about = aboutOf(v, ctx.roster.desk.subject)
  switch (kind) {
    case 'refuse':
      if (v.step !== 'verdict') return {}
      return {
        dialog: {
          kind,
          ...(about ? { about } : {}),
          codes: v.verdict.reasons.filter((r) => r.severity === 'refuse').map((r) => r.code),
        },
      }
    case 'override':
      if (v.step !== 'verdict' || !about || !canBeOverridden(v.verdict)) return {}
      return {
        dialog: {
          kind,
          about,
          codes: overridableReasons(v.verdict).map((r) => r.code),
          needsSiteManager: !canDo(ctx.staff.role, 'override'),
        },
      }
    case 'note':
      return { dialog: { kind, ...(about ? { about } : {}) } }
    case 'invoice': {
      const r = invoiceStep(s, ctx, {})
      return r.kind === 'record' ? {} : r.kind === 'notice' ? { notice: r.notice } : { dialog: r.dialog }
    }
    case 'void': {
      // F9: the check-in on screen, else this desk's last one; 撤销 in a candidate's record names its own.
      const id = targetEventId ?? (v.step === 'admitted' ? v.event.eventId : ctx.lastCheckIn()?.eventId)
      const target = id ? voidTarget(id, ctx) : undefined
      if (!target) return { notice: { code: 'nothingToVoid' } }
      const e = target.event
      return {
        dialog: {
          kind,
          targetEventId: e.eventId,
          what: target.what,
          about: { admitCardNo: target.admitCardNo, name: target.name, subject: target.subject },
          at: e.deviceTime,
          staffId: e.actor,
          needsSiteManager: !canDo(ctx.staff.role, voidAction(e.deviceTime, ctx.now)),
        },
      }
    }
  }
}

export type VoidWhat = 'checkIn' | 'invoice'
const VOID_WHAT: Partial<Record<LedgerEvent['type'], VoidWhat>> = { checkIn: 'checkIn', invoiceHandedOver: 'invoice' }

/**
 * What the desk can take back now: a check-in or an invoice hand-over that exists and that no void took
 * back yet (a void of the hand-over undoes it: the invoice can be handed over again).
 */
export function voidTarget(
  eventId: string,
  ctx: CheckinContext,
): { event: LedgerEvent; what: VoidWhat; admitCardNo: string; name: string; subject: SubjectCode } | undefined {
  const e = ctx.eventById(eventId)
  const what = e ? VOID_WHAT[e.type] : undefined
  if (!e || !what) return undefined
  const admitCardNo = admitCardNoOf(e)
  if (admitCardNo === undefined || effectiveVoids(ctx.ledger.eventsFor(admitCardNo)).has(e.eventId)) return undefined
  const subject = subjectOf(e) ?? ctx.roster.desk.subject
  const name = ctx.roster.byAdmitCardNo(admitCardNo)?.name ?? admitCardNo
  return { event: e, what, admitCardNo, name, subject }
}

type InvoiceStep =
  | { kind: 'notice'; notice: Notice }
  | { kind: 'dialog'; dialog: DeskDialog }
  | { kind: 'record'; payload: EventPayload<'invoiceHandedOver'> }

/**
 * F7: the invoice is handed over at most once; to a candidate who did not request one only with a reason
 * and a site manager's approval (the dialog asks, then `approved` carries the answer).
 */
export function invoiceStep(
  s: CheckinState,
  ctx: CheckinContext,
  approved: { reason?: string; approvedBy?: string },
): InvoiceStep {
  const about = aboutOf(s.view, ctx.roster.desk.subject)
  const candidate = about ? ctx.roster.byAdmitCardNo(about.admitCardNo) : undefined
  if (!about || !candidate) return { kind: 'notice', notice: { code: 'noCandidate' } }
  const d = invoiceDecision(candidate, ctx.ledger.eventsFor(candidate.admitCardNo))
  if (!d.ok) {
    const { at, staffId } = d.handedOver
    return { kind: 'notice', notice: { code: 'invoiceAlready', name: candidate.name, at, staffId } }
  }
  if (d.needsReason && !approved.reason) {
    return { kind: 'dialog', dialog: { kind: 'invoice', about, needsSiteManager: d.needsSiteManager } }
  }
  return { kind: 'record', payload: invoicePayload(candidate.admitCardNo, approved) }
}

/** This desk's newest check-in for `subject` that no void took back: what F9 offers to void. */
export function lastCheckInOf(index: EventIndex, deviceId: string, subject: SubjectCode): LedgerEvent | undefined {
  let last: LedgerEvent | undefined
  for (const e of index.byEventId.values()) {
    if (e.type !== 'checkIn' || e.deviceId !== deviceId || e.payload.subject !== subject) continue
    if (last && e.seq < last.seq) continue
    const no = e.payload.admitCardNo
    if (!effectiveVoids(index.byAdmitCardNo.get(no) ?? []).has(e.eventId)) last = e
  }
  return last
}

/** A candidate's check-ins, oldest first, each with whether a void took it back: their record at the desk. */
export function checkInsOf(
  eventsOfCandidate: readonly LedgerEvent[],
): { event: LedgerEvent; what: VoidWhat; voided: boolean }[] {
  const voids = effectiveVoids(eventsOfCandidate)
  return eventsOfCandidate
    .flatMap((event) => {
      const what = VOID_WHAT[event.type]
      return what ? [{ event, what, voided: voids.has(event.eventId) }] : []
    })
    .sort((a, b) => a.event.deviceTime.localeCompare(b.event.deviceTime))
}
