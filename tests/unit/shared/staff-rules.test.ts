import { describe, expect, it } from 'vitest'
import {
  afterWrongPin,
  canDo,
  DESK_ACTIONS,
  isIdle,
  lockedUntil,
  NO_ATTEMPTS,
  voidAction,
  type PinAttempts,
} from '../../../src-shared/staff-rules'

const t0 = new Date('2024-12-14T08:00:00+08:00')
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000)

describe('roles', () => {
  it('lets a proctor check in, refuse, note, hand over invoices and void a check-in just made', () => {
    for (const a of ['checkIn', 'refuse', 'note', 'invoice', 'voidRecent'] as const)
      expect(canDo('proctor', a)).toBe(true)
  })

  it('asks a site manager for import, override, old voids, closing subjects, sync, export and settings', () => {
    for (const a of [
      'import',
      'override',
      'voidOld',
      'closeSubject',
      'reopenSubject',
      'sync',
      'export',
      'settings',
    ] as const) {
      expect(canDo('proctor', a)).toBe(false)
    }
  })

  it('lets a site manager do everything a proctor can and more', () => {
    for (const a of DESK_ACTIONS) expect(canDo('siteManager', a)).toBe(true)
  })
})

describe('voiding a check-in', () => {
  it('is the proctor’s own call within five minutes, and the site manager’s after', () => {
    expect(voidAction(t0.toISOString(), later(4.9))).toBe('voidRecent')
    expect(voidAction(t0.toISOString(), later(5.1))).toBe('voidOld')
  })
})

describe('PIN lockout', () => {
  it('locks a person for ten minutes after the fifth wrong PIN in a row', () => {
    let a: PinAttempts = NO_ATTEMPTS
    for (let i = 0; i < 4; i++) a = afterWrongPin(a, t0)
    expect(lockedUntil(a, t0)).toBeNull()
    a = afterWrongPin(a, t0)
    expect(lockedUntil(a, later(9))?.toISOString()).toBe(later(10).toISOString())
    expect(lockedUntil(a, later(10))).toBeNull()
  })

  it('starts counting afresh once a lock has run out', () => {
    let a: PinAttempts = NO_ATTEMPTS
    for (let i = 0; i < 5; i++) a = afterWrongPin(a, t0)
    a = afterWrongPin(a, later(11))
    expect(a).toEqual({ failures: 1, lockedUntil: null })
  })
})

describe('idle auto-lock', () => {
  it('locks after the configured idle minutes, and never when set to 0', () => {
    expect(isIdle(t0, later(9.9), 10)).toBe(false)
    expect(isIdle(t0, later(10), 10)).toBe(true)
    expect(isIdle(t0, later(600), 0)).toBe(false)
  })
})
