import { describe, expect, it } from 'vitest'
import { makeResidentId } from '../../../src-shared/id-documents'
import type { Candidate, GroupTimes } from '../../../src-shared/schemas'
import { REASON_CODES, verdict, type ScanInput, type Verdict } from '../../../src-shared/verdict'
import { aCandidate, aCardRead, aDesk, aLedger, aQrCheck, aRosterView, aSession, atTime, at } from './factories'

const codes = (v: Verdict) => v.reasons.map((r) => r.code)
const reasonOf = (v: Verdict, code: string) => v.reasons.find((r) => r.code === code)
const scanQr = (c: Candidate): ScanInput => ({ kind: 'qr', check: aQrCheck(c) })

/** One candidate on the roster, checked in for theory at `time` unless the test says otherwise. */
function deskFor(c: Candidate, opts: Parameters<typeof aRosterView>[0] = {}) {
  const roster = aRosterView({ candidates: [c], ...opts })
  return (input: ScanInput, time = '08:45', ...events: Parameters<typeof aLedger>) =>
    verdict(input, roster, aLedger(...events), atTime(time))
}

describe('an ordinary candidate on time', () => {
  it('admits a candidate whose admit card QR checks out, with the room and seat', () => {
    const c = aCandidate({ room: 'R203' })
    const v = deskFor(c)(scanQr(c))
    expect(v).toMatchObject({
      outcome: 'admit',
      candidate: c,
      sitting: { subject: 'theory', roomId: 'R203' },
      reasons: [],
    })
  })

  it('admits a candidate found by search', () => {
    const c = aCandidate()
    expect(deskFor(c)({ kind: 'search', admitCardNo: c.admitCardNo }).outcome).toBe('admit')
  })
})

describe('not on this roster', () => {
  it('refuses an admit card number nobody on the roster has', () => {
    const v = deskFor(aCandidate())({ kind: 'admitCardNo', value: '2099000001' })
    expect(v.outcome).toBe('refuse')
    expect(v.reasons).toEqual([
      expect.objectContaining({ code: 'notOnRoster', lookup: 'admitCardNo', value: '2099000001' }),
    ])
  })

  it('finds a typed admit card number with full-width digits and spaces', () => {
    const c = aCandidate()
    const fullWidth = c.admitCardNo.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))
    expect(deskFor(c)({ kind: 'admitCardNo', value: ` ${fullWidth} ` }).candidate).toBe(c)
  })

  it('refuses a valid resident ID that is nobody on the roster', () => {
    const v = deskFor(aCandidate())({ kind: 'idDocument', raw: '11010519491231002X' })
    expect(v.reasons).toEqual([
      expect.objectContaining({ code: 'notOnRoster', lookup: 'idDocument', value: '11010519491231002X' }),
    ])
  })
})

describe('admit cards of another session, venue or body', () => {
  it('refuses a genuine admit card of another session', () => {
    const c = aCandidate()
    const v = deskFor(c)({ kind: 'qr', check: aQrCheck(c, { sessionId: 'cecc-2024-09-bj01' }) })
    expect(v.outcome).toBe('refuse')
    expect(v.candidate).toBeUndefined()
    expect(v.reasons).toEqual([
      expect.objectContaining({
        code: 'otherSession',
        sessionId: 'cecc-2024-09-bj01',
        expectedSessionId: aSession().id,
      }),
    ])
  })

  it('says it is another venue when the desk knows that session', () => {
    const c = aCandidate()
    const other = aSession({ id: 'cecc-2024-12-bj02', venueId: 'bj-chaoyang-02' })
    const desk = deskFor(c, { knownSession: (id) => (id === other.id ? other : undefined) })
    const v = desk({ kind: 'qr', check: aQrCheck(c, { sessionId: other.id }) })
    expect(reasonOf(v, 'otherSession')).toMatchObject({ otherVenue: true, otherBody: false, date: '2024-12-14' })
  })

  it('says it is another certifying body, and another day, when the desk knows that session', () => {
    const c = aCandidate()
    const other = aSession({ id: 'osta-2025-03-sh01', bodyId: 'osta-sh', date: '2025-03-08' })
    const desk = deskFor(c, { knownSession: (id) => (id === other.id ? other : undefined) })
    const v = desk({ kind: 'qr', check: aQrCheck(c, { sessionId: other.id }) })
    expect(v.outcome).toBe('refuse')
    expect(reasonOf(v, 'otherSession')).toMatchObject({ otherBody: true, date: '2025-03-08' })
  })
})

