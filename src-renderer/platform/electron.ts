/** The Electron adapter: every call goes through the preload bridge to main. */
import type { BridgeResult } from '../../src-shared/bridge'
import type { BridgeMethod } from '../../src-shared/bridge-channels'
import type { Platform } from '../../src-shared/platform'

type BridgeApi = Record<BridgeMethod, (payload?: unknown) => Promise<BridgeResult<unknown>>>

async function call<T>(api: BridgeApi, method: BridgeMethod, payload?: unknown): Promise<T> {
  const result = await api[method](payload)
  if (!result.ok) throw new Error(result.error)
  return result.value as T
}

export function createElectronPlatform(api: BridgeApi): Platform {
  return {
    kind: 'electron',
    appInfo: () => call(api, 'appInfo'),
    deskIdentity: () => call(api, 'deskIdentity'),
    signDigest: (hash) => call(api, 'deskSign', hash),
    openFile: async (filters) => {
      const file = await call<{ name: string; size: number; url: string } | null>(api, 'openFile', { filters })
      if (!file) return null
      // Main streams the picked file at a one-time URL; the Blob lands in the browser's blob store.
      const res = await fetch(file.url)
      if (!res.ok) throw new Error(`the chosen file could not be read (${res.status})`)
      return { name: file.name, data: await res.blob() }
    },
    saveFile: async (suggestedName, bytes, filters) =>
      (await call<{ path: string } | null>(api, 'saveFile', { suggestedName, bytes, filters })) !== null,
    printPage: (opts) => call(api, 'reportToPdf', opts),
    hqRequest: (req) => call(api, 'hqRequest', req),
    setKiosk: (on) => call(api, 'setKiosk', on),
    readCard: () => call(api, 'readCard'),
  }
}
