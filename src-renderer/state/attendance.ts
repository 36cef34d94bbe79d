/**
 * Attendance of the whole session for the site manager's screens, recomputed from the in-memory index
 * whenever a new event lands (desk-data bumps `version`): board, reports and the close dialog all read
 * this one value, so they cannot disagree.
 */
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo } from 'react'
import { deriveAttendance, type Attendance } from '../../src-shared/attendance'
import { ledger } from '../db'
import type { SessionRecord } from '../db/roster'
import type { DeskData } from './desk-data'

/** Attendance derived from the roster and the ledger, live. */
export function useAttendance(session: SessionRecord, data: DeskData): Attendance {
  const { candidates, index, version } = data
  return useMemo(
    () => deriveAttendance({ subjects: session.subjects, candidates }, index),
    // version stands for the index's contents (the index object is mutated in place as events arrive)
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session.subjects, candidates, index, version],
  )
}

/** The ledger head `{ seq, hash }` (null before the first event), live. */
export function useLedgerHead(): { seq: number; hash: string } | null {
  return (
    useLiveQuery(
      async () => {
        const h = await ledger.head.get('head')
        return h ? { seq: h.seq, hash: h.hash } : null
      },
      [],
      null,
    ) ?? null
  )
}
