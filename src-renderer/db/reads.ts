/**
 * Every read of the desk's two databases outside an import or an append, each behind a name: features and
 * state call these (or their live hooks) and never touch a Dexie table themselves (lint-enforced: the
 * `examdesk/tables` rule in eslint.config.js). Writes have their own homes: append.ts (events),
 * import.ts (rosters), ledger.ts (settings), sync.ts (upload state).
 */
import { useLiveQuery } from 'dexie-react-hooks'
import type { LedgerEvent } from '../../src-shared/schemas'
import { ledger, roster } from './index'
import type { ReceiptRecord, SyncRecord } from './ledger'
import type { CandidateRecord, SessionRecord, StaffRecord } from './roster'

// ── the ledger ──────────────────────────────────────────────────────────────────────────────────────

/** The newest event's `{ seq, hash }`, or null before the first event. */
export async function head(): Promise<{ seq: number; hash: string } | null> {
  const h = await ledger.head.get('head')
  return h ? { seq: h.seq, hash: h.hash } : null
}

/** The newest event's seq (0 before the first event). */
export async function headSeq(): Promise<number> {
  return (await ledger.head.get('head'))?.seq ?? 0
}

/** Every event this desk holds, oldest first. */
export function allEvents(): Promise<LedgerEvent[]> {
  return ledger.events.orderBy('seq').toArray()
}

/** The events after `seq`, oldest first. */
export function eventsAfter(seq: number): Promise<LedgerEvent[]> {
  return ledger.events.where('seq').above(seq).toArray()
}

export function eventCount(): Promise<number> {
  return ledger.events.count()
}

/** Where upload to HQ stands, if it ever started. */
export function syncState(): Promise<SyncRecord | undefined> {
  return ledger.sync.get('sync')
}

/** The highest seq HQ has acknowledged (0 before the first upload). */
export async function ackedSeq(): Promise<number> {
  return (await ledger.sync.get('sync'))?.ackedSeq ?? 0
}

/** Events this desk holds that HQ has not acknowledged yet. */
export async function pendingCount(): Promise<number> {
  return Math.max(0, (await headSeq()) - (await ackedSeq()))
}

/** HQ's newest signed receipt, if any. */
export function lastReceipt(): Promise<ReceiptRecord | undefined> {
  return ledger.receipts.orderBy('id').last()
}

// ── the roster ──────────────────────────────────────────────────────────────────────────────────────

/** Every session this desk loaded. */
export function sessions(): Promise<SessionRecord[]> {
  return roster.sessions.toArray()
}

export function candidatesOf(rosterId: string): Promise<CandidateRecord[]> {
  return roster.candidates.where('rosterId').equals(rosterId).toArray()
}

export function candidateCount(rosterId: string): Promise<number> {
  return roster.candidates.where('rosterId').equals(rosterId).count()
}

/** The roster's staff, by name (the login list). */
export function staffOf(rosterId: string): Promise<StaffRecord[]> {
  return roster.staff.where('rosterId').equals(rosterId).sortBy('name')
}

export function staffMember(rosterId: string, staffId: string): Promise<StaffRecord | undefined> {
  return roster.staff.get([rosterId, staffId])
}

/** A candidate's registration photo, if the package had one. */
export async function photoOf(rosterId: string, admitCardNo: string): Promise<Blob | undefined> {
  return (await roster.photos.get([rosterId, admitCardNo]))?.blob
}

/** The photos of several candidates, in the order asked (undefined where there is none). */
export async function photosOf(rosterId: string, admitCardNos: readonly string[]): Promise<(Blob | undefined)[]> {
  const rows = await roster.photos.bulkGet(admitCardNos.map((no) => [rosterId, no] as [string, string]))
  return rows.map((r) => r?.blob)
}

// ── live ────────────────────────────────────────────────────────────────────────────────────────────

/** The ledger head, kept current; null before the first event. */
export function useHead(): { seq: number; hash: string } | null {
  return useLiveQuery(head, [], null) ?? null
}

/** The ledger's newest seq, kept current. */
export function useHeadSeq(): number {
  return useLiveQuery(headSeq, [], 0)
}

/** Events not yet acknowledged by HQ, kept current. */
export function usePendingCount(): number {
  return useLiveQuery(pendingCount, [], 0)
}