describe('forged and revoked admit cards', () => {
  it('asks for a second scan of a truncated or misread QR: not a forgery, nobody shown', () => {
    const c = aCandidate()
    const v = deskFor(c)({ kind: 'qr', check: { ok: false, reason: 'malformed' } })
    expect(v.outcome).toBe('refuse')
    expect(v.candidate).toBeUndefined()
    expect(codes(v)).toEqual(['incompleteQr'])
  })

  it.each(['badSignature', 'unknownKey'] as const)(
    'refuses a complete QR whose check failed with %s as forged',
    (why) => {
      const v = deskFor(aCandidate())({ kind: 'qr', check: { ok: false, reason: why } })
      expect(v.outcome).toBe('refuse')
      expect(v.reasons).toEqual([expect.objectContaining({ code: 'forgedAdmitCard', check: why })])
    },
  )

  it('names the admit card number a forged QR claims, but does not show that candidate', () => {
    const c = aCandidate()
    const v = deskFor(c)({ kind: 'qr', check: { ok: false, reason: 'badSignature', admitCardNo: c.admitCardNo } })
    expect(v.candidate).toBeUndefined()
    expect(reasonOf(v, 'forgedAdmitCard')).toMatchObject({ claimedAdmitCardNo: c.admitCardNo })
  })

  it('refuses a QR of an unknown format version, so that the proctor types the number instead', () => {
    const v = deskFor(aCandidate())({ kind: 'qr', check: { ok: false, reason: 'unknownVersion' } })
    expect(codes(v)).toEqual(['unsupportedAdmitCard'])
  })

  it('refuses an admit card HQ revoked, however the candidate was found', () => {
    const c = aCandidate()
    const desk = deskFor(c, { revokedAdmitCards: [c.admitCardNo] })
    expect(codes(desk(scanQr(c)))).toEqual(['revokedAdmitCard'])
    expect(codes(desk({ kind: 'cardReader', card: aCardRead(c) }))).toEqual(['revokedAdmitCard'])
  })
})

describe('registered subjects (retakes sit one subject)', () => {
  it('refuses a retake candidate at the theory desk and names the subject they are registered for', () => {
    const retake = aCandidate({ subjects: ['skills'] })
    const v = deskFor(retake)(scanQr(retake))
    expect(v.outcome).toBe('refuse')
    expect(v.candidate).toBe(retake)
    expect(v.sitting).toBeUndefined()
    expect(v.reasons).toEqual([
      expect.objectContaining({ code: 'notRegisteredForSubject', subject: 'theory', registeredSubjects: ['skills'] }),
    ])
  })

  it('admits the same retake candidate at the skills desk', () => {
    const retake = aCandidate({ subjects: ['skills'] })
    expect(deskFor(retake, { subject: 'skills' })(scanQr(retake), '13:10').outcome).toBe('admit')
  })
})

describe('one check-in per candidate and subject', () => {
  it('refuses a second check-in and says which desk, when and which proctor', () => {
    const c = aCandidate()
    const earlier = aDesk('desk-b-0002', 'proctor-7').checkIn(c, 'theory', '08:40')
    const v = deskFor(c, { deviceId: 'desk-a-0001' })(scanQr(c), '08:45', earlier)
    expect(v.outcome).toBe('refuse')
    expect(v.reasons).toEqual([
      expect.objectContaining({
        code: 'alreadyCheckedIn',
        eventId: earlier.eventId,
        deviceId: 'desk-b-0002',
        at: at('08:40'),
        staffId: 'proctor-7',
        sameDesk: false,
      }),
    ])
  })

  it('admits again after the check-in was voided', () => {
    const c = aCandidate()
    const desk = aDesk()
    const checkIn = desk.checkIn(c, 'theory', '08:40')
    expect(deskFor(c)(scanQr(c), '08:45', checkIn, desk.void(checkIn, '08:42')).outcome).toBe('admit')
  })

  it('does not let a theory check-in block the skills subject', () => {
    const c = aCandidate()
    expect(deskFor(c, { subject: 'skills' })(scanQr(c), '13:10', aDesk().checkIn(c, 'theory', '08:40')).outcome).toBe(
      'admit',
    )
  })

  it('can never be overridden', () => {
    const c = aCandidate()
    const desk = aDesk()
    const events = [desk.checkIn(c, 'theory', '08:40'), desk.override(c, 'theory', ['alreadyCheckedIn'], '08:44')]
    expect(deskFor(c)(scanQr(c), '08:45', ...events).outcome).toBe('refuse')
  })
})

