/** What a site manager's override (主考批准) can do for a verdict. */
import { REASON_CODES, type Reason, type Verdict } from './verdict'

/** The refuse reasons an override lets through (never: not on roster, forged card, already checked in…). */
export function overridableReasons(v: Verdict): Reason[] {
  return v.reasons.filter((r) => r.severity === 'refuse' && REASON_CODES[r.code].overridable)
}

/** An override helps only when there is a candidate and every refuse reason is overridable. */
export function canBeOverridden(v: Verdict): boolean {
  const refuse = v.reasons.filter((r) => r.severity === 'refuse')
  return v.candidate !== undefined && refuse.length > 0 && refuse.every((r) => REASON_CODES[r.code].overridable)
}
