/**
 * Importing a session package into the roster database, as one logical step:
 *   prepare  — open and verify the package, read every photo, write the new roster beside the old one
 *              under a fresh rosterId (in chunks, so memory stays bounded), check its content;
 *   commit   — switch the session to the new rosterId in one transaction, then drop the old rows;
 *   discard  — drop the staged rows.
 * Power cut at any point before commit: the session still points at the old roster; the staged rows
 * are orphans that `dropOrphanRosters` removes at the next start.
 */
import { documentKey } from '../../src-shared/verdict-document'
import { photoEntryName, type HqKey, type Manifest, type PackageRefusal } from '../../src-shared/package-format'
import { openPackage, PackageError, type SchemaIssue } from '../../src-shared/package-reader'
import { photoProblems, type PhotoProblem } from '../../src-shared/photo'
import { checkRoster, type RosterRefusal, type RosterSummary } from '../../src-shared/roster-check'
import type { CandidateRecord, PhotoRecord, RosterDb, SessionRecord } from './roster'

export const IMPORT_CHUNK = 100

export type ImportPhase = 'verifying' | 'reading' | 'committing'
export interface ImportProgress {
  phase: ImportPhase
  done: number
  total: number
}

export type ImportRefusal =
  | { ok: false; reason: PackageRefusal; detail?: string; issues?: SchemaIssue[] }
  | { ok: false; reason: RosterRefusal; admitCardNos: string[] }

export interface PreparedImport {
  ok: true
  /** The manifest as it will be loaded (a demo's times already moved to today). */
  manifest: Manifest
  summary: RosterSummary
  /** The version this import replaces, if the session was loaded before. */
  replaces: { version: number } | null
  /** Switch the session to the new roster in one transaction; drop the old one. */
  commit(): Promise<SessionRecord>
  /** Drop the staged roster; the session stays as it was. */
  discard(): Promise<void>
}

export interface PrepareOptions {
  trusted: readonly HqKey[]
  /** The desk's venue once a real package was loaded; another venue's package is refused. */
  deskVenueId?: string | null
  /** A demo package: times move to today, any venue is accepted. */
  demo?: boolean
  /** Today, `YYYY-MM-DD` in the venue's time zone, for the date checks of the roster. */
  today: string
  nowIso: string
  onProgress?: (p: ImportProgress) => void
}

/** Each import writes under a fresh id, so a half-written import never mixes with the active roster. */
function newRosterId(sessionId: string): string {
  return `${sessionId}#${crypto.randomUUID()}`
}

/**
 * Demo sessions are for training at any hour: move every subject (and every group's own times) by the
 * same amount so that doors of the first subject opened five minutes ago, keeping the times between them
 * and their UTC offset.
 */
export function shiftDemo(manifest: Manifest, now: Date): Manifest {
  const first = [...manifest.subjects].sort((a, b) => Date.parse(a.doorsOpen) - Date.parse(b.doorsOpen))[0]
  if (!first) return manifest
  const delta = now.getTime() - 5 * 60_000 - Date.parse(first.doorsOpen)
  const offset = /([+-]\d{2}:\d{2}|Z)$/.exec(first.start)?.[1] ?? 'Z'
  const move = (iso: string) => withOffset(new Date(Date.parse(iso) + delta), offset)
  const start = move(first.start)
  return {
    ...manifest,
    session: { ...manifest.session, date: start.slice(0, 10) },
    subjects: manifest.subjects.map((s) => ({
      ...s,
      doorsOpen: move(s.doorsOpen),
      start: move(s.start),
      end: move(s.end),
    })),
    ...(manifest.groupTimes
      ? {
          groupTimes: manifest.groupTimes.map((g) => ({
            ...g,
            doorsOpen: move(g.doorsOpen),
            start: move(g.start),
            end: move(g.end),
          })),
        }
      : {}),
  }
}

/** ISO 8601 of an instant written in a fixed offset such as `+08:00`. */
function withOffset(d: Date, offset: string): string {
  const sign = offset === 'Z' ? 1 : offset.startsWith('-') ? -1 : 1
  const [h, m] = offset === 'Z' ? [0, 0] : offset.slice(1).split(':').map(Number)
  const local = new Date(d.getTime() + sign * ((h ?? 0) * 60 + (m ?? 0)) * 60_000)
  return `${local.toISOString().slice(0, 19)}${offset === 'Z' ? 'Z' : offset}`
}