describe('doors open', () => {
  it('refuses a candidate 20 minutes before the doors open', () => {
    const c = aCandidate()
    const v = deskFor(c)(scanQr(c), '08:10')
    expect(v.reasons).toEqual([
      expect.objectContaining({ code: 'beforeDoorsOpen', doorsOpen: at('08:30'), minutesEarly: 20 }),
    ])
  })

  it('admits a candidate at the doors-open instant', () => {
    const c = aCandidate()
    expect(deskFor(c)(scanQr(c), '08:30').outcome).toBe('admit')
  })
})

describe('rooms the desk serves', () => {
  it('asks for attention, naming the room, when the candidate sits in a room this desk does not serve', () => {
    const c = aCandidate({ room: 'R305' })
    const desk = deskFor(c, { desk: { subject: 'theory', deviceId: 'desk-a-0001', rooms: ['R101', 'R102'] } })
    const v = desk(scanQr(c))
    expect(v.outcome).toBe('attention')
    expect(v.reasons).toEqual([
      expect.objectContaining({ code: 'otherRoom', roomId: 'R305', deskRooms: ['R101', 'R102'] }),
    ])
  })

  it("says nothing of rooms for a desk that serves every room, or the candidate's own", () => {
    const c = aCandidate({ room: 'R101' })
    expect(deskFor(c)(scanQr(c)).outcome).toBe('admit')
    const own = deskFor(c, { desk: { subject: 'theory', deviceId: 'desk-a-0001', rooms: ['R101'] } })
    expect(own(scanQr(c)).outcome).toBe('admit')
  })
})

describe('late entry', () => {
  it('refuses a candidate 31 minutes after the theory start when the cutoff is 30', () => {
    const c = aCandidate()
    const v = deskFor(c)(scanQr(c), '09:31')
    expect(v.outcome).toBe('refuse')
    expect(v.reasons).toEqual([
      expect.objectContaining({
        code: 'lateEntryClosed',
        start: at('09:00'),
        cutoff: '2024-12-14T09:30:00+08:00',
        minutesLate: 31,
      }),
    ])
  })

  it('admits with attention 10 minutes after the start', () => {
    const c = aCandidate()
    const v = deskFor(c)(scanQr(c), '09:10')
    expect(v.outcome).toBe('attention')
    expect(v.reasons).toEqual([expect.objectContaining({ code: 'late', minutesLate: 10, severity: 'attention' })])
  })

  it('refuses at the cutoff instant itself: "09:30 停止入场" means 09:30:00 is refused', () => {
    const c = aCandidate()
    expect(codes(deskFor(c)(scanQr(c), '09:30'))).toEqual(['lateEntryClosed'])
  })

  it('still admits, with attention, a second before the cutoff', () => {
    const c = aCandidate()
    expect(deskFor(c)(scanQr(c), '09:29:59').outcome).toBe('attention')
  })

  it('uses the cutoff configured for the subject (15 minutes)', () => {
    const c = aCandidate()
    const roster = aRosterView({ candidates: [c], subjects: [aSubjectWithCutoff(15)] })
    expect(codes(verdict(scanQr(c), roster, aLedger(), atTime('09:16')))).toEqual(['lateEntryClosed'])
  })

  it('compares instants: a `now` written in UTC is the same moment', () => {
    const c = aCandidate()
    const roster = aRosterView({ candidates: [c] })
    expect(codes(verdict(scanQr(c), roster, aLedger(), new Date('2024-12-14T01:31:00Z')))).toEqual(['lateEntryClosed'])
  })

  it('admits with attention after a site manager override, and records who and why', () => {
    const c = aCandidate()
    const override = aDesk('desk-m-0009').override(
      c,
      'theory',
      ['lateEntryClosed'],
      '09:33',
      'manager-1',
      '地铁故障，主考批准',
    )
    const v = deskFor(c, { isSiteManager: (id) => id === 'manager-1' })(scanQr(c), '09:35', override)
    expect(v.outcome).toBe('attention')
    expect(v.reasons).toEqual([
      expect.objectContaining({ code: 'lateEntryClosed', severity: 'attention', overriddenBy: override.eventId }),
      expect.objectContaining({
        code: 'overridden',
        eventId: override.eventId,
        approvedBy: 'manager-1',
        reason: '地铁故障，主考批准',
        codes: ['lateEntryClosed'],
      }),
    ])
  })

  it('asks for approval again once the check-in admitted under the override is voided', () => {
    const c = aCandidate()
    const desk = aDesk('desk-m-0009')
    const override = desk.override(c, 'theory', ['lateEntryClosed'], '09:33')
    const checkIn = desk.checkIn(c, 'theory', '09:34', { verdict: 'attention', overrideEventId: override.eventId })
    const voided = desk.void(checkIn, '09:36', '认错人')
    const v = deskFor(c)(scanQr(c), '09:40', override, checkIn, voided)
    expect(v.outcome).toBe('refuse')
    expect(codes(v)).toEqual(['lateEntryClosed'])
  })
})

