import { describe, expect, it } from 'vitest'
import { addEvent, createEventIndex } from '../../../src-shared/attendance'
import { lastCheckInOf } from '../../../src-shared/checkin-dialogs'
import { DESK_KEYS, deskKeyOf } from '../../../src-shared/checkin-keys'
import {
  checkinStep,
  INITIAL,
  screenOf,
  type CheckinAction,
  type CheckinState,
  type Effect,
  type Step,
} from '../../../src-shared/checkin-machine'
import type { Candidate, LedgerEvent, StaffRole } from '../../../src-shared/schemas'
import { buildSearchIndex, searchCandidates } from '../../../src-shared/search'
import { ledgerViewFromIndex } from '../../../src-shared/verdict'
import { aCandidate, aCardRead, aDesk, aQrCheck, aRosterView, at, atTime } from './factories'

const DEVICE = 'desk-a-0001'

/**
 * One desk driven through the machine as the page does: `send` an action at a time of day, and `commit`
 * what a record effect asked for, as the hook does (append, put into the index, dispatch `recorded`).
 */
function aCheckinDesk(opts: { candidates: Candidate[]; role?: StaffRole; rooms?: string[]; events?: LedgerEvent[] }) {
  const index = createEventIndex()
  const writer = aDesk(DEVICE, opts.role === 'siteManager' ? 'manager-1' : 'proctor-1')
  for (const e of opts.events ?? []) addEvent(index, e)
  const roster = aRosterView({
    candidates: opts.candidates,
    desk: { subject: 'theory', deviceId: DEVICE, rooms: opts.rooms ?? [] },
    isSiteManager: (id) => id.startsWith('manager'),
  })
  const search = buildSearchIndex(opts.candidates)
  let state: CheckinState = INITIAL
  let time = '08:45'
  let last: Step = { state, effects: [] }
  let committed: LedgerEvent | undefined
  const ctx = () => ({
    roster,
    ledger: ledgerViewFromIndex(index),
    now: atTime(time),
    staff: { id: opts.role === 'siteManager' ? 'manager-1' : 'proctor-1', role: opts.role ?? 'proctor' },
    search: (q: string) => searchCandidates(search, q, 20),
    lastCheckIn: () => lastCheckInOf(index, DEVICE, 'theory'),
    eventById: (id: string) => index.byEventId.get(id),
  })
  const desk = {
    index,
    get state() {
      return state
    },
    get effects() {
      return last.effects
    },
    /** The last event committed. */
    get committed() {
      if (!committed) throw new Error('nothing committed yet')
      return committed
    },
    at(t: string) {
      time = t
      return desk
    },
    send(action: CheckinAction) {
      last = checkinStep(state, action, ctx())
      state = last.state
      return desk
    },
    key(key: string) {
      const k = deskKeyOf({ key: key.replace(/^Alt\+/, ''), altKey: key.startsWith('Alt+') })
      if (!k) throw new Error(`no desk key ${key}`)
      return desk.send(k.action)
    },
    /** The event the last step asked to record. */
    recording() {
      const r = last.effects.find((e): e is Extract<Effect, { kind: 'record' }> => e.kind === 'record')
      return r?.event
    },
    /** Sign-and-append as the hook does: the event carries the instant it was decided at. */
    commit() {
      const r = desk.recording()
      if (!r) throw new Error('nothing to record')
      const e = writer.event(r.type, r.payload as never, r.at.toISOString(), r.actor)
      addEvent(index, e)
      committed = e
      return desk.send({ type: 'recorded', event: e })
    },
    /** Another desk's (or window's) event arriving in the index. */
    arrives(e: LedgerEvent) {
      addEvent(index, e)
      return desk
    },
  }
  return desk
}

const qr = (c: Candidate) => ({ type: 'qrChecked' as const, text: `ED1.${c.admitCardNo}`, check: aQrCheck(c) })
/** A QR scanned and its signature checked, as the hook does it. */
const scanQr = (d: ReturnType<typeof aCheckinDesk>, c: Candidate) =>
  d.send({ type: 'scan', text: `ED1.${c.admitCardNo}` }).send(qr(c))
