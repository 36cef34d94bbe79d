import { describe, expect, it } from 'vitest'
import { canBeOverridden } from '../../../src-shared/overrides'
import type { Candidate } from '../../../src-shared/schemas'
import { verdict, type CardRead, type Verdict } from '../../../src-shared/verdict'
import { aCandidate, aCardRead, aDesk, aLedger, aQrCheck, aRosterView, atTime } from './factories'

// The exam day of the factories' session is 2024-12-14.
const codes = (v: Verdict) => v.reasons.map((r) => r.code)

/** The candidate puts a card with these validity dates on the reader at 08:45, after the given events. */
function readCard(c: Candidate, validity: Partial<CardRead>, ...events: Parameters<typeof aLedger>): Verdict {
  const roster = aRosterView({ candidates: [c], isSiteManager: (id) => id === 'manager-1' })
  return verdict({ kind: 'cardReader', card: aCardRead(c, validity) }, roster, aLedger(...events), atTime('08:45'))
}

describe('the validity of the identity document (the admit card demands a valid original)', () => {
  it('refuses a card that expired yesterday, and a site manager can override it', () => {
    const v = readCard(aCandidate(), { validTo: '20241213' })
    expect(v.outcome).toBe('refuse')
    expect(v.reasons).toEqual([
      expect.objectContaining({
        code: 'documentExpired',
        severity: 'refuse',
        validTo: '2024-12-13',
        examDate: '2024-12-14',
      }),
    ])
    expect(canBeOverridden(v)).toBe(true)
  })

  it('accepts a card valid until today: the end date is a day of validity', () => {
    expect(readCard(aCandidate(), { validTo: '2024-12-14' })).toMatchObject({ outcome: 'admit', reasons: [] })
  })

  it('accepts a 长期 card (no end date)', () => {
    expect(readCard(aCandidate(), { validTo: null }).outcome).toBe('admit')
  })

  it('refuses a card whose validity starts tomorrow, with its own reason, and a site manager can override it', () => {
    const v = readCard(aCandidate(), { validFrom: '20241215' })
    expect(v.outcome).toBe('refuse')
    expect(v.reasons).toEqual([
      expect.objectContaining({ code: 'documentNotYetValid', validFrom: '2024-12-15', examDate: '2024-12-14' }),
    ])
    expect(canBeOverridden(v)).toBe(true)
  })

  it('accepts a card issued today: the start date is a day of validity', () => {
    expect(readCard(aCandidate(), { validFrom: '2024-12-14' }).outcome).toBe('admit')
  })

  it('admits with attention an expired card after a site manager override, and says who and why', () => {
    const c = aCandidate()
    const why = '身份证过期，持公安机关临时身份证明'
    const override = aDesk().override(c, 'theory', ['documentExpired'], '08:40', 'manager-1', why)
    const v = readCard(c, { validTo: '2024-12-13' }, override)
    expect(v.outcome).toBe('attention')
    expect(codes(v)).toEqual(['documentExpired', 'overridden'])
    expect(v.reasons[0]).toMatchObject({ severity: 'attention', overriddenBy: override.eventId })
    expect(v.reasons[1]).toMatchObject({ approvedBy: 'manager-1', reason: why, codes: ['documentExpired'] })
  })

  it('admits with attention a not-yet-valid card after a site manager override', () => {
    const c = aCandidate()
    const override = aDesk().override(c, 'theory', ['documentNotYetValid'], '08:40', 'manager-1', '新证次日生效')
    expect(readCard(c, { validFrom: '2024-12-15' }, override).outcome).toBe('attention')
  })

  it('still refuses an expired card when the override was approved by a proctor', () => {
    const c = aCandidate()
    const override = aDesk().override(c, 'theory', ['documentExpired'], '08:40', 'proctor-1', '考务自行放行')
    expect(readCard(c, { validTo: '2024-12-13' }, override).outcome).toBe('refuse')
  })

  it('checks the card read alongside an admit card QR too', () => {
    const c = aCandidate()
    const roster = aRosterView({ candidates: [c] })
    const input = {
      kind: 'qr' as const,
      check: aQrCheck(c),
      document: { kind: 'cardReader' as const, card: aCardRead(c, { validTo: '2024-12-13' }) },
    }
    expect(codes(verdict(input, roster, aLedger(), atTime('08:45')))).toEqual(['documentExpired'])
  })
})