function aSubjectWithCutoff(minutes: number) {
  return {
    code: 'theory' as const,
    doorsOpen: at('08:30'),
    start: at('09:00'),
    end: at('10:30'),
    lateEntryCutoffMinutes: minutes,
  }
}

describe("a group's own times for a subject", () => {
  // 电工 三级 sits theory 10:00–11:30 (doors 09:30, cutoff 15); everyone else 09:00 (doors 08:30, cutoff 30).
  const electrician = { occupation: '电工', level: '三级/高级工' }
  const groupTimes: GroupTimes[] = [
    {
      subject: 'theory',
      ...electrician,
      doorsOpen: at('09:30'),
      start: at('10:00'),
      end: at('11:30'),
      lateEntryCutoffMinutes: 15,
    },
  ]
  const later = aCandidate(electrician)
  const usual = aCandidate()
  const roster = aRosterView({ candidates: [later, usual], groupTimes })
  const at_ = (c: Candidate, time: string) => verdict(scanQr(c), roster, aLedger(), atTime(time))

  it('admits the later group on time at 09:45, while another group is refused after its own cutoff', () => {
    expect(at_(later, '09:45')).toMatchObject({ outcome: 'admit', reasons: [] })
    expect(codes(at_(usual, '09:45'))).toEqual(['lateEntryClosed'])
  })

  it("refuses the later group before its own doors open, printing the group's doors-open time", () => {
    expect(at_(later, '09:10').reasons).toEqual([
      expect.objectContaining({ code: 'beforeDoorsOpen', doorsOpen: at('09:30'), minutesEarly: 20 }),
    ])
    expect(at_(usual, '09:10').outcome).toBe('attention')
  })

  it('counts the later group late from its own start, and closes entry at its own cutoff', () => {
    expect(at_(later, '10:10').reasons).toEqual([
      expect.objectContaining({ code: 'late', start: at('10:00'), minutesLate: 10 }),
    ])
    expect(at_(later, '10:16').reasons).toEqual([
      expect.objectContaining({
        code: 'lateEntryClosed',
        start: at('10:00'),
        cutoff: '2024-12-14T10:15:00+08:00',
        minutesLate: 16,
      }),
    ])
  })

  it('keeps the session-wide times for the other subject of the group', () => {
    const skills = aRosterView({ candidates: [later], groupTimes, subject: 'skills' })
    expect(codes(verdict(scanQr(later), skills, aLedger(), atTime('13:40')))).toEqual(['late'])
  })
})

