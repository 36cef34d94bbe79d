import { createServer, request, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hqTarget, startWebHost, type WebHost } from '../../../scripts/web-host'

describe('the /hq proxy target', () => {
  const hq = 'http://localhost:8787'

  it.each([
    ['/hq/v1/devices/abc/head', 'http://localhost:8787/v1/devices/abc/head'],
    ['/hq/v1/sessions?x=1', 'http://localhost:8787/v1/sessions?x=1'],
    ['/hq//evil.host/x', 'http://localhost:8787//evil.host/x'],
    ['/hq/http://evil.host/x', 'http://localhost:8787/http://evil.host/x'],
    ['/hq/\\evil.host/x', 'http://localhost:8787//evil.host/x'],
    ['/hq/@evil.host/x', 'http://localhost:8787/@evil.host/x'],
    ['/hq/%2F%2Fevil.host/x', 'http://localhost:8787/%2F%2Fevil.host/x'],
    ['/hq/../../etc/passwd', 'http://localhost:8787/etc/passwd'],
  ])('%s → %s, on the HQ origin', (path, expected) => {
    const target = hqTarget(hq, path)
    expect(target?.href).toBe(expected)
    expect(target?.origin).toBe('http://localhost:8787')
  })

  it('keeps to the origin of an HQ URL that has a path', () => {
    expect(hqTarget('https://hq.example.cn/base/', '/hq//evil.host/v1/x')?.origin).toBe('https://hq.example.cn')
  })

  it('refuses what is not an /hq/ path, and an HQ URL that is not http(s)', () => {
    expect(hqTarget(hq, '/hqx/v1')).toBeNull()
    expect(hqTarget(hq, 'http://evil.host/hq/x')).toBeNull()
    expect(hqTarget('file:///etc/', '/hq/passwd')).toBeNull()
    expect(hqTarget('not a url', '/hq/v1/x')).toBeNull()
  })
})

/** A local HTTP server that records the paths it was asked for. */
async function recorder(): Promise<{ server: Server; origin: string; paths: string[] }> {
  const paths: string[] = []
  const server = createServer((req, res) => {
    paths.push(req.url ?? '')
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}')
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()))
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths }
}

/** A raw GET with the path exactly as given (fetch would normalise it). */
function rawGet(base: string, path: string): Promise<number> {
  const { hostname, port } = new URL(base)
  return new Promise((ok, fail) => {
    request({ hostname, port, path, method: 'GET' }, (res: IncomingMessage) => {
      res.resume()
      res.on('end', () => ok(res.statusCode ?? 0))
    })
      .on('error', fail)
      .end()
  })
}

describe('the web host /hq proxy', () => {
  let hq: Awaited<ReturnType<typeof recorder>>
  let evil: Awaited<ReturnType<typeof recorder>>
  let host: WebHost

  beforeAll(async () => {
    hq = await recorder()
    evil = await recorder()
    host = await startWebHost({ port: 0, hqUrl: hq.origin, root: 'tests/unit/main' })
  })
  afterAll(async () => {
    await host.close()
    await new Promise((ok) => hq.server.close(ok))
    await new Promise((ok) => evil.server.close(ok))
  })

  it('forwards to HQ, and a path naming another host stays on HQ', async () => {
    const evilHost = new URL(evil.origin).host
    expect(await rawGet(host.url, '/hq/v1/sessions')).toBe(200)
    expect(await rawGet(host.url, `/hq//${evilHost}/x`)).toBe(200)
    expect(await rawGet(host.url, `/hq/http://${evilHost}/x`)).toBe(200)
    expect(await rawGet(host.url, `/hq/\\${evilHost}/x`)).toBe(200)
    expect(hq.paths).toEqual(['/v1/sessions', `//${evilHost}/x`, `/http://${evilHost}/x`, `//${evilHost}/x`])
    expect(evil.paths).toEqual([])
  })
})
