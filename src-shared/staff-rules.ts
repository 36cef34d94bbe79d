/**
 * Who may do what at the desk, and the PIN lockout. Site managers (考点负责人) can do everything a
 * proctor (考务人员) can, plus the actions below; when a proctor is logged in, those actions ask for a
 * site manager's PIN on the spot.
 */
import type { StaffRole } from './schemas'

export const DESK_ACTIONS = [
  'checkIn',
  'refuse',
  'note',
  'invoice',
  'voidRecent', // a check-in of the last few minutes, e.g. the wrong person was admitted a moment ago
  'voidOld',
  'override',
  'import',
  'closeSubject',
  'reopenSubject',
  'sync',
  'export',
  'settings',
] as const
export type DeskAction = (typeof DESK_ACTIONS)[number]

const PROCTOR_ACTIONS: ReadonlySet<DeskAction> = new Set(['checkIn', 'refuse', 'note', 'invoice', 'voidRecent'])

/** True when `role` may do `action` by itself; otherwise a site manager must approve with a PIN. */
export function canDo(role: StaffRole, action: DeskAction): boolean {
  return role === 'siteManager' || PROCTOR_ACTIONS.has(action)
}

/** How old a check-in may be for a proctor to void it alone. */
export const RECENT_VOID_MINUTES = 5

/** The action a void needs: a recent one the proctor may do, an older one needs the site manager. */
export function voidAction(checkInTime: string, now: Date): DeskAction {
  const ageMs = now.getTime() - new Date(checkInTime).getTime()
  return ageMs <= RECENT_VOID_MINUTES * 60_000 ? 'voidRecent' : 'voidOld'
}

export interface LockoutPolicy {
  maxFailures: number
  lockMinutes: number
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMinutes: 10 }

/** Failed PIN attempts of one staff member, kept on the desk. */
export interface PinAttempts {
  failures: number
  lockedUntil: string | null
}

export const NO_ATTEMPTS: PinAttempts = { failures: 0, lockedUntil: null }

/** Whether the person is locked at `now`, and until when. */
export function lockedUntil(a: PinAttempts, now: Date): Date | null {
  if (!a.lockedUntil) return null
  const until = new Date(a.lockedUntil)
  return until.getTime() > now.getTime() ? until : null
}

/** The state after a wrong PIN: the fifth wrong PIN in a row locks that person for a while. */
export function afterWrongPin(a: PinAttempts, now: Date, policy: LockoutPolicy = DEFAULT_LOCKOUT): PinAttempts {
  // A lock that has run out starts a fresh count.
  const base = a.lockedUntil && !lockedUntil(a, now) ? NO_ATTEMPTS : a
  const failures = base.failures + 1
  if (failures >= policy.maxFailures) {
    return { failures: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000).toISOString() }
  }
  return { failures, lockedUntil: base.lockedUntil }
}

/** Idle auto-lock: minutes without a key press or click after which the desk locks. */
export function isIdle(lastActivity: Date, now: Date, idleMinutes: number): boolean {
  return idleMinutes > 0 && now.getTime() - lastActivity.getTime() >= idleMinutes * 60_000
}
