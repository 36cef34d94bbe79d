/**
 * The names of the bridge between renderer and main, channel `area:verb` → the method name the preload
 * exposes. Kept free of zod so the sandboxed preload stays tiny; `bridge.ts` adds a schema to each.
 */
export const BRIDGE_METHODS = {
  'app:info': 'appInfo',
  'desk:identity': 'deskIdentity',
  'desk:sign': 'deskSign',
  'file:open': 'openFile',
  'file:save': 'saveFile',
  'report:toPdf': 'reportToPdf',
  'hq:request': 'hqRequest',
  'window:setKiosk': 'setKiosk',
  'reader:read': 'readCard',
} as const

export type BridgeChannel = keyof typeof BRIDGE_METHODS
export type BridgeMethod = (typeof BRIDGE_METHODS)[BridgeChannel]
export const BRIDGE_CHANNELS = Object.keys(BRIDGE_METHODS) as BridgeChannel[]

/** The name under which the preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'examdesk'
