/**
 * One desk interaction as a pure state machine: `checkinStep(state, action, ctx) → { state, effects }`.
 * Scan → (search) → verdict → admit / refuse / override → the next scan. The page renders the state and
 * dispatches actions; the hook runs the effects (verify a QR, sign and append an event, beep, start a
 * timer) and dispatches what came of them. Every decision is taken here on `ctx`, the facts at the moment
 * of the action: an admit decides again with the clock of the admit, never on an earlier screen's verdict.
 */
import type { AdmitCardQrCheck } from './admit-card'
import { checkInPayload, notePayload, overridePayload, refusalPayload, voidPayload } from './checkin-payloads'
import type { Checklist, Seen } from './checkin-payloads'
import { dialogFor, invoiceStep, voidTarget, type DeskDialog } from './checkin-dialogs'
import { canBeOverridden } from './overrides'
import { classifyEntry } from './scan-input'
import type { EventPayload, EventType, LedgerEvent, StaffRole } from './schemas'
import type { SearchHit } from './search'
import { verdict, type CardRead, type LedgerView, type ReasonCode, type RosterView, type Verdict } from './verdict'

export type { Checklist, Seen } from './checkin-payloads'
export type { DeskDialog } from './checkin-dialogs'

/** The facts at the moment of an action. */
export interface CheckinContext {
  roster: RosterView
  ledger: LedgerView
  now: Date
  staff: { id: string; role: StaffRole }
  search(query: string): SearchHit[]
  /** This desk's newest check-in for the desk's subject that is not voided (F9 takes it back). */
  lastCheckIn(): LedgerEvent | undefined
  eventById(eventId: string): LedgerEvent | undefined
}

/** A candidate on screen: what the desk saw, and what the proctor confirmed or revealed. */
export interface Shown extends Seen {
  chipPhoto?: Uint8Array
  checklist: Checklist
  /** The full ID number is on screen (F3). */
  revealed: boolean
}

export type View =
  | { step: 'ready' }
  | { step: 'checking'; text: string }
  | { step: 'results'; query: string; hits: readonly SearchHit[]; selected: number }
  | ({ step: 'verdict' } & Shown)
  | { step: 'admitted'; shown: Shown; event: LedgerEvent }
  | { step: 'refused'; shown: Shown; event: LedgerEvent }

/** A line for the proctor: the outcome of something done, or why a key did nothing. */
export type Notice =
  | { code: 'checklistFirst' | 'verdictChanged' | 'noteRecorded' | 'nothingToVoid' | 'noCandidate' }
  | { code: 'voided' | 'invoiceRecorded'; name: string }
  | { code: 'invoiceAlready'; name: string; at: string; staffId: string | null }
  | { code: 'reader'; reason: string }
  | { code: 'failed'; message: string }

export interface CheckinState {
  view: View
  dialog?: DeskDialog
  notice?: Notice
  /** The event being signed and committed (and whom it is about); every other action waits for it. */
  pending?: { type: EventType; name?: string }
}

export type CheckinAction =
  | { type: 'scan'; text: string }
  | { type: 'qrChecked'; text: string; check: AdmitCardQrCheck }
  | { type: 'readCard' }
  | { type: 'cardRead'; card: CardRead; chipPhoto?: Uint8Array }
  | { type: 'cardFailed'; reason: string }
  | { type: 'move'; delta: 1 | -1 }
  | { type: 'pick'; admitCardNo?: string }
  | { type: 'toggle'; item: keyof Checklist }
  | { type: 'reveal' }
  | { type: 'decide' }
  | { type: 'admit' }
  | { type: 'refuse'; reason?: string }
  | { type: 'openDialog'; kind: DeskDialog['kind']; targetEventId?: string }
  | { type: 'closeDialog' }
  | { type: 'override'; approvedBy: string; reason: string }
  | { type: 'void'; targetEventId: string; reason: string; approvedBy?: string }
  | { type: 'invoice'; reason?: string; approvedBy?: string }
  | { type: 'note'; text: string }
  | { type: 'recorded'; event: LedgerEvent }
  | { type: 'failed'; message: string }
  | { type: 'timeout' }
  | { type: 'reset' }

