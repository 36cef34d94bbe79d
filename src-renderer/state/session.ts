/** The session this desk works on: the most recently imported one. */
import { useLiveQuery } from 'dexie-react-hooks'
import { roster } from '../db'
import type { SessionRecord } from '../db/roster'

export async function activeSession(): Promise<SessionRecord | null> {
  const all = await roster.sessions.toArray()
  all.sort((a, b) => b.importedAt.localeCompare(a.importedAt))
  return all[0] ?? null
}

/** Undefined while loading, null when no session is loaded. */
export function useActiveSession(): SessionRecord | null | undefined {
  return useLiveQuery(activeSession, [])
}
