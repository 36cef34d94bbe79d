/**
 * The session's roster and this desk's events, held in memory for the check-in screen: a verdict must
 * be on screen within a frame, so it never waits for IndexedDB. The index follows the ledger: every
 * new event (this page's or another window's) is added as it is committed.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import { addEvent, createEventIndex, type EventIndex } from '../../src-shared/attendance'
import { buildSearchIndex, type SearchIndex } from '../../src-shared/search'
import type { Candidate, LedgerEvent, Session, SubjectCode } from '../../src-shared/schemas'
import { createRosterView, ledgerViewFromIndex, type LedgerView, type RosterView } from '../../src-shared/verdict'
import { onRecorded } from '../desk'
import type { CandidateRecord, SessionRecord, StaffRecord } from '../db/roster'
import { candidatesOf, eventsAfter, sessions as loadedSessions, staffOf, useHeadSeq } from '../db/reads'

export interface DeskData {
  candidates: readonly CandidateRecord[]
  byAdmitCardNo: ReadonlyMap<string, CandidateRecord>
  staffById: ReadonlyMap<string, StaffRecord>
  search: SearchIndex
  index: EventIndex
  /** Bumped once for each change of the index (an event recorded here counts once), for memoised views. */
  version: number
  /** The roster as a desk admitting `subject` for `rooms` (empty: every room) sees it. */
  rosterView(subject: SubjectCode, deviceId: string, rooms?: readonly string[]): RosterView
  ledgerView: LedgerView
}

/** Load once per roster; then follow the ledger. Undefined while loading. */
export function useDeskData(session: SessionRecord): DeskData | undefined {
  const [base, setBase] = useState<{
    candidates: CandidateRecord[]
    staff: StaffRecord[]
    search: SearchIndex
    /** Every session this desk ever loaded: an admit card of another one says which venue or body it is for. */
    sessions: Map<string, Session>
  } | null>(null)
  /**
   * `taken`: events this page recorded and took in at once (record → onRecorded), so that the live query,
   * which brings them again, neither adds them twice nor bumps the version a second time.
   */
  const indexRef = useRef<{ index: EventIndex; lastSeq: number; rosterId: string; taken: Set<number> } | null>(null)
  const [version, setVersion] = useState(0)

  useEffect(() => {
    let cancelled = false
    setBase(null)
    void (async () => {
      const [candidates, staff, loaded] = await Promise.all([
        candidatesOf(session.activeRosterId),
        staffOf(session.activeRosterId),
        loadedSessions(),
      ])
      const search = buildSearchIndex(candidates)
      const sessions = new Map(loaded.map((s) => [s.id, s.session]))
      if (!cancelled) setBase({ candidates, staff, search, sessions })
    })()
    return () => {
      cancelled = true
    }
  }, [session.activeRosterId])

  const seqNow = useHeadSeq()

  useEffect(() => {
    let cancelled = false
    void (async () => {
      let state = indexRef.current
      if (!state || state.rosterId !== session.activeRosterId) {
        state = { index: createEventIndex(), lastSeq: 0, rosterId: session.activeRosterId, taken: new Set() }
        indexRef.current = state
      }
      const fresh: LedgerEvent[] = await eventsAfter(state.lastSeq)
      if (cancelled || indexRef.current !== state) return
      let added = 0
      for (const e of fresh) {
        state.lastSeq = Math.max(state.lastSeq, e.seq)
        if (state.taken.delete(e.seq) || e.sessionId !== session.id) continue
        addEvent(state.index, e)
        added++
      }
      if (added > 0 || version === 0) setVersion((v) => v + 1)
    })()
    return () => {
      cancelled = true
    }
    // version is read only to publish the first load
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seqNow, session.id, session.activeRosterId])

  // Built once per roster: the lookups over 10,000 candidates are not rebuilt after each check-in.
  const rosterPart = useMemo(() => {
    if (!base) return null
    const byAdmitCardNo = new Map(base.candidates.map((c) => [c.admitCardNo, c]))
    const candidates: readonly Candidate[] = base.candidates
    const staffRoles = new Map(base.staff.map((s) => [s.id, s.role]))
    const views = new Map<string, RosterView>()
    const rosterView = (subject: SubjectCode, deviceId: string, rooms: readonly string[] = []): RosterView => {
      const k = `${subject}|${deviceId}|${rooms.join(',')}`
      let v = views.get(k)
      if (!v) {
        v = createRosterView({
          session: session.session,
          subjects: session.subjects,
          ...(session.groupTimes ? { groupTimes: session.groupTimes } : {}),
          candidates,
          desk: { subject, deviceId, rooms },
          revokedAdmitCards: session.revokedAdmitCards,
          isSiteManager: (id) => staffRoles.get(id) === 'siteManager',
          knownSession: (id) => base.sessions.get(id),
        })
        views.set(k, v)
      }
      return v
    }
    return { byAdmitCardNo, staffById: new Map(base.staff.map((s) => [s.id, s])), rosterView }
  }, [base, session])

  // What this page records is in the index at once: the next scan must see it (a second scan of the same
  // card a moment later is "already checked in"), not wait for the ledger's live query.
  useEffect(
    () =>
      onRecorded((e) => {
        const state = indexRef.current
        if (!state || state.rosterId !== session.activeRosterId || e.sessionId !== session.id) return
        if (e.seq <= state.lastSeq) return // the live query was first
        state.taken.add(e.seq)
        addEvent(state.index, e)
        setVersion((v) => v + 1)
      }),
    [session.activeRosterId, session.id],
  )

  return useMemo(() => {
    const state = indexRef.current
    if (!base || !rosterPart || !state || version === 0) return undefined
    return {
      candidates: base.candidates,
      search: base.search,
      ...rosterPart,
      index: state.index,
      version,
      ledgerView: ledgerViewFromIndex(state.index),
    }
  }, [base, rosterPart, version])
}