describe('site manager overrides', () => {
  it('lets through only the reason codes the override lists', () => {
    const c = aCandidate()
    const override = aDesk().override(c, 'theory', ['nameMismatch'], '09:33')
    expect(deskFor(c)(scanQr(c), '09:35', override).outcome).toBe('refuse')
  })

  it('applies to the subject it names only', () => {
    const c = aCandidate()
    const override = aDesk().override(c, 'skills', ['lateEntryClosed'], '09:33')
    expect(deskFor(c)(scanQr(c), '09:35', override).outcome).toBe('refuse')
  })

  it('no longer applies once voided', () => {
    const c = aCandidate()
    const desk = aDesk()
    const override = desk.override(c, 'theory', ['lateEntryClosed'], '09:33')
    expect(deskFor(c)(scanQr(c), '09:35', override, desk.void(override, '09:34')).outcome).toBe('refuse')
  })

  it('is ignored when approved by someone who is not a site manager', () => {
    const c = aCandidate()
    const override = aDesk().override(c, 'theory', ['lateEntryClosed'], '09:33', 'proctor-1')
    const desk = deskFor(c, { isSiteManager: (id) => id === 'manager-1' })
    expect(desk(scanQr(c), '09:35', override).outcome).toBe('refuse')
  })

  it('lists which codes can never be overridden', () => {
    const never = Object.entries(REASON_CODES)
      .filter(([, r]) => !r.overridable)
      .map(([code]) => code)
    expect(never).toEqual(expect.arrayContaining(['alreadyCheckedIn', 'notOnRoster', 'forgedAdmitCard']))
  })
})

describe('closed subject', () => {
  it('refuses after the site manager closed the subject', () => {
    const c = aCandidate()
    const v = deskFor(c)(scanQr(c), '09:20', aDesk().close('theory', '09:15'))
    expect(v.reasons).toEqual([expect.objectContaining({ code: 'subjectClosed', subject: 'theory' })])
  })

  it('admits again after the subject was reopened', () => {
    const c = aCandidate()
    const desk = aDesk()
    expect(deskFor(c)(scanQr(c), '09:20', desk.close('theory', '09:15'), desk.reopen('theory', '09:18')).outcome).toBe(
      'attention',
    )
  })
})

describe('typed document numbers', () => {
  it('finds the candidate by a typed resident ID, without a type', () => {
    const c = aCandidate()
    expect(deskFor(c)({ kind: 'idDocument', raw: c.idDocument.number.toLowerCase() }).candidate).toBe(c)
  })

  it('says the check digit is wrong rather than not found', () => {
    const c = aCandidate()
    const typo = c.idDocument.number.slice(0, 17) + (c.idDocument.number[17] === '0' ? '1' : '0')
    const v = deskFor(c)({ kind: 'idDocument', raw: typo })
    expect(v.outcome).toBe('refuse')
    expect(v.reasons).toEqual([
      expect.objectContaining({ code: 'invalidCheckDigit', type: 'cn_resident_id', raw: typo }),
    ])
  })

  it('says the check digit is wrong for a Hong Kong ID typo, though it would pass as a passport number', () => {
    const c = aCandidate({ idDocument: { type: 'hk_identity_card', number: 'A1234563' } })
    const v = deskFor(c)({ kind: 'idDocument', raw: 'A123456(4)' })
    expect(v.reasons).toEqual([expect.objectContaining({ code: 'invalidCheckDigit', type: 'hk_identity_card' })])
  })

  it('finds a Hong Kong ID written with its check digit in brackets', () => {
    const c = aCandidate({ idDocument: { type: 'hk_identity_card', number: 'A1234563' } })
    expect(deskFor(c)({ kind: 'idDocument', raw: 'A123456(3)' }).candidate).toBe(c)
  })

  it('says the check digit is wrong when the type was given', () => {
    const v = deskFor(aCandidate())({ kind: 'idDocument', type: 'cn_resident_id', raw: '110105194912310021' })
    expect(codes(v)).toEqual(['invalidCheckDigit'])
  })

  it('refuses a malformed number with the validation reason', () => {
    const v = deskFor(aCandidate())({ kind: 'idDocument', type: 'cn_resident_id', raw: '1101051949' })
    expect(v.reasons).toEqual([expect.objectContaining({ code: 'invalidDocumentNumber', validation: 'format' })])
  })

  it('shows a resident ID typed as a social security card with attention: same number', () => {
    const c = aCandidate()
    const v = deskFor(c)({ kind: 'idDocument', type: 'cn_social_security_card', raw: c.idDocument.number })
    expect(v.outcome).toBe('attention')
    expect(v.reasons).toEqual([
      expect.objectContaining({
        code: 'documentTypeMismatch',
        registered: 'cn_resident_id',
        presented: 'cn_social_security_card',
      }),
    ])
  })

  it('refuses when the birth date the number encodes differs from the registration', () => {
    const c = aCandidate({
      birthDate: '1990-05-17',
      idDocument: { type: 'cn_resident_id', number: makeResidentId('110105', '1991-01-01', '002') },
    })
    const v = deskFor(c)({ kind: 'idDocument', raw: c.idDocument.number })
    expect(v.reasons).toEqual([
      expect.objectContaining({
        code: 'birthDateMismatch',
        registered: '1990-05-17',
        presented: '1991-01-01',
        source: 'documentNumber',
      }),
    ])
  })

  it('lists the admit card numbers when one number matches several candidates', () => {
    const a = aCandidate()
    const b = aCandidate({ idDocument: a.idDocument })
    const roster = aRosterView({ candidates: [a, b] })
    const v = verdict({ kind: 'idDocument', raw: a.idDocument.number }, roster, aLedger(), atTime('08:45'))
    expect(v.outcome).toBe('attention')
    expect(v.candidate).toBeUndefined()
    expect(v.reasons).toEqual([
      expect.objectContaining({ code: 'ambiguousDocument', admitCardNos: [a.admitCardNo, b.admitCardNo].sort() }),
    ])
  })
})

