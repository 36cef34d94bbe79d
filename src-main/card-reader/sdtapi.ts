/**
 * The real 二代证 reader driver: the generic `sdtapi.dll` interface that many vendors ship (华视, 精伦, 神思,
 * 新中新 …), as described in id-documents.md "Readers". The DLL talks to the reader's security module; we
 * never talk to the card ourselves.
 *
 * Protocol (sources: the vendor SDK header `sdtapi.h`, e.g. libinqi/idr-routon tmp/include/sdtapi.h;
 * waitingsong/node-idcard-reader src/lib/device.ts for the port scan and the call sequence; the return codes
 * as listed in the vendors' 二次开发接口说明 and repeated in many public samples):
 *   int __stdcall SDT_OpenPort(int iPort)                       ports 1001–1016 USB, then 1–16 serial
 *   int __stdcall SDT_ClosePort(int iPort)
 *   int __stdcall SDT_StartFindIDCard(int iPort, unsigned char *pucIIN, int iIfOpen)   0x9F card found
 *   int __stdcall SDT_SelectIDCard(int iPort, unsigned char *pucSN, int iIfOpen)       0x90 selected
 *   int __stdcall SDT_ReadBaseMsg(int iPort, unsigned char *pucCHMsg, unsigned int *puiCHMsgLen,
 *                                 unsigned char *pucPHMsg, unsigned int *puiPHMsgLen, int iIfOpen)
 *       → 256 bytes UCS-2LE text (parsed by src-shared/card-record.ts) + 1024 bytes of compressed photo (wlt),
 *         which the vendor's WltRS.dll turns into a 102×126 BMP (see sdtapi-ffi.ts).
 * iIfOpen = 0: we open the port once with SDT_OpenPort and keep it, instead of letting each call open and
 * close it again.
 *
 * A card lying on the reader is found once: after it was read, SDT_StartFindIDCard answers 0x80 until the card
 * is lifted and put back. So polling `read()` reads each placed card once, which is what a desk wants.
 */
import { parseCardRecord } from '../../src-shared/card-record'
import type { CardReadFailure, CardReadResult } from '../../src-shared/bridge'
import type { CardReader } from './types'

/** Return codes of sdtapi.dll (SW3 of the security module's answer). */
export const SDT = {
  ok: 0x90,
  noContent: 0x91,
  cardFound: 0x9f,
  portFailed: 0x01,
  pcReceiveTimeout: 0x02,
  pcChecksum: 0x03,
  usbNotConfigured: 0x04,
  usbDisabled: 0x06,
  cardAuthenticationFailed: 0x31,
  readerAuthenticationFailed: 0x32,
  verificationFailed: 0x33,
  unknownCardType: 0x40,
  readFailed: 0x41,
  findCardFailed: 0x80,
  selectCardFailed: 0x81,
} as const

/** Codes that mean the reader itself is gone or not answering: forget the port and scan again later. */
const CONNECTION_LOST = new Set<number>([
  SDT.portFailed,
  SDT.pcReceiveTimeout,
  SDT.pcChecksum,
  SDT.usbNotConfigured,
  SDT.usbDisabled,
])

export const USB_PORTS = range(1001, 1016)
export const SERIAL_PORTS = range(1, 16)

const TEXT_BYTES = 2048
const PHOTO_BYTES = 2048

/** The DLL's functions as async calls (koffi runs them on a worker thread, so main never blocks). */
export interface SdtApi {
  openPort(port: number): Promise<number>
  closePort(port: number): Promise<number>
  startFindIdCard(port: number, iin: Uint8Array, ifOpen: number): Promise<number>
  selectIdCard(port: number, sn: Uint8Array, ifOpen: number): Promise<number>
  readBaseMsg(
    port: number,
    text: Uint8Array,
    textLength: Uint32Array,
    photo: Uint8Array,
    photoLength: Uint32Array,
    ifOpen: number,
  ): Promise<number>
}

export interface SdtLibrary {
  api: SdtApi
  /** WltRS.dll: compressed chip photo → BMP bytes; undefined when the library is missing or fails. */
  decodePhoto?: (wlt: Uint8Array, usb: boolean) => Promise<Uint8Array | undefined>
}

export type SdtLoad = { ok: true; library: SdtLibrary } | { ok: false; reason: 'unsupportedPlatform' | 'noReader' }

