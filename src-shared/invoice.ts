/**
 * The invoice (发票) rule book: staff hand a candidate their invoice on exam day, at most once. A candidate
 * who did not ask for one at registration gets one only with a site manager's word and a reason. A wrong
 * hand-over is taken back with a `void` naming it (attendance-candidate.ts counts such voids), after which it
 * can be handed over again. Pure: the same events give the same answer in any order.
 */
import { effectiveVoids } from './attendance-candidate'
import { compareEvents } from './attendance-events'
import type { Candidate, EventOf, EventPayload, LedgerEvent } from './schemas'

/** Who handed the invoice over, where and when; `reason` and `approvedBy` when it was not requested. */
export interface InvoiceHandOver {
  eventId: string
  deviceId: string
  at: string
  staffId: string | null
  reason?: string
  approvedBy?: string
}

/** The candidate's hand-over that counts: the earliest not voided; undefined when none. */
export function invoiceHandOver(eventsOfCandidate: readonly LedgerEvent[]): InvoiceHandOver | undefined {
  let first: EventOf<'invoiceHandedOver'> | undefined
  let voidOf: ReadonlyMap<string, LedgerEvent> | undefined
  for (const e of eventsOfCandidate) {
    if (e.type !== 'invoiceHandedOver') continue
    voidOf ??= effectiveVoids(eventsOfCandidate)
    if (voidOf.has(e.eventId)) continue
    if (!first || compareEvents(e, first) < 0) first = e
  }
  if (!first) return undefined
  const h: InvoiceHandOver = {
    eventId: first.eventId,
    deviceId: first.deviceId,
    at: first.deviceTime,
    staffId: first.actor,
  }
  const { reason, approvedBy } = first.payload
  if (reason !== undefined) h.reason = reason
  if (approvedBy !== undefined) h.approvedBy = approvedBy
  return h
}

export type InvoiceDecision =
  /** `needs*` are true when the candidate did not request an invoice. */
  | { ok: true; needsSiteManager: boolean; needsReason: boolean }
  | { ok: false; reason: 'alreadyHandedOver'; handedOver: InvoiceHandOver }

/** May the desk hand this candidate an invoice now, and what does it need first. */
export function invoiceDecision(candidate: Candidate, eventsOfCandidate: readonly LedgerEvent[]): InvoiceDecision {
  const handedOver = invoiceHandOver(eventsOfCandidate)
  if (handedOver) return { ok: false, reason: 'alreadyHandedOver', handedOver }
  const unrequested = !candidate.invoiceRequested
  return { ok: true, needsSiteManager: unrequested, needsReason: unrequested }
}

/** The payload of an invoiceHandedOver event; reason and approver only when given (and not blank). */
export function invoicePayload(
  admitCardNo: string,
  opts: { reason?: string; approvedBy?: string } = {},
): EventPayload<'invoiceHandedOver'> {
  const reason = opts.reason?.trim()
  const approvedBy = opts.approvedBy?.trim()
  return {
    admitCardNo,
    ...(reason ? { reason } : {}),
    ...(approvedBy ? { approvedBy } : {}),
  }
}
