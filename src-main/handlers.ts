/**
 * What main does for the renderer, one function per bridge channel. Electron objects come in as
 * plain dependencies so each handler is a plain function tested in Node.
 */
import type { Handlers } from './ipc'
import type { DeskKey } from './desk-key'
import type { CardReader } from './card-reader/types'
import { hqUrlRefusal } from './policy'

export interface HandlerDeps {
  version: string
  os: string
  keyProtection: 'os' | 'weak'
  deskKey: () => Promise<DeskKey>
  isKiosk: () => boolean
  setKiosk: (on: boolean) => void
  showOpenDialog: (filters: { name: string; extensions: string[] }[]) => Promise<string | null>
  showSaveDialog: (suggestedName: string, filters: { name: string; extensions: string[] }[]) => Promise<string | null>
  /** Size in bytes of a file on disk (stat), read before anything else. */
  fileSize: (path: string) => Promise<number>
  /** Picked files, handed to the renderer as one-time app:// URLs that main streams from disk. */
  openedFiles: { register(path: string): string }
  writeFile: (path: string, bytes: Uint8Array) => Promise<void>
  printToPdf: (opts: { landscape: boolean }) => Promise<Uint8Array>
  fetch: (
    url: string,
    init: {
      method: string
      headers: Record<string, string>
      body?: string
      signal: AbortSignal
      redirect: 'error'
    },
  ) => Promise<{ status: number; text(): Promise<string> }>
  /** The one HQ origin hq:request may reach (EXAMDESK_HQ_URL); any http(s) origin when undefined. */
  hqOrigin?: string
  /** The ID card reader chosen at start (sdtapi.dll on Windows, simulated elsewhere). */
  cardReader: () => CardReader
}

const MAX_OPEN_BYTES = 512 * 1024 * 1024

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'app:info': () => ({
      version: deps.version,
      platform: 'electron',
      os: deps.os,
      kiosk: deps.isKiosk(),
      keyProtection: deps.keyProtection,
    }),
    'desk:identity': async () => {
      const key = await deps.deskKey()
      return { deviceId: key.deviceId, publicKey: key.publicKey }
    },
    'desk:sign': async (digest) => (await deps.deskKey()).sign(digest),
    'file:open': async ({ filters }) => {
      const path = await deps.showOpenDialog(filters)
      if (!path) return null
      const size = await deps.fileSize(path)
      if (size > MAX_OPEN_BYTES) throw new Error('file too large')
      return { name: path.split(/[\\/]/).pop() ?? path, size, url: deps.openedFiles.register(path) }
    },
    'file:save': async ({ suggestedName, bytes, filters }) => {
      const path = await deps.showSaveDialog(suggestedName, filters)
      if (!path) return null
      await deps.writeFile(path, bytes)
      return { path }
    },
    'report:toPdf': (opts) => deps.printToPdf(opts),
    'hq:request': async ({ url, method, headers, body, timeoutMs }) => {
      const refusal = hqUrlRefusal(url, deps.hqOrigin)
      if (refusal !== null) throw new Error(`hq:request refused: ${refusal}`)
      // A redirect would take the request past the check above: HQ never redirects, so one is an error.
      const res = await deps.fetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      })
      return { status: res.status, body: await res.text() }
    },
    'window:setKiosk': (on) => {
      deps.setKiosk(on)
      return deps.isKiosk()
    },
    'reader:read': async () => {
      // A driver must answer a reason, never throw; if one does anyway, the desk still gets a reason to show.
      try {
        return await deps.cardReader().read()
      } catch {
        return { ok: false, reason: 'readFailed' } as const
      }
    },
  }
}
