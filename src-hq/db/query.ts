/**
 * The one query layer of the HQ server: `query(sql, params)` and `transaction(fn)`, over PGlite (the
 * embedded default: a data directory, or memory for tests) or PostgreSQL through `pg` when a
 * DATABASE_URL is given. Everything above this file writes plain PostgreSQL and never knows which.
 */
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'

export interface Queryable {
  /** Run one statement with $1… parameters; rows as plain objects. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>
  /** Run a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres'
  /** Run fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}

export interface DbOptions {
  /** postgres://… : use PostgreSQL. Otherwise PGlite. */
  url?: string
  /** PGlite data directory; absent: in memory. */
  dataDir?: string
  /** PostgreSQL only: a schema of our own (created if missing), so test runs do not meet each other. */
  schema?: string
}

/** Open the database the options name. */
export async function openDb(opts: DbOptions): Promise<Db> {
  return opts.url ? openPostgres(opts.url, opts.schema) : openPglite(opts.dataDir)
}

async function openPglite(dataDir?: string): Promise<Db> {
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create()
  const on = (q: { query: PGlite['query']; exec: PGlite['exec'] }): Queryable => ({
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await q.query<T>(sql, [...params])).rows,
    exec: async (sql) => {
      await q.exec(sql)
    },
  })
  const base = on(db)
  return {
    kind: 'pglite',
    ...base,
    // PGlite is one connection: its transactions run one after another, which is what the row lock asks for.
    transaction: (fn) => db.transaction((tx) => fn(on(tx as unknown as PGlite))),
    close: () => db.close(),
  }
}

async function openPostgres(url: string, schema?: string): Promise<Db> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad schema name ${schema}`)
  if (schema) {
    const setup = new pg.Client({ connectionString: url })
    await setup.connect()
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
    } finally {
      await setup.end()
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  })
  const on = (c: pg.Pool | pg.PoolClient): Queryable => ({
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await c.query(sql, [...params])).rows as T[],
    exec: async (sql) => {
      await c.query(sql)
    },
  })
  return {
    kind: 'postgres',
    ...on(pool),
    async transaction(fn) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await fn(on(client))
        await client.query('COMMIT')
        return result
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw err
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  }
}
