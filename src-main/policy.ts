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

/** The window's web preferences: isolated, sandboxed, no Node; DevTools only when `devTools` says so. */
export function webPreferences(preloadPath: string, devTools = false): WebPreferences {
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
    devTools,
  }
}

export interface WindowOptionsInput {
  preloadPath: string
  kiosk: boolean
  iconPath?: string
  /** From devToolsAllowed(); off unless given. */
  devTools?: boolean
}

/**
 * DevTools are a console with the bridge in reach (desk:sign signs anything): on in development only, that is
 * when the app is not packaged, or on a packaged desk started with EXAMDESK_DEVTOOLS=1 by someone who already
 * controls how the program is launched.
 */
export function devToolsAllowed(isPackaged: boolean, env: Record<string, string | undefined>): boolean {
  return !isPackaged || env.EXAMDESK_DEVTOOLS === '1'
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
    webPreferences: webPreferences(input.preloadPath, input.devTools ?? false),
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

/**
 * The HQ origin main may reach for the renderer, pinned by EXAMDESK_HQ_URL; undefined when unset (the desk's
 * setting decides, within isAllowedHqUrl's rules). A value that is not an http(s) URL pins an origin nothing
 * matches: a misconfigured desk reaches no HQ rather than any.
 */
export function pinnedHqOrigin(env: Record<string, string | undefined>): string | undefined {
  const value = env.EXAMDESK_HQ_URL?.trim()
  if (!value) return undefined
  try {
    const u = new URL(value)
    if ((u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password) return u.origin
  } catch {
    // fall through
  }
  return 'invalid:'
}

/**
 * Why main refuses to fetch `url` for the renderer (hq:request), or null when it may: http or https only (no
 * file:, data:, app:, ftp:…), no user name or password in the URL, and only the pinned HQ origin when one is set.
 */
export function hqUrlRefusal(url: string, pinnedOrigin?: string): string | null {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return 'not a URL'
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `scheme ${u.protocol} is not allowed`
  if (u.username || u.password) return 'credentials in the URL are not allowed'
  if (pinnedOrigin !== undefined && u.origin !== pinnedOrigin) return `only ${pinnedOrigin} may be reached`
  return null
}