export async function prepareImport(
  db: RosterDb,
  file: Blob,
  opts: PrepareOptions,
): Promise<PreparedImport | ImportRefusal> {
  opts.onProgress?.({ phase: 'verifying', done: 0, total: 1 })
  const opened = await openPackage(file, opts.trusted)
  if (!opened.ok) return opened
  const { pkg } = opened
  const rosterId = newRosterId(pkg.manifest.session.id)
  try {
    const manifest = opts.demo ? shiftDemo(pkg.manifest, new Date(opts.nowIso)) : pkg.manifest
    const existing = await db.sessions.get(manifest.session.id)
    if (existing && existing.version >= manifest.packageVersion) {
      return { ok: false, reason: 'olderVersion', detail: `${manifest.packageVersion} ≤ ${existing.version}` }
    }
    if (!opts.demo && opts.deskVenueId && opts.deskVenueId !== manifest.venue.id) {
      return { ok: false, reason: 'otherVenue', detail: `${manifest.venue.name} (${manifest.venue.id})` }
    }

    const total = manifest.candidates.length
    const problems = new Map<string, PhotoProblem[]>()
    const signedPhotos = new Set(pkg.photoEntries)
    for (let i = 0; i < total; i += IMPORT_CHUNK) {
      const chunk = manifest.candidates.slice(i, i + IMPORT_CHUNK)
      const candidates: CandidateRecord[] = []
      const photos: PhotoRecord[] = []
      // One large read per run of neighbouring photos: a browser File pays for every read.
      const wanted = chunk.flatMap((c) => {
        const entry = c.photo ? photoEntryName(c.photo) : null
        return entry && signedPhotos.has(entry) ? [entry] : []
      })
      const photoBytes = await pkg.readPhotos(wanted)
      const read = chunk.map((c) => (c.photo ? (photoBytes.get(photoEntryName(c.photo)) ?? null) : null))
      chunk.forEach((c, j) => {
        const bytes = read[j]
        if (bytes) {
          const checked = photoProblems(bytes)
          problems.set(c.admitCardNo, checked.problems)
          photos.push({
            rosterId,
            admitCardNo: c.admitCardNo,
            blob: new Blob([bytes as BlobPart], { type: 'image/jpeg' }),
            width: checked.info?.width ?? 0,
            height: checked.info?.height ?? 0,
          })
        }
        candidates.push({ ...c, rosterId, docKey: documentKey(c.idDocument.type, c.idDocument.number), warnings: [] })
      })
      await db.transaction('rw', db.candidates, db.photos, async () => {
        await db.candidates.bulkPut(candidates)
        await db.photos.bulkPut(photos)
      })
      opts.onProgress?.({ phase: 'reading', done: Math.min(i + IMPORT_CHUNK, total), total })
    }

    const check = checkRoster(manifest, (c) => problems.get(c.admitCardNo), opts.today)
    if (!check.ok) {
      await dropRoster(db, rosterId)
      return check
    }
    // Warnings go onto the staged candidates, so the desk shows them beside the person.
    const warned = Object.entries(check.summary.warnings)
    for (let i = 0; i < warned.length; i += IMPORT_CHUNK) {
      await db.transaction('rw', db.candidates, async () => {
        for (const [admitCardNo, warnings] of warned.slice(i, i + IMPORT_CHUNK)) {
          await db.candidates.update([rosterId, admitCardNo], { warnings })
        }
      })
    }

    const record: SessionRecord = {
      id: manifest.session.id,
      version: manifest.packageVersion,
      activeRosterId: rosterId,
      manifestSha256: pkg.signature.signed.manifestSha256,
      keyId: pkg.key.keyId,
      session: manifest.session,
      body: manifest.body,
      venue: manifest.venue,
      subjects: manifest.subjects,
      ...(manifest.groupTimes && manifest.groupTimes.length > 0 ? { groupTimes: manifest.groupTimes } : {}),
      rooms: manifest.rooms,
      hqKeys: manifest.hqKeys.map((k) => k.publicKey),
      revokedAdmitCards: manifest.revokedAdmitCards,
      importedAt: opts.nowIso,
      demo: opts.demo ?? false,
    }
    let settled = false
    return {
      ok: true,
      manifest,
      summary: check.summary,
      replaces: existing ? { version: existing.version } : null,
      async commit() {
        if (settled) throw new Error('import already settled')
        settled = true
        opts.onProgress?.({ phase: 'committing', done: 0, total: 1 })
        const previous = await db.transaction('rw', db.sessions, db.staff, async () => {
          const current = await db.sessions.get(record.id)
          // Another import of this session committed meanwhile: never go back to an older version.
          if (current && current.version >= record.version)
            throw new PackageError('olderVersion', String(current.version))
          await db.staff.bulkPut(manifest.staff.map((s) => ({ ...s, rosterId })))
          await db.sessions.put(record)
          return current?.activeRosterId ?? null
        })
        if (previous) await dropRoster(db, previous)
        opts.onProgress?.({ phase: 'committing', done: 1, total: 1 })
        return record
      },
      async discard() {
        if (settled) return
        settled = true
        await dropRoster(db, rosterId)
      },
    }
  } catch (err) {
    await dropRoster(db, rosterId)
    if (err instanceof PackageError)
      return { ok: false, reason: err.reason, ...(err.detail ? { detail: err.detail } : {}) }
    throw err
  } finally {
    await pkg.close()
  }
}

/** Delete every row of one roster, chunk by chunk. */
export async function dropRoster(db: RosterDb, rosterId: string): Promise<void> {
  for (const table of [db.photos, db.candidates, db.staff] as const) {
    for (;;) {
      const keys = await table.where('rosterId').equals(rosterId).limit(500).primaryKeys()
      if (keys.length === 0) break
      await (table as typeof db.photos).bulkDelete(keys as [string, string][])
    }
  }
}

/** Remove rows left by an import that never committed (power cut, closed window). Run at start. */
export async function dropOrphanRosters(db: RosterDb): Promise<number> {
  const active = new Set((await db.sessions.toArray()).map((s) => s.activeRosterId))
  const all = new Set([
    ...((await db.candidates.orderBy('rosterId').uniqueKeys()) as string[]),
    ...((await db.photos.orderBy('rosterId').uniqueKeys()) as string[]),
    ...((await db.staff.orderBy('rosterId').uniqueKeys()) as string[]),
  ])
  let dropped = 0
  for (const id of all) {
    if (active.has(id)) continue
    await dropRoster(db, id)
    dropped++
  }
  return dropped
}
