/**
 * What the renderer needs from its host. Two adapters implement it: `platform/electron.ts` (IPC to
 * main) and `platform/web.ts` (browser APIs), so the whole app also runs in a plain Chromium.
 */
import type { AppInfo, CardReadResult, DeskIdentity, HqRequest, HqResponse } from './bridge'

export interface FileFilter {
  name: string
  extensions: string[]
}

export interface Platform {
  readonly kind: 'electron' | 'web'
  appInfo(): Promise<AppInfo>
  /** This desk's identity; the key pair is created on first use and never leaves the host. */
  deskIdentity(): Promise<DeskIdentity>
  /** Ed25519 signature of a 32-byte event hash with the desk key. */
  signDigest(hash: Uint8Array): Promise<Uint8Array>
  /** Let the user pick a file; null when cancelled. A Blob, so large files are read in slices. */
  openFile(filters: FileFilter[]): Promise<{ name: string; data: Blob } | null>
  /** Save bytes where the user says (Electron: dialog; web: download). False when cancelled. */
  saveFile(suggestedName: string, bytes: Uint8Array, filters: FileFilter[]): Promise<boolean>
  /** Print the current page: Electron returns PDF bytes, the web host opens the print dialog (null). */
  printPage(opts: { landscape: boolean }): Promise<Uint8Array | null>
  /** HTTP to HQ (Electron: main's net.fetch, no CORS; web: fetch). */
  hqRequest(req: HqRequest): Promise<HqResponse>
  setKiosk(on: boolean): Promise<boolean>
  /** One read of the 二代证 reader (Electron: the vendor DLL in main; web: the simulated reader). */
  readCard(): Promise<CardReadResult>
}
