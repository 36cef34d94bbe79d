import { describe, expect, it } from 'vitest'
import { canBeOverridden, overridableReasons } from '../../../src-shared/overrides'
import { reason } from '../../../src-shared/verdict-reasons'
import type { Verdict } from '../../../src-shared/verdict'
import { aCandidate, at } from './factories'

const late = reason('lateEntryClosed', { start: at('09:00'), cutoff: at('09:30'), minutesLate: 1 })
const checkedIn = reason('alreadyCheckedIn', {
  eventId: 'e1',
  deviceId: 'd1',
  at: at('08:40'),
  staffId: 'p1',
  sameDesk: true,
})

describe('a site manager override', () => {
  it('can let a late candidate in', () => {
    const v: Verdict = { outcome: 'refuse', candidate: aCandidate({}), reasons: [late] }
    expect(canBeOverridden(v)).toBe(true)
    expect(overridableReasons(v)).toEqual([late])
  })

  it('can never admit someone twice, even if they are also late', () => {
    const v: Verdict = { outcome: 'refuse', candidate: aCandidate({}), reasons: [late, checkedIn] }
    expect(canBeOverridden(v)).toBe(false)
  })

  it('needs a candidate: nobody on the roster cannot be overridden in', () => {
    const v: Verdict = { outcome: 'refuse', reasons: [reason('notOnRoster', { lookup: 'admitCardNo', value: '1' })] }
    expect(canBeOverridden(v)).toBe(false)
  })
})