export type Effect =
  | { kind: 'verifyQr'; text: string }
  | { kind: 'readCard' }
  | { kind: 'record'; event: NewDeskEvent }
  | { kind: 'beep'; outcome: Verdict['outcome'] }
  | { kind: 'startTimer'; ms: number }

/** An event to sign and append, stamped with the instant it was decided at. */
export type NewDeskEvent = {
  [T in EventType]: { type: T; payload: EventPayload<T>; actor: string; at: Date }
}[EventType]

export interface Step {
  state: CheckinState
  effects: Effect[]
}

export const INITIAL: CheckinState = { view: { step: 'ready' } }

/** How long room and seat stay large after an admit before the desk is ready again. */
export const ADMITTED_SHOWN_MS = 6000

/**
 * Refuse reasons that turn nobody away for cause: the candidate is already in the room, is early, or the
 * scan was bad. Enter goes back to scanning and no refusal is recorded (F4 still records one on purpose).
 */
const NOT_A_REFUSAL: ReadonlySet<ReasonCode> = new Set(['alreadyCheckedIn', 'beforeDoorsOpen', 'incompleteQr'])

/** What the verdict banner is: a decision, or only something to tell the candidate. */
export type Screen = 'admit' | 'attention' | 'refuse' | 'alreadyIn' | 'wait' | 'rescan'

export function screenOf(v: Verdict): Screen {
  if (v.outcome !== 'refuse') return v.outcome
  const refuse = v.reasons.filter((r) => r.severity === 'refuse').map((r) => r.code)
  if (!refuse.every((c) => NOT_A_REFUSAL.has(c))) return 'refuse'
  if (refuse.includes('incompleteQr')) return 'rescan'
  return refuse.includes('alreadyCheckedIn') ? 'alreadyIn' : 'wait'
}

const done = (state: CheckinState, ...effects: Effect[]): Step => ({ state, effects })
const NO_CHECKS: Checklist = { faceMatches: false, originalDocumentSeen: false }

/** Decide on a candidate afresh: new checklist, ID masked again, and the sound of the outcome. */
function show(s: CheckinState, seen: Omit<Shown, 'verdict' | 'checklist' | 'revealed'>, ctx: CheckinContext): Step {
  const v = verdict(seen.input, ctx.roster, ctx.ledger, ctx.now)
  const shown: Shown = { ...seen, verdict: v, checklist: NO_CHECKS, revealed: false }
  return done({ view: { step: 'verdict', ...shown } }, { kind: 'beep', outcome: v.outcome })
}

const codesOf = (v: Verdict) => v.reasons.map((r) => `${r.code}:${r.severity}`).join()

