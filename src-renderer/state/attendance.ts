/**
 * Attendance of the whole session for the site manager's screens, recomputed from the in-memory index
 * whenever a new event lands (desk-data bumps `version`): board, reports and the close dialog all read
 * this one value, so they cannot disagree.
 */
import { useMemo, useState } from 'react'
import type { Attendance } from '../../src-shared/attendance'
import { createAttendanceKeeper, deriveAttendanceKept } from '../../src-shared/attendance'
import type { SessionRecord } from '../db/roster'
import type { DeskData } from './desk-data'
import { useHead } from '../db/reads'

/**
 * Attendance derived from the roster and the ledger, live. Kept between events (deriveAttendance's keeper):
 * after a check-in only that candidate's attendance is derived again.
 */
export function useAttendance(session: SessionRecord, data: DeskData): Attendance {
  const [keeper] = useState(createAttendanceKeeper)
  const { candidates, index, version } = data
  return useMemo(
    () =>
      deriveAttendanceKept(keeper, { subjects: session.subjects, groupTimes: session.groupTimes, candidates }, index),
    // version stands for the index's contents (desk-data grows the index in place as events arrive)
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [keeper, session.subjects, session.groupTimes, candidates, index, version],
  )
}

/** The ledger head `{ seq, hash }` (null before the first event), live. */
export function useLedgerHead(): { seq: number; hash: string } | null {
  return useHead()
}
