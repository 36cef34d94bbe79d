/**
 * The web adapter: the same contract with browser APIs, so the complete app runs in plain Chromium.
 * The desk key is a non-extractable WebCrypto key kept in IndexedDB: script can use it, never read it.
 */
import { deviceIdFromPublicKey, toBase64Url } from '../../src-shared/crypto'
import type { DeskIdentity } from '../../src-shared/bridge'
import type { Platform, FileFilter } from '../../src-shared/platform'
import type { LedgerDb, KeyRecord } from '../db/ledger'
import { simulatedReader } from './simulated-reader'

const VERSION = import.meta.env.VITE_APP_VERSION ?? '0.0.0'

async function loadOrCreateKey(db: LedgerDb): Promise<KeyRecord> {
  const existing = await db.keys.get('desk')
  if (existing) return existing
  const keyPair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keyPair.publicKey))
  const publicKey = toBase64Url(raw)
  const record: KeyRecord = { id: 'desk', keyPair, publicKey, deviceId: await deviceIdFromPublicKey(publicKey) }
  // Two tabs racing on first start: the first key written wins, the other tab uses it.
  return db.transaction('rw', db.keys, async () => {
    const raced = await db.keys.get('desk')
    if (raced) return raced
    await db.keys.add(record)
    return record
  })
}

function pickFile(filters: FileFilter[]): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = filters.flatMap((f) => f.extensions.filter((e) => e !== '*').map((e) => `.${e}`)).join(',')
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true })
    input.addEventListener('cancel', () => resolve(null), { once: true })
    input.click()
  })
}

export function createWebPlatform(db: LedgerDb): Platform {
  let key: Promise<KeyRecord> | null = null
  const deskKey = () => (key ??= loadOrCreateKey(db))
  return {
    kind: 'web',
    appInfo: async () => ({
      version: VERSION,
      platform: 'web',
      os: navigator.userAgent,
      kiosk: document.fullscreenElement !== null,
      keyProtection: 'browser',
    }),
    deskIdentity: async (): Promise<DeskIdentity> => {
      const k = await deskKey()
      return { deviceId: k.deviceId, publicKey: k.publicKey }
    },
    signDigest: async (hash) => {
      const k = await deskKey()
      return new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, k.keyPair.privateKey, hash as BufferSource))
    },
    openFile: async (filters) => {
      const file = await pickFile(filters)
      return file ? { name: file.name, data: file } : null
    },
    saveFile: async (suggestedName, bytes) => {
      const url = URL.createObjectURL(new Blob([bytes as BlobPart]))
      const a = document.createElement('a')
      a.href = url
      a.download = suggestedName
      a.click()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
      return true
    },
    printPage: async () => {
      window.print()
      return null
    },
    hqRequest: async ({ url, method, headers, body, timeoutMs }) => {
      // The page's CSP allows connect-src 'self' only, so HQ is reached through the web host, which
      // forwards /hq/* to the HQ it was started with (scripts/web-host.ts --hq). The CSP stays strict.
      const target = new URL(url)
      const res = await fetch(`/hq${target.pathname}${target.search}`, {
        method,
        headers: headers ?? {},
        ...(body !== undefined ? { body } : {}),
        signal: AbortSignal.timeout(timeoutMs ?? 30_000),
      })
      return { status: res.status, body: await res.text() }
    },
    setKiosk: async (on) => {
      if (on && !document.fullscreenElement) await document.documentElement.requestFullscreen()
      if (!on && document.fullscreenElement) await document.exitFullscreen()
      return document.fullscreenElement !== null
    },
    // A browser cannot load the vendor DLL: the web host reads the simulated reader fed by demo mode and tests.
    readCard: () => simulatedReader.read(),
  }
}
