/**
 * The audit log: every event of the desk, filtered by candidate, staff, type and time, each with the
 * candidate and subject it concerns (a void concerns the candidate of the event it voids). No reason
 * codes; chain status comes from ledger.ts `verifyChain` (its LEDGER_REASONS).
 */
import { parseInstant } from './attendance-events'
import { admitCardNoOf, approvedByOf, subjectOf, type EventType, type LedgerEvent, type SubjectCode } from './schemas'

export interface AuditFilter {
  /** Exact admit card number, or part of it. */
  admitCardNo?: string
  /** Staff id: the actor, or the approver of an override or void. */
  staffId?: string
  types?: readonly EventType[]
  /** Epoch ms, inclusive. */
  from?: number
  /** Epoch ms, exclusive. */
  to?: number
}

export interface AuditRow {
  event: LedgerEvent
  admitCardNo?: string
  subject?: SubjectCode
  approvedBy?: string
}

/** The events that pass the filter, newest first, each with the candidate and subject it concerns. */
export function auditRows(events: readonly LedgerEvent[], filter: AuditFilter = {}): AuditRow[] {
  const byEventId = new Map(events.map((e) => [e.eventId, e]))
  const types = filter.types && filter.types.length > 0 ? new Set(filter.types) : null
  const q = filter.admitCardNo?.trim() ?? ''
  const out: AuditRow[] = []
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!
    if (types && !types.has(e.type)) continue
    if (filter.from !== undefined || filter.to !== undefined) {
      const t = parseInstant(e.deviceTime)
      if (filter.from !== undefined && t < filter.from) continue
      if (filter.to !== undefined && t >= filter.to) continue
    }
    const row = auditRow(e, byEventId)
    if (q && !(row.admitCardNo ?? '').includes(q)) continue
    if (filter.staffId && e.actor !== filter.staffId && row.approvedBy !== filter.staffId) continue
    out.push(row)
  }
  return out
}

function auditRow(e: LedgerEvent, byEventId: ReadonlyMap<string, LedgerEvent>): AuditRow {
  const target = e.type === 'void' ? byEventId.get(e.payload.targetEventId) : undefined
  const about = target ?? e
  const row: AuditRow = { event: e }
  const no = admitCardNoOf(about)
  if (no !== undefined) row.admitCardNo = no
  const subject = subjectOf(about)
  if (subject !== undefined) row.subject = subject
  const approvedBy = approvedByOf(e)
  if (approvedBy !== undefined) row.approvedBy = approvedBy
  return row
}
