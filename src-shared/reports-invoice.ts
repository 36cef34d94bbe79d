/**
 * The 发票领取清单: one row per candidate who requested an invoice or received one, with who handed it
 * over, where and when, from the same rule book the desk uses (invoice.ts: the earliest hand-over that no
 * void took back counts). Pure: screen text comes from the UI's locale files.
 */
import type { Attendance } from './attendance'
import { invoiceHandOver, type InvoiceHandOver } from './invoice'
import type { Candidate, LedgerEvent } from './schemas'

/** What the export and the list say of a candidate's invoice. */
export type InvoiceState = 'handedOver' | 'notHandedOver' | 'notRequested'

/** The candidate's events, as the desk's ledger view gives them. */
export interface EventsOfCandidate {
  eventsFor(admitCardNo: string): readonly LedgerEvent[]
}

/** 已领取 when a hand-over counts; else 未领取 for a candidate who requested one, 未申请 otherwise. */
export function invoiceState(candidate: Candidate, handedOver: InvoiceHandOver | undefined): InvoiceState {
  if (handedOver) return 'handedOver'
  return candidate.invoiceRequested ? 'notHandedOver' : 'notRequested'
}

export interface InvoiceRow {
  admitCardNo: string
  name: string
  requested: boolean
  state: InvoiceState
  /** The hand-over that counts; `reason` and `approvedBy` when the candidate had not requested one. */
  handedOver?: InvoiceHandOver
}
export interface InvoiceList {
  rows: InvoiceRow[]
  counts: {
    /** Candidates who requested an invoice at registration. */
    requested: number
    handedOver: number
    /** Requested and not handed over yet. */
    outstanding: number
    /** Handed over without a request, each with a site manager's approval. */
    unrequested: number
  }
}

/** The list in roster order: everyone who requested an invoice, and everyone who received one. */
export function invoiceList(att: Attendance, ledger: EventsOfCandidate): InvoiceList {
  const rows: InvoiceRow[] = []
  const counts = { requested: 0, handedOver: 0, outstanding: 0, unrequested: 0 }
  for (const { candidate: c } of att.candidates) {
    const handedOver = invoiceHandOver(ledger.eventsFor(c.admitCardNo))
    if (!c.invoiceRequested && !handedOver) continue
    const state = invoiceState(c, handedOver)
    if (c.invoiceRequested) counts.requested++
    if (handedOver) counts.handedOver++
    if (c.invoiceRequested && !handedOver) counts.outstanding++
    if (!c.invoiceRequested && handedOver) counts.unrequested++
    rows.push({
      admitCardNo: c.admitCardNo,
      name: c.name,
      requested: c.invoiceRequested,
      state,
      ...(handedOver ? { handedOver } : {}),
    })
  }
  return { rows, counts }
}
