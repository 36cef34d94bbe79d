/**
 * The reference HQ server (sync-protocol.md): Fastify over the one query layer. Writes are never
 * anonymous: an upload carries the desk's signature of its body, enrolment, file ingest, package upload
 * and package download need the enrolment token. Every body is size-limited and parsed with zod.
 *
 * Routes:
 *   GET  /                                 HQ page (HTML, strict CSP)
 *   GET  /health                           { ok: true }
 *   POST /v1/devices                       enrol a desk (Bearer token) { publicKey, name? } → { deviceId }
 *   GET  /v1/devices/:deviceId/head        { ackedSeq, headHash, receipt }
 *   POST /v1/devices/:deviceId/events      a batch (desk-signed body) → { ackedSeq, headHash, receipt }
 *   POST /v1/ingest                        an export file (Bearer token) → the same path per batch
 *   POST /v1/sessions/package              a .examdesk package (Bearer token, octet-stream)
 *   GET  /v1/sessions                      sessions HQ knows
 *   GET  /v1/sessions/:sessionId/attendance merged attendance, conflicts, anomalies, quarantined events
 *   GET  /v1/venues/:venueId/package       the newest package for a venue (Bearer token)
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { HqKey } from '../src-shared/package-format'
import { EnrolBody, MAX_BATCH_BYTES, REQUEST_SIG_HEADER, type HqReason } from '../src-shared/sync-format'
import { migrate } from './db/migrate'
import { openDb, type Db, type DbOptions } from './db/query'
import { enrolDevice, hasToken, newEnrolToken } from './enrol'
import { ingestExportFile } from './ingest-file'
import { ackOf, ingestUpload, readDevice, type HqContext } from './ingest'
import type { HqSigningKey } from './keys'
import { PAGE_CSP, renderPage } from './page'
import { RateLimiter } from './rate-limit'
import { RosterCache, storePackage } from './rosters'
import { listAlarms, listDevices, listQuarantined, listSessions, sessionAttendance } from './views'

export interface HqOptions {
  db: DbOptions
  key: HqSigningKey
  /** Keys whose packages HQ accepts (its own, and earlier ones). */
  trusted: readonly HqKey[]
  port?: number
  host?: string
  /** The one browser origin allowed to call the API (a desk page served elsewhere); none by default. */
  allowOrigin?: string
  enrolToken?: string
  /** Session packages to load at start (file bytes). */
  packages?: readonly Uint8Array[]
  rate?: { capacity: number; perSecond: number }
  now?: () => Date
}

export interface HqServer {
  url: string
  port: number
  enrolToken: string
  ctx: HqContext
  app: FastifyInstance
  close(): Promise<void>
}

const FILE_LIMIT = 256 * 1024 * 1024
const PACKAGE_LIMIT = 256 * 1024 * 1024
const DeviceParams = z.object({ deviceId: z.string().regex(/^[0-9a-f]{32}$/) })
const IdParam = z.string().min(1).max(64)

function refuse(reply: FastifyReply, status: number, error: HqReason | string, extra: object = {}) {
  return reply.code(status).send({ error, ...extra })
}

function parseJson(raw: unknown): unknown {
  if (!Buffer.isBuffer(raw)) return undefined
  try {
    return JSON.parse(raw.toString('utf8'))
  } catch {
    return undefined
  }
}

