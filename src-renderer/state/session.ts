/** The session this desk works on: the most recently imported one. */
import { useLiveQuery } from 'dexie-react-hooks'
import type { SessionRecord } from '../db/roster'
import { sessions } from '../db/reads'

export async function activeSession(): Promise<SessionRecord | null> {
  const all = await sessions()
  all.sort((a, b) => b.importedAt.localeCompare(a.importedAt))
  return all[0] ?? null
}

/** Undefined while loading, null when no session is loaded. */
export function useActiveSession(): SessionRecord | null | undefined {
  return useLiveQuery(activeSession, [])
}