const view = (d: ReturnType<typeof aCheckinDesk>) => d.state.view
const verdictOf = (d: ReturnType<typeof aCheckinDesk>) => {
  const v = d.state.view
  if (v.step !== 'verdict') throw new Error(`expected a verdict, the desk shows ${v.step}`)
  return v.verdict
}

describe('finding the candidate', () => {
  it('shows the verdict of a typed admit card number at once, with the sound of the outcome', () => {
    const c = aCandidate()
    const d = aCheckinDesk({ candidates: [c] }).send({ type: 'scan', text: c.admitCardNo })
    expect(verdictOf(d)).toMatchObject({ outcome: 'admit', candidate: c })
    expect(d.effects).toEqual([{ kind: 'beep', outcome: 'admit' }])
  })

  it('verifies a QR before deciding, and drops a verification that arrives after a newer scan', () => {
    const [a, b] = [aCandidate(), aCandidate()]
    const d = aCheckinDesk({ candidates: [a, b] }).send({ type: 'scan', text: `ED1.${a.admitCardNo}` })
    expect(d.effects).toEqual([{ kind: 'verifyQr', text: `ED1.${a.admitCardNo}` }])
    d.send({ type: 'scan', text: b.admitCardNo }).send(qr(a))
    expect(verdictOf(d).candidate).toBe(b)
  })

  it('lists search hits for a name; ↓ moves the selection and Enter picks it', () => {
    const a = aCandidate({ name: '张伟' })
    const b = aCandidate({ name: '张伟' })
    const d = aCheckinDesk({ candidates: [a, b] }).send({ type: 'scan', text: '张伟' })
    expect(view(d)).toMatchObject({ step: 'results', selected: 0 })
    d.key('ArrowDown').key('Enter')
    expect(verdictOf(d).candidate?.admitCardNo).toBe(b.admitCardNo)
  })

  it('does nothing on Enter with nobody on screen', () => {
    const d = aCheckinDesk({ candidates: [aCandidate()] }).key('Enter')
    expect(d.state).toEqual(INITIAL)
    expect(d.effects).toEqual([])
  })
})

describe('admitting', () => {
  it('records a green check-in with one Enter: both checks confirmed, the method, the instant of the admit', () => {
    const c = aCandidate()
    const d = aCheckinDesk({ candidates: [c] }).at('08:45')
    scanQr(d, c).at('08:45:07').key('Enter')
    expect(d.recording()).toMatchObject({
      type: 'checkIn',
      actor: 'proctor-1',
      at: atTime('08:45:07'),
      payload: {
        admitCardNo: c.admitCardNo,
        subject: 'theory',
        method: 'qr',
        verdict: 'admit',
        reasons: [],
        checklist: { faceMatches: true, originalDocumentSeen: true },
      },
    })
    d.commit()
    expect(view(d).step).toBe('admitted')
    expect(d.effects).toEqual([{ kind: 'startTimer', ms: 6000 }])
    d.send({ type: 'timeout' })
    expect(view(d).step).toBe('ready')
  })

  it('asks for both checks before admitting with attention (late), and records them', () => {
    const c = aCandidate()
    const d = aCheckinDesk({ candidates: [c] }).at('09:10')
    scanQr(d, c).key('Enter')
    expect(d.state.notice).toEqual({ code: 'checklistFirst' })
    expect(d.recording()).toBeUndefined()
    d.key('Alt+1').key('Alt+2').key('Enter')
    expect(d.recording()?.payload).toMatchObject({ verdict: 'attention', reasons: ['late'] })
  })

  it('decides again at the admit: scanned at 09:29:55, Enter at 09:30:20 is past the 09:30 cutoff and records nothing', () => {
    const c = aCandidate()
    const d = aCheckinDesk({ candidates: [c] }).at('09:29:55')
    scanQr(d, c).key('Alt+1').key('Alt+2')
    expect(verdictOf(d).outcome).toBe('attention')
    d.at('09:30:20').key('Enter')
    expect(d.recording()).toBeUndefined()
    expect(verdictOf(d).reasons.map((r) => r.code)).toEqual(['lateEntryClosed'])
    expect(d.state.notice).toEqual({ code: 'verdictChanged' })
  })

  it('does not admit a candidate another window checked in after the scan', () => {
    const c = aCandidate()
    const d = aCheckinDesk({ candidates: [c] })
    scanQr(d, c)
      .arrives(aDesk('desk-b-0002').checkIn(c, 'theory', '08:46'))
      .at('08:47')
      .key('Enter')
    expect(d.recording()).toBeUndefined()
    expect(screenOf(verdictOf(d))).toBe('alreadyIn')
  })

  it('takes nothing while a check-in is being committed: a second Enter cannot admit twice', () => {
    const c = aCandidate()
    const d = aCheckinDesk({ candidates: [c] })
    scanQr(d, c).key('Enter')
    const pending = d.state
    d.key('Enter').send({ type: 'scan', text: c.admitCardNo })
    expect(d.state).toBe(pending)
    expect(d.effects).toEqual([])
  })

  it('says what failed and keeps the candidate on screen when the append fails', () => {
    const c = aCandidate()
    const d = aCheckinDesk({ candidates: [c] })
    scanQr(d, c).key('Enter').send({ type: 'failed', message: 'disk full' })
    expect(d.state.notice).toEqual({ code: 'failed', message: 'disk full' })
    expect(d.state.pending).toBeUndefined()
    expect(verdictOf(d).candidate).toBe(c)
  })
})