/** Start HQ: open and migrate the database, load packages, listen on loopback. */
export async function startHq(opts: HqOptions): Promise<HqServer> {
  const db = await openDb(opts.db)
  try {
    await migrate(db)
  } catch (err) {
    await db.close()
    throw err
  }
  const now = opts.now ?? (() => new Date())
  const ctx: HqContext = { db, key: opts.key, rosters: new RosterCache(db), now }
  for (const bytes of opts.packages ?? []) {
    const r = await storePackage(db, bytes, opts.trusted, now())
    if (!r.ok) {
      await db.close()
      throw new Error(`session package refused: ${r.reason}${r.detail ? ` (${r.detail})` : ''}`)
    }
    ctx.rosters.forget(r.sessionId)
  }
  const enrolToken = opts.enrolToken ?? newEnrolToken()
  const app = buildApp(ctx, opts, enrolToken)
  try {
    await app.listen({ port: opts.port ?? 8787, host: opts.host ?? '127.0.0.1' })
  } catch (err) {
    await db.close()
    throw err
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 8787)
  const url = `http://localhost:${port}`
  let closing: Promise<void> | null = null
  return {
    url,
    port,
    enrolToken,
    ctx,
    app,
    close: () =>
      (closing ??= (async () => {
        await app.close()
        await db.close()
      })()),
  }
}