export interface SdtapiReaderOptions {
  load: () => Promise<SdtLoad>
  /** A fixed port from the settings; otherwise USB 1001–1016 then serial 1–16 are tried. */
  port?: number
  /** After a scan found nothing, reads answer `noReader` for this long before scanning again (serial is slow). */
  rescanAfterMs?: number
  now?: () => number
}

/** The sdtapi.dll driver: port scan, find → select → read, return codes mapped to reason codes. */
export class SdtapiCardReader implements CardReader {
  readonly kind = 'sdtapi'
  private loaded: Promise<SdtLoad> | null = null
  private port: number | null = null
  private lastFailedScan: number | null = null
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly options: SdtapiReaderOptions) {}

  async open(): Promise<void> {
    await this.exclusive(async () => {
      const load = await this.load()
      if (load.ok) await this.findPort(load.library.api, true)
    })
  }

  async read(): Promise<CardReadResult> {
    return this.exclusive(async () => {
      const load = await this.load()
      if (!load.ok) return failure(load.reason)
      const { api, decodePhoto } = load.library
      try {
        const port = await this.findPort(api, false)
        if (port === null) return failure('noReader')
        const found = await api.startFindIdCard(port, new Uint8Array(8), 0)
        if (found !== SDT.cardFound) return this.failed(api, found)
        const selected = await api.selectIdCard(port, new Uint8Array(8), 0)
        if (selected !== SDT.ok) return this.failed(api, selected)
        const text = new Uint8Array(TEXT_BYTES)
        const photo = new Uint8Array(PHOTO_BYTES)
        const textLength = Uint32Array.of(TEXT_BYTES)
        const photoLength = Uint32Array.of(PHOTO_BYTES)
        const read = await api.readBaseMsg(port, text, textLength, photo, photoLength, 0)
        if (read !== SDT.ok) return this.failed(api, read)
        const record = parseCardRecord(text.subarray(0, Math.min(textLength[0] ?? 0, TEXT_BYTES)))
        if (!record.ok) return failure('readFailed')
        const wlt = photo.slice(0, Math.min(photoLength[0] ?? 0, PHOTO_BYTES))
        const bmp = wlt.byteLength > 0 ? await decodePhoto?.(wlt, port >= 1001).catch(() => undefined) : undefined
        return bmp ? { ok: true, card: record.record.card, photo: bmp } : { ok: true, card: record.record.card }
      } catch {
        // A DLL that throws through the FFI (wrong signature, bitness) is a failed read, never a crash of main.
        return failure('readFailed')
      }
    })
  }

  async close(): Promise<void> {
    await this.exclusive(async () => {
      const load = this.loaded ? await this.loaded : null
      if (load?.ok && this.port !== null) await load.library.api.closePort(this.port).catch(() => undefined)
      this.port = null
    })
  }

  private load(): Promise<SdtLoad> {
    return (this.loaded ??= this.options.load().catch(() => ({ ok: false, reason: 'unsupportedPlatform' }) as const))
  }

  private async findPort(api: SdtApi, force: boolean): Promise<number | null> {
    if (this.port !== null) return this.port
    const now = this.options.now ?? Date.now
    const wait = this.options.rescanAfterMs ?? 5000
    if (!force && this.lastFailedScan !== null && now() - this.lastFailedScan < wait) return null
    const candidates = this.options.port !== undefined ? [this.options.port] : [...USB_PORTS, ...SERIAL_PORTS]
    for (const port of candidates) {
      const code = await api.openPort(port).catch(() => -1)
      if (code === SDT.ok) {
        this.port = port
        this.lastFailedScan = null
        return port
      }
    }
    this.lastFailedScan = now()
    return null
  }

  /** 0x80 → noCard; a lost connection → noReader; any other code (0x40 not an ID card, 0x41 …) → readFailed. */
  private async failed(api: SdtApi, code: number): Promise<CardReadResult> {
    if (CONNECTION_LOST.has(code)) {
      // Unplugged or hung: release the port so the next read scans again (the reader may come back elsewhere).
      if (this.port !== null) await api.closePort(this.port).catch(() => undefined)
      this.port = null
      return failure('noReader')
    }
    if (code === SDT.findCardFailed) return failure('noCard')
    return failure('readFailed')
  }

  /** One DLL conversation at a time: two interleaved reads on one port confuse the security module. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }
}

function failure(reason: CardReadFailure): CardReadResult {
  return { ok: false, reason }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}