/** The next state and effects of one action. */
export function checkinStep(s: CheckinState, a: CheckinAction, ctx: CheckinContext): Step {
  // While an event is being committed, only its outcome is taken: a second Enter cannot admit twice.
  if (s.pending && a.type !== 'recorded' && a.type !== 'failed') return done(s)
  const v = s.view
  const { notice: _, ...quiet } = s
  switch (a.type) {
    case 'scan': {
      if (s.dialog) return done(s)
      const entry = classifyEntry(a.text, (no) => ctx.roster.byAdmitCardNo(no) !== undefined)
      switch (entry.kind) {
        case 'empty':
          return done(quiet)
        case 'qr':
          return done({ view: { step: 'checking', text: entry.text } }, { kind: 'verifyQr', text: entry.text })
        case 'admitCardNo':
          return show(s, { input: { kind: 'admitCardNo', value: entry.value }, methods: ['admitCardNo'] }, ctx)
        case 'idDocument':
          return show(s, { input: { kind: 'idDocument', raw: entry.raw }, methods: ['idDocument'] }, ctx)
        case 'search':
          return done({ view: { step: 'results', query: entry.query, hits: ctx.search(entry.query), selected: 0 } })
      }
      break
    }
    case 'qrChecked':
      if (v.step !== 'checking' || v.text !== a.text) return done(s) // a newer scan came in meanwhile
      return show(s, { input: { kind: 'qr', check: a.check }, methods: ['qr'] }, ctx)
    case 'readCard':
      return s.dialog ? done(s) : done(quiet, { kind: 'readCard' })
    case 'cardRead': {
      // A card read with an admit card already on screen is part of that check-in: both methods, the
      // chip's data, and the card's checks in the verdict.
      if (v.step === 'verdict' && v.verdict.candidate && !v.methods.includes('cardReader')) {
        const { input } = v
        if (input.kind === 'qr' || input.kind === 'admitCardNo' || input.kind === 'search') {
          const merged = { ...input, document: { kind: 'cardReader' as const, card: a.card } }
          return show(s, { input: merged, methods: [...v.methods, 'cardReader'], ...chip(a.chipPhoto) }, ctx)
        }
      }
      return show(
        s,
        { input: { kind: 'cardReader', card: a.card }, methods: ['cardReader'], ...chip(a.chipPhoto) },
        ctx,
      )
    }
    case 'cardFailed':
      return done({ ...s, notice: { code: 'reader', reason: a.reason } })
    case 'move':
      if (v.step !== 'results' || v.hits.length === 0) return done(s)
      return done({ ...s, view: { ...v, selected: (v.selected + a.delta + v.hits.length) % v.hits.length } })
    case 'pick': {
      const no = a.admitCardNo ?? (v.step === 'results' ? v.hits[v.selected]?.admitCardNo : undefined)
      if (!no) return done(s)
      return show(s, { input: { kind: 'search', admitCardNo: no }, methods: ['search'] }, ctx)
    }
    case 'toggle':
      if (v.step !== 'verdict') return done(s)
      return done({ ...quiet, view: { ...v, checklist: { ...v.checklist, [a.item]: !v.checklist[a.item] } } })
    case 'reveal':
      if (v.step !== 'verdict') return done(s)
      return done({ ...s, view: { ...v, revealed: !v.revealed } })
    case 'decide':
      if (v.step === 'results') return checkinStep(s, { type: 'pick' }, ctx)
      if (v.step === 'admitted' || v.step === 'refused') return done(INITIAL)
      if (v.step !== 'verdict') return done(s)
      if (v.verdict.outcome !== 'refuse') return checkinStep(s, { type: 'admit' }, ctx)
      if (screenOf(v.verdict) !== 'refuse') return done(INITIAL)
      return checkinStep(s, { type: 'refuse' }, ctx)
    case 'admit': {
      if (v.step !== 'verdict' || !v.verdict.candidate) return done(s)
      // The facts now: the clock may have passed the cutoff, another window may have checked them in.
      const fresh = verdict(v.input, ctx.roster, ctx.ledger, ctx.now)
      if (codesOf(fresh) !== codesOf(v.verdict)) {
        const view = { ...v, verdict: fresh, checklist: NO_CHECKS }
        return done({ view, notice: { code: 'verdictChanged' } }, { kind: 'beep', outcome: fresh.outcome })
      }
      if (fresh.outcome === 'refuse') return done(s)
      const ok = fresh.outcome === 'admit' || (v.checklist.faceMatches && v.checklist.originalDocumentSeen)
      if (!ok) return done({ ...s, notice: { code: 'checklistFirst' } })
      // Green: Enter is the proctor's word that face and original document were checked.
      const checklist = fresh.outcome === 'admit' ? { faceMatches: true, originalDocumentSeen: true } : v.checklist
      const payload = checkInPayload({ ...v, verdict: fresh }, ctx.roster.desk.subject, checklist)
      return record(quiet, { type: 'checkIn', payload, actor: ctx.staff.id, at: ctx.now })
    }
    case 'refuse': {
      if (v.step !== 'verdict') return done(s)
      const payload = refusalPayload(v, ctx.roster.desk.subject, a.reason)
      return record({ view: v }, { type: 'refusal', payload, actor: ctx.staff.id, at: ctx.now })
    }
    case 'openDialog': {
      const d = dialogFor(a.kind, s, ctx, a.targetEventId)
      if ('notice' in d) return done({ ...s, notice: d.notice })
      return 'dialog' in d ? done({ ...quiet, dialog: d.dialog }) : done(s)
    }
    case 'closeDialog':
      return done(quiet)
    case 'override': {
      if (v.step !== 'verdict' || !canBeOverridden(v.verdict)) return done(quiet)
      const payload = overridePayload(v, ctx.roster.desk.subject, a.approvedBy, a.reason)
      return record({ view: v }, { type: 'override', payload, actor: a.approvedBy, at: ctx.now })
    }
    case 'void': {
      // Still a check-in nobody voided meanwhile (another window, another desk)?
      const target = voidTarget(a.targetEventId, ctx)
      if (!target) return done({ ...quiet, notice: { code: 'nothingToVoid' } })
      const payload = voidPayload(target.event.eventId, a.reason, a.approvedBy)
      const event = { type: 'void' as const, payload, actor: a.approvedBy ?? ctx.staff.id, at: ctx.now }
      return record({ view: v }, event, target.name)
    }
    case 'invoice': {
      const r = invoiceStep(s, ctx, a)
      if (r.kind === 'notice') return done({ ...quiet, notice: r.notice })
      if (r.kind === 'dialog') return done({ ...quiet, dialog: r.dialog })
      return record({ view: v }, { type: 'invoiceHandedOver', payload: r.payload, actor: ctx.staff.id, at: ctx.now })
    }
    case 'note': {
      const admitCardNo = candidateOf(v)?.admitCardNo
      return record(
        { view: v },
        { type: 'note', payload: notePayload(a.text, admitCardNo), actor: ctx.staff.id, at: ctx.now },
      )
    }
    case 'recorded':
      return afterRecorded(s, a.event, ctx)
    case 'failed':
      return done({ view: v, notice: { code: 'failed', message: a.message } })
    case 'timeout':
      return v.step === 'admitted' || v.step === 'refused' ? done(INITIAL) : done(s)
    case 'reset':
      return done(INITIAL)
  }
}