function buildApp(ctx: HqContext, opts: HqOptions, enrolToken: string): FastifyInstance {
  const { db } = ctx
  // Connections are dropped on close: a desk resends anyway, and shutdown must not hang on keep-alive.
  const app = Fastify({ logger: false, bodyLimit: MAX_BATCH_BYTES + 64 * 1024, forceCloseConnections: true })
  const limiter = new RateLimiter(opts.rate ?? { capacity: 600, perSecond: 100 })
  // Bodies stay raw bytes: an upload's signature covers its exact bytes; handlers parse with zod.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))

  app.addHook('onRequest', async (req, reply) => {
    if (!limiter.take(req.ip, Date.now())) return refuse(reply, 429, 'rateLimited')
    const origin = req.headers.origin
    if (origin !== undefined) {
      if (origin !== opts.allowOrigin) return refuse(reply, 403, 'origin')
      reply.header('Access-Control-Allow-Origin', origin).header('Vary', 'Origin')
      if (req.method === 'OPTIONS') {
        return reply
          .code(204)
          .header('Access-Control-Allow-Methods', 'GET, POST')
          .header('Access-Control-Allow-Headers', `content-type, authorization, ${REQUEST_SIG_HEADER}`)
          .header('Access-Control-Max-Age', '600')
          .send()
      }
    }
  })
  app.setErrorHandler((err: { statusCode?: number }, _req, reply) => {
    const status = err.statusCode ?? 500
    if (status === 413) return refuse(reply, 413, 'tooLarge')
    if (status >= 400 && status < 500) return refuse(reply, status, 'badRequest')
    return refuse(reply, 500, 'internal')
  })
  app.setNotFoundHandler((_req, reply) => refuse(reply, 404, 'notFound'))

  const operator = (req: FastifyRequest, reply: FastifyReply): boolean => {
    if (hasToken(req.headers.authorization, enrolToken)) return true
    void refuse(reply, 401, 'unauthorized')
    return false
  }

  app.get('/health', async () => ({ ok: true }))

  app.post('/v1/devices', async (req, reply) => {
    if (!operator(req, reply)) return reply
    const body = EnrolBody.safeParse(parseJson(req.body))
    if (!body.success) return refuse(reply, 400, 'badRequest')
    const r = await enrolDevice(db, body.data.publicKey, { by: 'token', now: ctx.now(), ...optName(body.data.name) })
    if (r === null) return refuse(reply, 400, 'badRequest', { detail: 'publicKey' })
    return reply.code(r.created ? 201 : 200).send({ deviceId: r.deviceId })
  })

  app.get('/v1/devices/:deviceId/head', async (req, reply) => {
    const p = DeviceParams.safeParse(req.params)
    if (!p.success) return refuse(reply, 400, 'badRequest')
    const device = await readDevice(db, p.data.deviceId)
    if (!device) return refuse(reply, 403, 'notEnrolled')
    return ackOf(ctx, p.data.deviceId, Number(device.acked_seq), device.head_hash)
  })

  app.post('/v1/devices/:deviceId/events', async (req, reply) => {
    const p = DeviceParams.safeParse(req.params)
    if (!p.success || !Buffer.isBuffer(req.body)) return refuse(reply, 400, 'badRequest')
    const sig = req.headers[REQUEST_SIG_HEADER]
    const r = await ingestUpload(ctx, p.data.deviceId, req.body, typeof sig === 'string' ? sig : undefined, 'http')
    if (!r.ok) {
      const { ok: _ok, status, ...why } = r
      return refuse(reply, status, why.error, why)
    }
    return r.reply
  })

  app.post('/v1/ingest', { bodyLimit: FILE_LIMIT }, async (req, reply) => {
    if (!operator(req, reply)) return reply
    if (!Buffer.isBuffer(req.body)) return refuse(reply, 400, 'badRequest')
    const r = await ingestExportFile(ctx, req.body)
    if (!r.ok) {
      const { ok: _ok, status, ...why } = r
      return refuse(reply, status, why.error, why)
    }
    return r
  })

  app.post('/v1/sessions/package', { bodyLimit: PACKAGE_LIMIT }, async (req, reply) => {
    if (!operator(req, reply)) return reply
    if (!Buffer.isBuffer(req.body)) return refuse(reply, 400, 'badRequest')
    const r = await storePackage(db, req.body, opts.trusted, ctx.now())
    if (!r.ok) return refuse(reply, 422, 'badPackage', { reason: r.reason, ...(r.detail ? { detail: r.detail } : {}) })
    ctx.rosters.forget(r.sessionId)
    return r
  })

  app.get('/v1/sessions', async () => ({ sessions: await listSessions(db) }))

  app.get('/v1/sessions/:sessionId/attendance', async (req, reply) => {
    const id = IdParam.safeParse((req.params as { sessionId?: unknown }).sessionId)
    if (!id.success) return refuse(reply, 400, 'badRequest')
    const a = await sessionAttendance(db, ctx.rosters, id.data)
    if (a === null) return refuse(reply, 404, 'notFound')
    return {
      sessionId: id.data,
      totals: a.totals,
      conflicts: a.conflicts,
      anomalies: a.anomalies,
      quarantined: await listQuarantined(db, id.data),
      candidates: a.candidates.map((c) => ({
        admitCardNo: c.candidate.admitCardNo,
        subjects: Object.fromEntries(Object.entries(c.subjects).map(([s, v]) => [s, v.state])),
      })),
    }
  })

  app.get('/v1/venues/:venueId/package', async (req, reply) => {
    if (!operator(req, reply)) return reply
    const id = IdParam.safeParse((req.params as { venueId?: unknown }).venueId)
    if (!id.success) return refuse(reply, 400, 'badRequest')
    const [row] = await db.query<{ session_id: string; bytes: Uint8Array }>(
      'SELECT session_id, bytes FROM packages WHERE venue_id = $1 ORDER BY uploaded_at DESC LIMIT 1',
      [id.data],
    )
    if (!row) return refuse(reply, 404, 'notFound')
    return reply
      .header('Content-Type', 'application/octet-stream')
      .header('Content-Disposition', `attachment; filename="${row.session_id.replace(/[^\w.-]/g, '_')}.examdesk"`)
      .send(Buffer.from(row.bytes))
  })

  app.get('/', async (_req, reply) => {
    const sessions = await listSessions(db)
    const sections = await Promise.all(
      sessions.map(async (session) => ({
        session,
        attendance: await sessionAttendance(db, ctx.rosters, session.sessionId),
        quarantined: await listQuarantined(db, session.sessionId),
      })),
    )
    const html = renderPage({
      url: `http://localhost:${opts.port ?? ''}`,
      sessions: sections,
      devices: await listDevices(db),
      alarms: await listAlarms(db),
      now: ctx.now(),
    })
    return reply
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Content-Security-Policy', PAGE_CSP)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Referrer-Policy', 'no-referrer')
      .send(html)
  })
  return app
}

const optName = (name: string | undefined) => (name === undefined ? {} : { name })

export type { Db }
