/**
 * The object the preload exposes: one named function per contract channel, and nothing else
 * (no ipcRenderer, no generic send/invoke). Pure, so tests check its keys without Electron.
 */
import { BRIDGE_METHODS, type BridgeChannel } from '../src-shared/bridge-channels'

export type Invoke = (channel: BridgeChannel, payload: unknown) => Promise<unknown>

export function buildBridgeApi(invoke: Invoke): Readonly<Record<string, (payload?: unknown) => Promise<unknown>>> {
  const api: Record<string, (payload?: unknown) => Promise<unknown>> = {}
  for (const [channel, method] of Object.entries(BRIDGE_METHODS) as [BridgeChannel, string][]) {
    api[method] = (payload?: unknown) => invoke(channel, payload)
  }
  return Object.freeze(api)
}