const chip = (photo?: Uint8Array) => (photo ? { chipPhoto: photo } : {})

function record(s: CheckinState, event: NewDeskEvent, name?: string): Step {
  const { dialog: _, ...rest } = s
  return done({ ...rest, pending: { type: event.type, ...(name ? { name } : {}) } }, { kind: 'record', event })
}

/** The candidate on screen, if any. */
export function candidateOf(v: View) {
  if (v.step === 'verdict') return v.verdict.candidate
  if (v.step === 'admitted' || v.step === 'refused') return v.shown.verdict.candidate
  return undefined
}

function afterRecorded(s: CheckinState, event: LedgerEvent, ctx: CheckinContext): Step {
  const v = s.view
  const base: CheckinState = { view: v }
  const name = s.pending?.name ?? candidateOf(v)?.name ?? ''
  switch (s.pending?.type) {
    case 'checkIn':
    case 'refusal': {
      if (v.step !== 'verdict') return done(base)
      const { step: _, ...shown } = v
      const step = s.pending?.type === 'checkIn' ? 'admitted' : 'refused'
      return done({ view: { step, shown, event } }, { kind: 'startTimer', ms: ADMITTED_SHOWN_MS })
    }
    case 'override':
      // The override is in the desk's index by now: decide again on the same input, as the proctor sees it.
      return v.step === 'verdict' ? show(base, v, ctx) : done(base)
    case 'void':
      // The check-in is taken back: the desk is ready for the next scan (or the candidate again).
      return done({ view: { step: 'ready' }, notice: { code: 'voided', name } })
    case 'invoiceHandedOver':
      return done({ view: v, notice: { code: 'invoiceRecorded', name } })
    case 'note':
      return done({ view: v, notice: { code: 'noteRecorded' } })
    default:
      return done(base)
  }
}