describe('identity card on the reader', () => {
  it('admits when the card matches the registration', () => {
    const c = aCandidate()
    expect(deskFor(c)({ kind: 'cardReader', card: aCardRead(c) })).toMatchObject({ outcome: 'admit', candidate: c })
  })

  it('refuses a name that differs, with both spellings and the review flags', () => {
    const c = aCandidate({ name: '陈静' })
    const v = deskFor(c)({ kind: 'cardReader', card: aCardRead(c, { name: '陳静' }) })
    expect(v.outcome).toBe('refuse')
    expect(v.reasons).toEqual([
      expect.objectContaining({
        code: 'nameMismatch',
        registered: '陈静',
        presented: '陳静',
        flags: ['traditionalSimplified'],
      }),
    ])
  })

  it('refuses a chip whose birth date disagrees with its own number (a forged card or a broken reader)', () => {
    const c = aCandidate({ birthDate: '1990-05-17' })
    const v = deskFor(c)({ kind: 'cardReader', card: aCardRead(c, { birthDate: '1990-05-18' }) })
    expect(v.outcome).toBe('refuse')
    expect(v.reasons).toContainEqual(
      expect.objectContaining({
        code: 'cardReaderMismatch',
        field: 'birthDate',
        expected: '1990-05-17',
        presented: '1990-05-18',
        source: 'documentNumber',
      }),
    )
  })

  it('admits a name that differs only in the middle-dot look-alike', () => {
    const c = aCandidate({ name: '阿依古丽·买买提' })
    expect(deskFor(c)({ kind: 'cardReader', card: aCardRead(c, { name: '阿依古丽・买买提' }) }).outcome).toBe('admit')
  })

  it('refuses a birth date on the card that differs from the registration', () => {
    const c = aCandidate()
    const v = deskFor(c)({ kind: 'cardReader', card: aCardRead(c, { birthDate: '1990-05-18' }) })
    expect(reasonOf(v, 'birthDateMismatch')).toMatchObject({
      registered: '1990-05-17',
      presented: '1990-05-18',
      source: 'card',
    })
    expect(v.outcome).toBe('refuse')
  })

  it('refuses a chip whose sex differs from the registration', () => {
    const c = aCandidate({ sex: 'F' })
    const v = deskFor(c)({ kind: 'cardReader', card: aCardRead(c, { sex: 'M' }) })
    expect(reasonOf(v, 'cardReaderMismatch')).toMatchObject({
      field: 'sex',
      expected: 'F',
      presented: 'M',
      source: 'registration',
    })
  })

  it('matches a resident ID card against a registered social security card with attention', () => {
    const c = aCandidate()
    const registeredSsc = {
      ...c,
      idDocument: { type: 'cn_social_security_card' as const, number: c.idDocument.number },
    }
    const v = deskFor(registeredSsc)({ kind: 'cardReader', card: aCardRead(c) })
    expect(codes(v)).toEqual(['documentTypeMismatch'])
  })

  it('admits with attention a name mismatch a site manager overrode', () => {
    const c = aCandidate({ name: '陈静' })
    const override = aDesk().override(c, 'theory', ['nameMismatch'], '08:40', 'manager-1', '户籍更名，有公安证明')
    const v = deskFor(c)({ kind: 'cardReader', card: aCardRead(c, { name: '陈婧' }) }, '08:45', override)
    expect(v.outcome).toBe('attention')
    expect(codes(v)).toEqual(['nameMismatch', 'overridden'])
  })
})

