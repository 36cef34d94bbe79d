/** Checking a staff PIN at this desk, with the lockout of staff-rules.ts kept per person. */
import { verifyPin } from '../../src-shared/pin'
import {
  afterWrongPin,
  lockedUntil,
  NO_ATTEMPTS,
  DEFAULT_LOCKOUT,
  type PinAttempts,
} from '../../src-shared/staff-rules'
import type { Staff } from '../../src-shared/schemas'
import { readPinAttempts, writePinAttempts } from '../db/settings'

export type PinResult = { ok: true } | { ok: false; locked: Date } | { ok: false; remaining: number }

export async function checkPin(staff: Staff, pin: string, now = new Date()): Promise<PinResult> {
  const attempts: PinAttempts = await readPinAttempts(staff.id)
  const locked = lockedUntil(attempts, now)
  if (locked) return { ok: false, locked }
  if (await verifyPin(pin, staff.pin)) {
    await writePinAttempts(staff.id, NO_ATTEMPTS)
    return { ok: true }
  }
  const next = afterWrongPin(attempts, now)
  await writePinAttempts(staff.id, next)
  const nowLocked = lockedUntil(next, now)
  return nowLocked
    ? { ok: false, locked: nowLocked }
    : { ok: false, remaining: DEFAULT_LOCKOUT.maxFailures - next.failures }
}
