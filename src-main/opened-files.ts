/**
 * Files the site manager picked in the open dialog, handed to the renderer as a one-time URL on the app's
 * own origin (`app://examdesk/__opened/<token>`) instead of as bytes over IPC. Main streams the file from
 * disk when the renderer fetches that URL, so a 250 MB session package is never held whole in main's memory
 * nor copied through IPC. A token is random, serves one fetch, and expires after a few minutes; only files
 * picked in the dialog are ever registered, so the renderer cannot name a path of its own.
 */
import { randomBytes } from 'node:crypto'
import { APP_HOST, APP_SCHEME } from './policy'

export const OPENED_PREFIX = '/__opened/'
const TOKEN = /^[0-9a-f]{32}$/
const TTL_MS = 5 * 60_000
const MAX_PENDING = 8

interface Pending {
  path: string
  expires: number
}

export class OpenedFiles {
  private pending = new Map<string, Pending>()
  constructor(private readonly now: () => number = Date.now) {}

  /** Register a picked file; the URL the renderer may fetch it from, once. */
  register(path: string): string {
    this.sweep()
    // The oldest goes first: a desk never needs more than a handful of picked files at once.
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!)
    const token = randomBytes(16).toString('hex')
    this.pending.set(token, { path, expires: this.now() + TTL_MS })
    return `${APP_SCHEME}://${APP_HOST}${OPENED_PREFIX}${token}`
  }

  /**
   * The path behind an opened-file URL, consumed: null when the URL is not one, the token is unknown,
   * used or expired. `isOpenedFileUrl` tells the protocol handler whether to ask at all.
   */
  take(url: string): string | null {
    const token = tokenOf(url)
    if (!token) return null
    const p = this.pending.get(token)
    this.pending.delete(token)
    if (!p || p.expires < this.now()) return null
    return p.path
  }

  private sweep(): void {
    const now = this.now()
    for (const [k, p] of this.pending) if (p.expires < now) this.pending.delete(k)
  }
}

export function isOpenedFileUrl(url: string): boolean {
  return tokenOf(url) !== null
}

function tokenOf(url: string): string | null {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return null
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || !u.pathname.startsWith(OPENED_PREFIX)) return null
  if (u.search || u.hash) return null
  const token = u.pathname.slice(OPENED_PREFIX.length)
  return TOKEN.test(token) ? token : null
}