describe('a card read after the admit card (F2)', () => {
  it('is part of that check-in: both methods and the chip data are recorded', () => {
    const c = aCandidate()
    const d = aCheckinDesk({ candidates: [c] })
    scanQr(d, c).key('F2')
    expect(d.effects).toEqual([{ kind: 'readCard' }])
    d.send({ type: 'cardRead', card: aCardRead(c) }).key('Enter')
    expect(d.recording()?.payload).toMatchObject({
      method: 'qr',
      methods: ['qr', 'cardReader'],
      presented: { cardName: c.name, cardNumber: c.idDocument.number, cardType: 'cn_resident_id' },
    })
  })

  it("puts the card's checks into the verdict: a card under another name refuses", () => {
    const c = aCandidate({ name: '王芳' })
    const d = aCheckinDesk({ candidates: [c] })
    scanQr(d, c).send({ type: 'cardRead', card: aCardRead(c, { name: '王方' }) })
    expect(verdictOf(d).outcome).toBe('refuse')
    expect(verdictOf(d).reasons.map((r) => r.code)).toContain('nameMismatch')
  })
})

describe('what Enter does when nobody is turned away for cause', () => {
  it('shows who checked in a candidate already in the room, where and when; Enter goes back, no refusal', () => {
    const c = aCandidate()
    const earlier = aDesk('desk-b-0002', 'manager-1').checkIn(c, 'theory', '08:40')
    const d = aCheckinDesk({ candidates: [c], events: [earlier] })
    scanQr(d, c)
    expect(screenOf(verdictOf(d))).toBe('alreadyIn')
    expect(verdictOf(d).reasons[0]).toMatchObject({
      code: 'alreadyCheckedIn',
      deviceId: 'desk-b-0002',
      staffId: 'manager-1',
      at: at('08:40'),
    })
    d.key('Enter')
    expect(d.state).toEqual(INITIAL)
    expect(d.effects).toEqual([])
  })

  it('tells an early arrival to wait for the doors (08:30); Enter records nothing, F6 can still let them in', () => {
    const c = aCandidate()
    const d = aCheckinDesk({ candidates: [c] }).at('08:10')
    scanQr(d, c)
    expect(screenOf(verdictOf(d))).toBe('wait')
    expect(verdictOf(d).reasons[0]).toMatchObject({ code: 'beforeDoorsOpen', doorsOpen: at('08:30'), minutesEarly: 20 })
    d.key('F6')
    expect(d.state.dialog).toMatchObject({ kind: 'override', codes: ['beforeDoorsOpen'], needsSiteManager: true })
    d.send({ type: 'closeDialog' })
    expect(d.state.dialog).toBeUndefined()
    expect(screenOf(verdictOf(d))).toBe('wait')
    d.key('Enter')
    expect(d.state).toEqual(INITIAL)
    expect(d.effects).toEqual([])
  })

  it('asks for a second scan of a truncated QR, and records nothing', () => {
    const d = aCheckinDesk({ candidates: [aCandidate()] })
    d.send({ type: 'scan', text: 'ED1.abc' }).send({
      type: 'qrChecked',
      text: 'ED1.abc',
      check: { ok: false, reason: 'malformed' },
    })
    expect(screenOf(verdictOf(d))).toBe('rescan')
    d.key('Enter')
    expect(d.effects).toEqual([])
  })

  it('asks to retype a number with a wrong check digit, and Enter records no refusal for the typo', () => {
    const c = aCandidate()
    const d = aCheckinDesk({ candidates: [c] })
    const n = c.idDocument.number
    const typo = n.slice(0, 16) + String((Number(n[16]) + 1) % 10) + n[17]
    d.send({ type: 'scan', text: typo })
    expect(verdictOf(d).reasons.map((r) => r.code)).toEqual(['invalidCheckDigit'])
    expect(screenOf(verdictOf(d))).toBe('retype')
    d.key('Enter')
    expect(d.effects).toEqual([])
    expect(d.state).toEqual(INITIAL)
  })

  it('records the refusal of a forged admit card with Enter', () => {
    const c = aCandidate()
    const d = aCheckinDesk({ candidates: [c] })
    d.send({ type: 'scan', text: 'ED1.x' }).send({
      type: 'qrChecked',
      text: 'ED1.x',
      check: { ok: false, reason: 'badSignature', admitCardNo: c.admitCardNo },
    })
    d.key('Enter')
    expect(d.recording()).toMatchObject({ type: 'refusal', payload: { reasons: ['forgedAdmitCard'], method: 'qr' } })
    expect(d.commit().state.view.step).toBe('refused')
  })
})

