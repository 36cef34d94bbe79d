/**
 * The session packages HQ knows: uploaded (`POST /v1/sessions/package`) or loaded at start
 * (`serve --package`), always verified with openPackage against HQ's trust list before they are stored.
 * The roster of each session is what ingest checks domain rules against and what attendance merges over.
 */
import type { Manifest, HqKey } from '../src-shared/package-format'
import { openPackage } from '../src-shared/package-reader'
import type { Candidate, GroupTimes, Subject } from '../src-shared/schemas'
import type { Db } from './db/query'

export interface Roster {
  sessionId: string
  venueId: string
  name: string
  subjects: Subject[]
  /** An occupation + level's own times for a subject, when the package gives some. */
  groupTimes?: GroupTimes[]
  candidates: Candidate[]
  admitCardNos: ReadonlySet<string>
}

export type StorePackageResult =
  | { ok: true; sessionId: string; venueId: string; version: number; candidates: number }
  | { ok: false; reason: string; detail?: string }

/** Verify a package file and keep it (a newer or equal version replaces the stored one of its session). */
export async function storePackage(
  db: Db,
  bytes: Uint8Array,
  trusted: readonly HqKey[],
  now: Date,
): Promise<StorePackageResult> {
  const opened = await openPackage(new Blob([bytes as BlobPart]), trusted)
  if (!opened.ok) return { ok: false, reason: opened.reason, ...(opened.detail ? { detail: opened.detail } : {}) }
  const m = opened.pkg.manifest
  await opened.pkg.close()
  await db.query(
    `INSERT INTO packages (session_id, venue_id, package_version, manifest, bytes, uploaded_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (session_id) DO UPDATE SET venue_id = $2, package_version = $3, manifest = $4, bytes = $5, uploaded_at = $6
     WHERE packages.package_version <= $3`,
    [m.session.id, m.venue.id, m.packageVersion, JSON.stringify(m), bytes, now.toISOString()],
  )
  return {
    ok: true,
    sessionId: m.session.id,
    venueId: m.venue.id,
    version: m.packageVersion,
    candidates: m.candidates.length,
  }
}

/** Rosters by session, read once from the packages table and dropped when a package is stored. */
export class RosterCache {
  private readonly cache = new Map<string, Promise<Roster | null>>()
  constructor(private readonly db: Db) {}

  get(sessionId: string): Promise<Roster | null> {
    let r = this.cache.get(sessionId)
    if (r === undefined) {
      r = this.load(sessionId)
      this.cache.set(sessionId, r)
    }
    return r
  }

  forget(sessionId: string): void {
    this.cache.delete(sessionId)
  }

  private async load(sessionId: string): Promise<Roster | null> {
    const rows = await this.db.query<{ manifest: string }>('SELECT manifest FROM packages WHERE session_id = $1', [
      sessionId,
    ])
    if (rows[0] === undefined) return null
    const m = JSON.parse(rows[0].manifest) as Manifest
    return {
      sessionId,
      venueId: m.venue.id,
      name: m.session.name,
      subjects: m.subjects,
      ...(m.groupTimes ? { groupTimes: m.groupTimes } : {}),
      candidates: m.candidates,
      admitCardNos: new Set(m.candidates.map((c) => c.admitCardNo)),
    }
  }
}
