/**
 * SQL migrations: src-hq/migrations/NNN_name.sql, applied in number order, each in its own transaction
 * and recorded in `schema_migrations`, so a database is upgraded exactly once per step.
 */
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Db } from './query'

const DIR = fileURLToPath(new URL('../migrations/', import.meta.url))

export interface Migration {
  version: number
  name: string
  sql: string
}

/** The migrations on disk, in order. */
export async function loadMigrations(dir = DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort()
  return Promise.all(
    files.map(async (f) => ({
      version: Number(f.slice(0, 3)),
      name: f.slice(4, -4),
      sql: await readFile(`${dir}${f}`, 'utf8'),
    })),
  )
}

/** Apply every migration not yet recorded; returns the versions applied now. */
export async function migrate(db: Db, migrations?: Migration[]): Promise<number[]> {
  const all = migrations ?? (await loadMigrations())
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  )
  const applied: number[] = []
  for (const m of all) {
    const done = await db.transaction(async (tx) => {
      // Two HQ processes starting at once on one PostgreSQL: the second waits, then sees the row.
      await tx.query('SELECT pg_advisory_xact_lock(8787)')
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version])
      if (rows.length > 0) return false
      await tx.exec(m.sql)
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name])
      return true
    })
    if (done) applied.push(m.version)
  }
  return applied
}
