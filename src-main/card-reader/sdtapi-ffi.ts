/**
 * Binds sdtapi.dll and WltRS.dll with the FFI library koffi (https://koffi.dev), on Windows only.
 * koffi is an optionalDependency: npm installs it with the prebuilt binary for the machine's platform (the
 * @koromix/koffi-<os>-<arch> package, from the npm registry; no compiler, no download), and electron-builder
 * unpacks both from the asar. It is imported lazily through a computed specifier, so the bundler leaves it alone
 * and hosts that never read a card (the web host) never touch it: a missing koffi answers `unsupportedPlatform`.
 *
 * koffi API used (koffi.dev "Function calls", "Asynchronous calls", "Output parameters"):
 *   koffi.load(path) → lib;  lib.func('int __stdcall NAME(int a, void *b)') → fn;  fn.async(...args, cb)
 * Buffers are passed to `void *` parameters as TypedArrays: koffi hands the C function the array's own memory
 * (polymorphic pointer arguments, koffi ≥ 2.3), so what the DLL writes is in the array afterwards.
 * The DLL must match the process's bitness (a 32-bit vendor DLL needs a 32-bit Electron build): koffi.load
 * fails otherwise, which we report as `noReader` with the error passed to `onError`.
 *
 * WltRS.dll (the vendor's photo decoder; signature as in waitingsong/node-idcard-reader src/config/config.ts
 * `GetBmp: ['int', ['string', 'int']]`): int __stdcall GetBmp(char *wltFile, int intf), intf 1 = serial,
 * 2 = USB; returns 1 on success and writes `<same name>.bmp` beside the .wlt file.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SdtApi, SdtLibrary, SdtLoad } from './sdtapi'

/** The part of koffi's API we use, so nothing here needs koffi's own types. */
interface KoffiFunction {
  async(...args: unknown[]): void
}
interface KoffiLib {
  func(prototype: string): KoffiFunction
}
interface Koffi {
  load(path: string): KoffiLib
}

export interface SdtapiFfiOptions {
  /** Folder holding sdtapi.dll and WltRS.dll; default: the Windows DLL search path (app folder, System32, PATH). */
  dllDir?: string
  platform?: NodeJS.Platform
  /** Test seam: how koffi is imported. */
  importKoffi?: () => Promise<unknown>
  onError?: (message: string) => void
}

// A computed specifier: the bundler must not try to resolve a package that is only present on Windows builds.
const KOFFI = ['kof', 'fi'].join('')
const importKoffiDefault = () => import(/* @vite-ignore */ KOFFI)

/** Load sdtapi.dll (and WltRS.dll when present) through koffi; never throws. */
export async function loadSdtapi(options: SdtapiFfiOptions = {}): Promise<SdtLoad> {
  const platform = options.platform ?? process.platform
  if (platform !== 'win32') return { ok: false, reason: 'unsupportedPlatform' }
  let koffi: Koffi
  try {
    const mod = (await (options.importKoffi ?? importKoffiDefault)()) as { default?: Koffi } & Partial<Koffi>
    koffi = (mod.default ?? mod) as Koffi
    if (typeof koffi.load !== 'function') throw new Error('koffi.load is missing')
  } catch (err) {
    options.onError?.(`koffi unavailable (an optional dependency: was it installed?): ${message(err)}`)
    return { ok: false, reason: 'unsupportedPlatform' }
  }
  const path = (name: string) => (options.dllDir ? join(options.dllDir, name) : name)
  let sdt: KoffiLib
  try {
    sdt = koffi.load(path('sdtapi.dll'))
  } catch (err) {
    options.onError?.(`sdtapi.dll could not be loaded (vendor driver installed? same bitness?): ${message(err)}`)
    return { ok: false, reason: 'noReader' }
  }
  const api: SdtApi = {
    openPort: call(sdt.func('int __stdcall SDT_OpenPort(int iPort)')),
    closePort: call(sdt.func('int __stdcall SDT_ClosePort(int iPort)')),
    startFindIdCard: call(sdt.func('int __stdcall SDT_StartFindIDCard(int iPort, void *pucIIN, int iIfOpen)')),
    selectIdCard: call(sdt.func('int __stdcall SDT_SelectIDCard(int iPort, void *pucSN, int iIfOpen)')),
    readBaseMsg: call(
      sdt.func(
        'int __stdcall SDT_ReadBaseMsg(int iPort, void *pucCHMsg, void *puiCHMsgLen, void *pucPHMsg, void *puiPHMsgLen, int iIfOpen)',
      ),
    ),
  }
  const library: SdtLibrary = { api }
  try {
    const getBmp = call(koffi.load(path('WltRS.dll')).func('int __stdcall GetBmp(const char *wltFile, int intf)'))
    library.decodePhoto = (wlt, usb) => decodeWlt(getBmp, wlt, usb)
  } catch (err) {
    // No photo decoder: the text still reads, the desk shows no chip photo.
    options.onError?.(`WltRS.dll could not be loaded, chip photos are off: ${message(err)}`)
  }
  return { ok: true, library }
}

/** WltRS works on files: write the .wlt to a private temp folder, decode, read the .bmp, remove the folder. */
async function decodeWlt(
  getBmp: (...args: unknown[]) => Promise<number>,
  wlt: Uint8Array,
  usb: boolean,
): Promise<Uint8Array | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'examdesk-wlt-'))
  try {
    const wltFile = join(dir, 'zp.wlt')
    await writeFile(wltFile, wlt)
    if ((await getBmp(wltFile, usb ? 2 : 1)) !== 1) return undefined
    return new Uint8Array(await readFile(join(dir, 'zp.bmp')))
  } catch {
    return undefined
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** koffi's callback-style `fn.async` as a promise; the call runs on koffi's worker thread. */
function call<A extends unknown[]>(fn: KoffiFunction): (...args: A) => Promise<number> {
  return (...args) =>
    new Promise((resolve, reject) => {
      fn.async(...args, (err: unknown, result: number) => (err ? reject(err) : resolve(result)))
    })
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
