/**
 * The web host: serves the built renderer (out/renderer) to a browser on localhost with the same CSP
 * as the Electron window, so the complete app runs with no Electron at all. The port is fixed by
 * default because IndexedDB is per origin: a desk's data stays with http://localhost:<port>.
 *
 * HQ: the page's CSP allows `connect-src 'self'` only, so the web host forwards `/hq/*` to the HQ URL
 * given by `--hq` or EXAMDESK_HQ_URL (default http://localhost:8787), e.g. `/hq/v1/devices/…/head` →
 * `http://localhost:8787/v1/devices/…/head`, never to another origin (hqTarget). The Electron build needs no
 * proxy: main's net.fetch reaches HQ with the URL from the desk settings.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { mimeTypeOf, resolveStaticFile, securityHeaders } from '../src-main/app-files'

export const DEFAULT_WEB_PORT = 5174

export interface WebHost {
  server: Server
  url: string
  close(): Promise<void>
}

const HQ_BODY_LIMIT = 8 * 1024 * 1024
const FORWARDED_HEADERS = ['content-type', 'authorization', 'x-examdesk-signature']

/**
 * The upstream URL of a `/hq/…` request: its path and query joined onto the HQ origin, or null when the result
 * would leave that origin. Joined as text, never resolved as a relative URL: `new URL('//evil.host/x', hq)` is
 * evil.host, and so would be `/hq//evil.host/x`; here it stays `<hq origin>//evil.host/x`.
 */
export function hqTarget(hqUrl: string, requestUrl: string): URL | null {
  if (!requestUrl.startsWith('/hq/')) return null
  let origin: string
  try {
    const hq = new URL(hqUrl)
    if (hq.protocol !== 'http:' && hq.protocol !== 'https:') return null
    origin = hq.origin
  } catch {
    return null
  }
  let target: URL
  try {
    target = new URL(origin + requestUrl.slice('/hq'.length))
  } catch {
    return null
  }
  return target.origin === origin && !target.username && !target.password ? target : null
}

/** Forward one /hq/* request to HQ: path, method, body and the few headers the protocol uses. */
async function proxyToHq(hqUrl: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = hqTarget(hqUrl, req.url ?? '')
  if (target === null) {
    res.writeHead(400, { 'Content-Type': 'application/json' }).end('{"error":"badHqPath"}')
    return
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > HQ_BODY_LIMIT) {
      res.writeHead(413, { 'Content-Type': 'application/json' }).end('{"error":"tooLarge"}')
      return
    }
    chunks.push(chunk)
  }
  const headers: Record<string, string> = {}
  for (const h of FORWARDED_HEADERS) {
    const v = req.headers[h]
    if (typeof v === 'string') headers[h] = v
  }
  try {
    // A redirect would leave the HQ origin: HQ never sends one, so it counts as unreachable.
    const upstream = await fetch(target, {
      method: req.method,
      headers,
      ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
      signal: AbortSignal.timeout(120_000),
      redirect: 'error',
    })
    const body = Buffer.from(await upstream.arrayBuffer())
    res.writeHead(upstream.status, { 'Content-Type': upstream.headers.get('content-type') ?? 'application/json' })
    res.end(body)
  } catch {
    res.writeHead(502, { 'Content-Type': 'application/json' }).end('{"error":"hqUnreachable"}')
  }
}

export async function startWebHost(
  opts: { root?: string; port?: number; host?: string; hqUrl?: string } = {},
): Promise<WebHost> {
  const root = resolve(opts.root ?? 'out/renderer')
  const host = opts.host ?? '127.0.0.1'
  const hqUrl = opts.hqUrl ?? process.env.EXAMDESK_HQ_URL ?? 'http://localhost:8787'
  const server = createServer(async (req, res) => {
    const headers = securityHeaders()
    if (req.url?.startsWith('/hq/') && (req.method === 'GET' || req.method === 'POST')) {
      await proxyToHq(hqUrl, req, res)
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end()
      return
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    const file = resolveStaticFile(root, path)
    if (!file) {
      res.writeHead(404, headers).end('not found')
      return
    }
    try {
      const body = await readFile(file)
      res.writeHead(200, { ...headers, 'Content-Type': mimeTypeOf(file), 'Cache-Control': 'no-cache' })
      res.end(req.method === 'HEAD' ? undefined : body)
    } catch {
      res.writeHead(404, headers).end('not found')
    }
  })
  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(opts.port ?? DEFAULT_WEB_PORT, host, () => ok())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : opts.port
  return {
    server,
    url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${port}/`,
    close: () => new Promise((ok) => server.close(() => ok())),
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const portArg = process.argv.indexOf('--port')
  const port = portArg > 0 ? Number(process.argv[portArg + 1]) : Number(process.env.PORT ?? DEFAULT_WEB_PORT)
  const hqArg = process.argv.indexOf('--hq')
  startWebHost({ port, ...(hqArg > 0 ? { hqUrl: process.argv[hqArg + 1]! } : {}) }).then(
    (h) => console.log(`ExamDesk web host: ${h.url}  (Ctrl+C to stop)`),
    (err: Error) => {
      console.error(`ExamDesk web host could not start: ${err.message}`)
      process.exit(1)
    },
  )
}