describe('a candidate of a room this desk does not serve', () => {
  it('is attention with the reason otherRoom, and the check-in records it', () => {
    const c = aCandidate({ room: 'R305' })
    const d = aCheckinDesk({ candidates: [c], rooms: ['R101'] })
    scanQr(d, c)
    expect(verdictOf(d).outcome).toBe('attention')
    d.key('Alt+1').key('Alt+2').key('Enter')
    expect(d.recording()?.payload).toMatchObject({ verdict: 'attention', reasons: ['otherRoom'] })
  })
})

describe('refusing, overriding and notes', () => {
  it('records a refusal with the proctor’s words after F4', () => {
    const c = aCandidate()
    const d = aCheckinDesk({ candidates: [c] }).at('09:31')
    scanQr(d, c).key('F4')
    expect(d.state.dialog).toMatchObject({ kind: 'refuse', codes: ['lateEntryClosed'], about: { name: c.name } })
    d.send({ type: 'refuse', reason: '考生自愿放弃' })
    expect(d.recording()?.payload).toMatchObject({ reasons: ['lateEntryClosed'], reason: '考生自愿放弃' })
  })

  it("lets a site manager's override through and decides again: the refusal becomes attention", () => {
    const c = aCandidate()
    const d = aCheckinDesk({ candidates: [c] }).at('09:31')
    scanQr(d, c).key('F6')
    expect(d.state.dialog).toMatchObject({ kind: 'override', about: { admitCardNo: c.admitCardNo, subject: 'theory' } })
    d.send({ type: 'override', approvedBy: 'manager-1', reason: '地铁故障' })
    expect(d.recording()).toMatchObject({
      type: 'override',
      actor: 'manager-1',
      payload: { reasons: ['lateEntryClosed'] },
    })
    d.commit()
    expect(verdictOf(d).outcome).toBe('attention')
    d.key('Alt+1').key('Alt+2').key('Enter')
    expect(d.recording()?.payload).toMatchObject({ overrideEventId: expect.any(String) })
  })

  it('does not open the override dialog for what no override can let through (not on the roster)', () => {
    const d = aCheckinDesk({ candidates: [aCandidate()] })
      .send({ type: 'scan', text: '2099000001' })
      .key('F6')
    expect(d.state.dialog).toBeUndefined()
  })

  it('records a note about the candidate on screen (F8)', () => {
    const c = aCandidate()
    const d = aCheckinDesk({ candidates: [c] })
    scanQr(d, c).key('F8').send({ type: 'note', text: '考生携带计算器，已寄存' })
    expect(d.recording()?.payload).toEqual({ text: '考生携带计算器，已寄存', admitCardNo: c.admitCardNo })
    expect(d.commit().state.notice).toEqual({ code: 'noteRecorded' })
  })

  it('takes no scan while a dialog is open, and Esc on the desk clears everything', () => {
    const [a, b] = [aCandidate(), aCandidate()]
    const d = aCheckinDesk({ candidates: [a, b] })
    scanQr(d, a).key('F8').send({ type: 'scan', text: b.admitCardNo })
    expect(verdictOf(d).candidate).toBe(a)
    d.send({ type: 'closeDialog' })
    expect(d.state.dialog).toBeUndefined()
    expect(verdictOf(d).candidate).toBe(a) // Esc in the dialog closes the dialog only: nothing recorded
    expect(d.effects).toEqual([])
    d.key('Escape')
    expect(d.state).toEqual(INITIAL)
  })

  it('closes a dialog on Esc or Cancel and keeps the candidate on screen, recording nothing', () => {
    const c = aCandidate()
    const d = aCheckinDesk({ candidates: [c] })
    scanQr(d, c).key('F8')
    expect(d.state.dialog).toMatchObject({ kind: 'note' })
    d.send({ type: 'closeDialog' })
    expect(d.state.dialog).toBeUndefined()
    expect(verdictOf(d).candidate).toBe(c)
    expect(d.effects).toEqual([])
  })
})

