/**
 * One desk interaction as a pure state machine: `checkinStep(state, action, ctx) → { state, effects }`.
 * Scan → (search) → verdict → admit / refuse / override → the next scan. The page renders the state and
 * dispatches actions; the hook runs the effects (verify a QR, sign and append an event, beep, start a
 * timer) and dispatches what came of them. Every decision is taken here on `ctx`, the facts at the moment
 * of the action: an admit decides again with the clock of the admit, never on an earlier screen's verdict.
 */
import { checkInPayload, notePayload, overridePayload, refusalPayload, voidPayload } from './checkin-payloads'
import type { Checklist } from './checkin-payloads'
import { dialogFor, invoiceStep, voidTarget } from './checkin-dialogs'
import {
  ADMITTED_SHOWN_MS,
  INITIAL,
  candidateOf,
  screenOf,
  type CheckinAction,
  type CheckinContext,
  type CheckinState,
  type Effect,
  type NewDeskEvent,
  type Shown,
  type Step,
} from './checkin-state'
import { canBeOverridden } from './overrides'
import { classifyEntry } from './scan-input'
import type { LedgerEvent } from './schemas'
import { verdict, type Verdict } from './verdict'

export * from './checkin-state'
export type { Checklist, Seen } from './checkin-payloads'
export type { DeskDialog } from './checkin-dialogs'

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
    case 'closeDialog': {
      // Esc or Cancel: the dialog goes, the candidate on screen stays.
      const { dialog: _closed, ...closed } = quiet
      return done(closed)
    }
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