describe('a document shown alongside the admit card', () => {
  it('refuses when the card on the reader carries another number than the registration', () => {
    const c = aCandidate()
    // Another person's number with the same birth date (never the candidate's own sequence number).
    const other = makeResidentId('110105', c.birthDate, c.idDocument.number.slice(14, 17) === '123' ? '124' : '123')
    const v = deskFor(c)({
      kind: 'qr',
      check: aQrCheck(c),
      document: { kind: 'cardReader', card: aCardRead(c, { number: other }) },
    })
    expect(v.outcome).toBe('refuse')
    expect(reasonOf(v, 'documentNumberMismatch')).toMatchObject({
      registered: { type: 'cn_resident_id', number: c.idDocument.number },
      presented: { type: 'cn_resident_id', number: other },
    })
  })

  it('refuses a document of another type than registered', () => {
    const c = aCandidate()
    const v = deskFor(c)({
      kind: 'admitCardNo',
      value: c.admitCardNo,
      document: { kind: 'typed', type: 'passport', raw: 'E12345678' },
    })
    expect(v.reasons).toEqual([
      expect.objectContaining({ code: 'wrongDocumentType', registered: 'cn_resident_id', presented: 'passport' }),
    ])
  })

  it('refuses a typed number with a wrong check digit, and still shows the candidate', () => {
    const c = aCandidate()
    const v = deskFor(c)({ kind: 'qr', check: aQrCheck(c), document: { kind: 'typed', raw: '110105194912310021' } })
    expect(v).toMatchObject({ outcome: 'refuse', candidate: c })
    expect(codes(v)).toEqual(['invalidCheckDigit'])
  })
})

describe('registration photo', () => {
  it('admits with attention a candidate without a photo', () => {
    const c = aCandidate({ photo: undefined })
    expect(deskFor(c)(scanQr(c)).reasons).toEqual([
      expect.objectContaining({ code: 'photoMissing', severity: 'attention' }),
    ])
  })
})

describe('earlier refusals', () => {
  it('shows the earlier refusal and its reasons with attention', () => {
    const c = aCandidate()
    const refusal = aDesk('desk-b-0002').refusal(c, 'theory', ['nameMismatch'], '08:35', '证件姓名不符')
    const v = deskFor(c)(scanQr(c), '08:45', refusal)
    expect(v.outcome).toBe('attention')
    expect(v.reasons).toEqual([
      expect.objectContaining({
        code: 'previouslyRefused',
        eventId: refusal.eventId,
        deviceId: 'desk-b-0002',
        reasons: ['nameMismatch'],
        reason: '证件姓名不符',
      }),
    ])
  })
})

describe('the outcome', () => {
  it('refuses when any reason refuses, and lists refuse reasons first', () => {
    const c = aCandidate({ photo: undefined })
    const v = deskFor(c)(scanQr(c), '09:31')
    expect(v.outcome).toBe('refuse')
    expect(codes(v)).toEqual(['lateEntryClosed', 'photoMissing'])
  })
})