describe('voiding', () => {
  const admitted = (c: Candidate, time = '08:45') => {
    const d = aCheckinDesk({ candidates: [c] }).at(time)
    return scanQr(d, c).key('Enter').commit()
  }

  it('voids the desk’s last check-in with F9 on the scan screen, not only on the success screen', () => {
    const c = aCandidate()
    const d = admitted(c).send({ type: 'timeout' }).at('08:47').key('F9')
    expect(d.state.dialog).toMatchObject({ kind: 'void', about: { name: c.name }, needsSiteManager: false })
    const id = d.state.dialog?.kind === 'void' ? d.state.dialog.targetEventId : ''
    d.send({ type: 'void', targetEventId: id, reason: '认错人' })
    expect(d.recording()).toMatchObject({ type: 'void', payload: { targetEventId: id, reason: '认错人' } })
    d.commit()
    expect(d.state).toEqual({ view: { step: 'ready' }, notice: { code: 'voided', name: c.name } })
    scanQr(d, c)
    expect(verdictOf(d).outcome).toBe('admit')
  })

  it("needs the site manager for a proctor's void of a check-in older than 5 minutes, from the candidate's record", () => {
    const c = aCandidate()
    const d = admitted(c).send({ type: 'reset' }).at('09:20')
    scanQr(d, c)
    const checkIn = lastCheckInOf(d.index, DEVICE, 'theory')!
    d.send({ type: 'openDialog', kind: 'void', targetEventId: checkIn.eventId })
    expect(d.state.dialog).toMatchObject({ kind: 'void', targetEventId: checkIn.eventId, needsSiteManager: true })
  })

  it('says there is nothing to void when the desk has no check-in standing', () => {
    const c = aCandidate()
    const d = admitted(c).key('F9')
    const id = d.state.dialog?.kind === 'void' ? d.state.dialog.targetEventId : ''
    d.send({ type: 'void', targetEventId: id, reason: '认错人' }).commit().key('F9')
    expect(d.state.notice).toEqual({ code: 'nothingToVoid' })
  })

  it('asks for approval again after voiding a check-in admitted under an override', () => {
    const c = aCandidate()
    const d = aCheckinDesk({ candidates: [c] }).at('09:31')
    scanQr(d, c).send({ type: 'override', approvedBy: 'manager-1', reason: '地铁故障' }).commit()
    d.key('Alt+1').key('Alt+2').key('Enter').commit().key('F9')
    const id = d.state.dialog?.kind === 'void' ? d.state.dialog.targetEventId : ''
    d.send({ type: 'void', targetEventId: id, reason: '登记错误' }).commit()
    scanQr(d.at('09:33'), c)
    expect(verdictOf(d).outcome).toBe('refuse')
    expect(verdictOf(d).reasons.map((r) => r.code)).toEqual(['lateEntryClosed'])
  })
})

