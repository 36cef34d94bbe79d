/**
 * Who is logged in at this desk. The login survives a page reload (kept in the ledger database with
 * the last activity), and ends by logout, by idle timeout, or when the session changes.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { isIdle } from '../../src-shared/staff-rules'
import { readSetting, writeSettings } from '../db/settings'
import type { SessionRecord, StaffRecord } from '../db/roster'
import { record } from '../desk'
import { staffMember } from '../db/reads'

interface Auth {
  staff: StaffRecord | null
  login(staff: StaffRecord): Promise<void>
  logout(cause: 'manual' | 'idle'): Promise<void>
}

const AuthContext = createContext<Auth | null>(null)

export function useAuth(): Auth {
  const auth = useContext(AuthContext)
  if (!auth) throw new Error('useAuth outside AuthProvider')
  return auth
}

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const

export function AuthProvider({
  session,
  idleMinutes,
  children,
}: {
  session: SessionRecord
  idleMinutes: number
  children: ReactNode
}) {
  const [staff, setStaff] = useState<StaffRecord | null | undefined>(undefined)
  const lastActivity = useRef(new Date())

  useEffect(() => {
    let cancelled = false
    void (async () => {
      const stored = await readSetting('currentLogin')
      const s =
        stored && stored.sessionId === session.id
          ? await staffMember(session.activeRosterId, stored.staffId)
          : undefined
      if (!cancelled) setStaff(s ?? null)
    })()
    return () => {
      cancelled = true
    }
  }, [session.id, session.activeRosterId])

  const login = useCallback(
    async (s: StaffRecord) => {
      await record(session.id, 'login', { staffId: s.id }, s.id)
      await writeSettings({ currentLogin: { staffId: s.id, sessionId: session.id } })
      lastActivity.current = new Date()
      setStaff(s)
    },
    [session.id],
  )

  const logout = useCallback(
    async (cause: 'manual' | 'idle') => {
      if (!staff) return
      await record(session.id, 'logout', { staffId: staff.id, cause }, staff.id)
      await writeSettings({ currentLogin: null })
      setStaff(null)
    },
    [session.id, staff],
  )

  useEffect(() => {
    if (!staff) return
    const touch = () => {
      lastActivity.current = new Date()
    }
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, touch, { capture: true })
    const timer = window.setInterval(() => {
      if (isIdle(lastActivity.current, new Date(), idleMinutes)) void logout('idle')
    }, 5000)
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, touch, { capture: true })
      window.clearInterval(timer)
    }
  }, [staff, idleMinutes, logout])

  const value = useMemo<Auth>(() => ({ staff: staff ?? null, login, logout }), [staff, login, logout])
  if (staff === undefined) return null
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}
