/**
 * What HQ's page and read routes show: sessions, devices, merged attendance with conflicts, quarantined
 * events and alarms. Attendance is derived by the same pure function the desks use (deriveAttendance)
 * over every device's events of the session, so HQ and desks can never disagree on a rule.
 */
import { deriveAttendance, type Attendance } from '../src-shared/attendance'
import type { LedgerEvent } from '../src-shared/schemas'
import type { Queryable } from './db/query'
import type { RosterCache } from './rosters'

export interface SessionRow {
  sessionId: string
  name: string | null
  venueId: string | null
  packageVersion: number | null
  events: number
  devices: number
}

export interface DeviceView {
  deviceId: string
  name: string | null
  enrolledBy: string
  ackedSeq: number
  clockOffsetMs: number | null
  lastUploadAt: string | null
}

export interface QuarantinedView {
  deviceId: string
  seq: number
  sessionId: string
  type: string
  quarantine: string
  admitCardNo: string | null
}

export interface AlarmView {
  at: string
  deviceId: string | null
  kind: string
  detail: string
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString())

/** Every session HQ has a package or events of. */
export async function listSessions(db: Queryable): Promise<SessionRow[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT s.session_id, p.manifest::json->'session'->>'name' AS name, p.venue_id, p.package_version,
            (SELECT count(*) FROM events e WHERE e.session_id = s.session_id) AS events,
            (SELECT count(DISTINCT device_id) FROM events e WHERE e.session_id = s.session_id) AS devices
     FROM (SELECT session_id FROM packages UNION SELECT DISTINCT session_id FROM events) s
     LEFT JOIN packages p ON p.session_id = s.session_id ORDER BY s.session_id`,
  )
  return rows.map((r) => ({
    sessionId: String(r.session_id),
    name: (r.name as string | null) ?? null,
    venueId: (r.venue_id as string | null) ?? null,
    packageVersion: r.package_version === null ? null : Number(r.package_version),
    events: Number(r.events),
    devices: Number(r.devices),
  }))
}

/** Every enrolled desk, with what HQ holds of it and its clock offset at the last upload. */
export async function listDevices(db: Queryable): Promise<DeviceView[]> {
  const rows = await db.query<Record<string, unknown>>(
    'SELECT device_id, name, enrolled_by, acked_seq, clock_offset_ms, last_upload_at FROM devices ORDER BY enrolled_at',
  )
  return rows.map((r) => ({
    deviceId: String(r.device_id),
    name: (r.name as string | null) ?? null,
    enrolledBy: String(r.enrolled_by),
    ackedSeq: Number(r.acked_seq),
    clockOffsetMs: r.clock_offset_ms === null ? null : Number(r.clock_offset_ms),
    lastUploadAt: iso(r.last_upload_at),
  }))
}

/** Events stored but flagged by a domain rule. */
export async function listQuarantined(db: Queryable, sessionId?: string): Promise<QuarantinedView[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT device_id, seq, session_id, type, quarantine, body::json->'payload'->>'admitCardNo' AS admit_card_no
     FROM events WHERE quarantine IS NOT NULL AND ($1::text IS NULL OR session_id = $1)
     ORDER BY device_id, seq LIMIT 1000`,
    [sessionId ?? null],
  )
  return rows.map((r) => ({
    deviceId: String(r.device_id),
    seq: Number(r.seq),
    sessionId: String(r.session_id),
    type: String(r.type),
    quarantine: String(r.quarantine),
    admitCardNo: (r.admit_card_no as string | null) ?? null,
  }))
}

/** The newest alarms first. */
export async function listAlarms(db: Queryable, limit = 200): Promise<AlarmView[]> {
  const rows = await db.query<Record<string, unknown>>(
    'SELECT at, device_id, kind, detail FROM alarms ORDER BY id DESC LIMIT $1',
    [limit],
  )
  return rows.map((r) => ({
    at: iso(r.at)!,
    deviceId: (r.device_id as string | null) ?? null,
    kind: String(r.kind),
    detail: String(r.detail),
  }))
}

/** Every stored event of one session, all devices. */
export async function sessionEvents(db: Queryable, sessionId: string): Promise<LedgerEvent[]> {
  const rows = await db.query<{ body: string }>(
    'SELECT body FROM events WHERE session_id = $1 ORDER BY device_id, seq',
    [sessionId],
  )
  return rows.map((r) => JSON.parse(r.body) as LedgerEvent)
}

/** Attendance merged over all desks of a session; null when HQ has no roster for it. */
export async function sessionAttendance(
  db: Queryable,
  rosters: RosterCache,
  sessionId: string,
): Promise<Attendance | null> {
  const roster = await rosters.get(sessionId)
  if (roster === null) return null
  return deriveAttendance(roster, await sessionEvents(db, sessionId))
}