describe('the invoice (F7)', () => {
  it('records the hand-over of a requested invoice with one key, and refuses a second one naming when', () => {
    const c = aCandidate({ invoiceRequested: true })
    const d = aCheckinDesk({ candidates: [c] })
    scanQr(d, c).key('F7')
    expect(d.recording()).toMatchObject({ type: 'invoiceHandedOver', payload: { admitCardNo: c.admitCardNo } })
    d.commit().key('F7')
    expect(d.recording()).toBeUndefined()
    expect(d.state.notice).toMatchObject({ code: 'invoiceAlready', name: c.name, staffId: 'proctor-1' })
  })

  it('asks a site manager to confirm, with a reason, an invoice the candidate did not request', () => {
    const c = aCandidate({ invoiceRequested: false })
    const d = aCheckinDesk({ candidates: [c] })
    scanQr(d, c).key('F7')
    expect(d.state.dialog).toMatchObject({ kind: 'invoice', needsSiteManager: true })
    d.send({ type: 'invoice', reason: '单位报销需要', approvedBy: 'manager-1' })
    expect(d.recording()?.payload).toEqual({
      admitCardNo: c.admitCardNo,
      reason: '单位报销需要',
      approvedBy: 'manager-1',
    })
  })

  it("is undone by a void from the candidate's record, after which it can be handed over again", () => {
    const c = aCandidate({ invoiceRequested: true })
    const d = aCheckinDesk({ candidates: [c] })
    scanQr(d, c).key('F7')
    expect(d.commit().state.notice).toMatchObject({ code: 'invoiceRecorded' })
    const eventId = d.committed.eventId
    d.send({ type: 'openDialog', kind: 'void', targetEventId: eventId })
    expect(d.state.dialog).toMatchObject({ kind: 'void', what: 'invoice', about: { name: c.name } })
    d.send({ type: 'void', targetEventId: eventId, reason: '发错人' })
    expect(d.recording()).toMatchObject({ type: 'void', payload: { targetEventId: eventId, reason: '发错人' } })
    expect(d.commit().state.notice).toEqual({ code: 'invoiceVoided', name: c.name })
    scanQr(d, c).key('F7')
    expect(d.recording()).toMatchObject({ type: 'invoiceHandedOver' })
  })
})

describe('the key map', () => {
  it('draws the legend from the same table the keyboard dispatches from', () => {
    expect(DESK_KEYS.filter((k) => k.legend).map((k) => k.display)).toEqual([
      'Enter',
      'F2',
      'F3',
      'F4',
      'F6',
      'F7',
      'F8',
      'F9',
      'Esc',
    ])
    expect(deskKeyOf({ key: '1', altKey: true })?.action).toEqual({ type: 'toggle', item: 'faceMatches' })
    expect(deskKeyOf({ key: 'F9', altKey: false, ctrlKey: true })).toBeUndefined()
  })

  it('reveals the full ID number with F3 and masks it again for the next candidate', () => {
    const [a, b] = [aCandidate(), aCandidate()]
    const d = aCheckinDesk({ candidates: [a, b] })
    scanQr(d, a).key('F3')
    expect(d.state.view).toMatchObject({ revealed: true })
    scanQr(d, b)
    expect(d.state.view).toMatchObject({ revealed: false })
  })
})
