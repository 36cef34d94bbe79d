/**
 * The check-in machine's vocabulary: what the desk shows (View), what the proctor does (CheckinAction),
 * what the machine asks the platform to do (Effect), and the facts it decides on (CheckinContext).
 * The transitions are in checkin-machine.ts.
 */
import type { AdmitCardQrCheck } from './admit-card'
import type { Checklist, Seen } from './checkin-payloads'
import type { DeskDialog } from './checkin-dialogs'
import type { EventPayload, EventType, LedgerEvent, StaffRole } from './schemas'
import type { SearchHit } from './search'
import type { CardRead, LedgerView, ReasonCode, RosterView, Verdict } from './verdict'

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
  | { code: 'voided' | 'invoiceVoided' | 'invoiceRecorded'; name: string }
  | { code: 'invoiceAlready'; name: string; at: string; staffId: string | null }
  | { code: 'reader'; reason: string }
  | { code: 'failed'; message: string }

export interface CheckinState {
  view: View
  dialog?: DeskDialog
  notice?: Notice
  /** The event being signed and committed (and whom it is about); every other action waits for it. */
  pending?: { type: EventType; name?: string; invoice?: true }
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
 * Refuse reasons that turn nobody away for cause: the candidate is already in the room, is early, the scan
 * was bad, or the proctor mistyped a number (a wrong check digit or length is a typo to correct, not a
 * candidate to refuse). Enter goes back to scanning and no refusal is recorded (F4 still records one).
 */
const NOT_A_REFUSAL: ReadonlySet<ReasonCode> = new Set([
  'alreadyCheckedIn',
  'beforeDoorsOpen',
  'incompleteQr',
  'invalidCheckDigit',
  'invalidDocumentNumber',
])
const MISTYPED: ReadonlySet<ReasonCode> = new Set(['invalidCheckDigit', 'invalidDocumentNumber'])

/** What the verdict banner is: a decision, or only something to tell the candidate. */
export type Screen = 'admit' | 'attention' | 'refuse' | 'alreadyIn' | 'wait' | 'rescan' | 'retype'

export function screenOf(v: Verdict): Screen {
  if (v.outcome !== 'refuse') return v.outcome
  const refuse = v.reasons.filter((r) => r.severity === 'refuse').map((r) => r.code)
  if (!refuse.every((c) => NOT_A_REFUSAL.has(c))) return 'refuse'
  if (refuse.includes('incompleteQr')) return 'rescan'
  if (refuse.some((c) => MISTYPED.has(c))) return 'retype'
  return refuse.includes('alreadyCheckedIn') ? 'alreadyIn' : 'wait'
}

/** The candidate on screen, if any. */
export function candidateOf(v: View) {
  if (v.step === 'verdict') return v.verdict.candidate
  if (v.step === 'admitted' || v.step === 'refused') return v.shown.verdict.candidate
  return undefined
}
