/**
 * Every security decision of the main process as a pure function, so that tests check them without
 * the Electron binary (electron.md "Hardening as tests").
 */
import type { WebPreferences } from 'electron'

/** The renderer's fixed origin. IndexedDB is per origin: changing it strands every desk's data. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'examdesk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/**
 * The Content-Security-Policy of the renderer, sent as a header by both hosts and repeated in
 * index.html. No remote host, no eval, no inline script; photos are shown from blob: URLs.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "worker-src 'self' blob:",
].join('; ')

/** The window's web preferences: isolated, sandboxed, no Node. */
export function webPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: true,
  }
}

export interface WindowOptionsInput {
  preloadPath: string
  kiosk: boolean
  iconPath?: string
}

/** The BrowserWindow options of the one window. Kiosk mode for check-in desks takes the whole screen. */
export function windowOptions(input: WindowOptionsInput) {
  return {
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'ExamDesk 考点签到台',
    backgroundColor: '#f4f6f8',
    autoHideMenuBar: true,
    kiosk: input.kiosk,
    fullscreen: input.kiosk,
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: webPreferences(input.preloadPath),
  }
}

/** Only our own origin may be loaded in the window; everything else is refused. */
export function isAllowedNavigation(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username
}

/** Links that may leave the app to the system browser: none but this short list. */
const EXTERNAL_ALLOWLIST = new Set<string>(['https://www.cecc.org.cn'])

export function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'https:' && EXTERNAL_ALLOWLIST.has(u.origin)
  } catch {
    return false
  }
}

/** Permissions the renderer may be granted. We take no camera, microphone, location or notifications. */
const ALLOWED_PERMISSIONS = new Set<string>(['clipboard-sanitized-write'])

export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAllowedNavigation(requestingUrl)
}

/** The parts of a WebFrameMain the sender check needs. */
export interface SenderFrame {
  url: string
  parent: unknown
}

/** VS Code's rule: only the main frame of our own origin may call the bridge. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  if (!frame) return false
  if (frame.parent !== null) return false
  return isAllowedNavigation(frame.url)
}
