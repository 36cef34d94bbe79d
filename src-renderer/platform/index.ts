/** Pick the adapter for the host we run in: the preload bridge means Electron, else the web host. */
import { BRIDGE_GLOBAL } from '../../src-shared/bridge-channels'
import type { Platform } from '../../src-shared/platform'
import { ledger } from '../db'
import { createElectronPlatform } from './electron'
import { createWebPlatform } from './web'

function detect(): Platform {
  const bridge = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL]
  return bridge
    ? createElectronPlatform(bridge as Parameters<typeof createElectronPlatform>[0])
    : createWebPlatform(ledger)
}

export const platform: Platform = detect()
