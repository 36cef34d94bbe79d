/**
 * The ID card reader layer of main: pick the driver from the settings. On Windows the sdtapi.dll driver
 * (through koffi, an optional dependency); elsewhere, or when asked, the simulated reader.
 */
import { SimulatedCardReader } from '../../src-shared/simulated-card-reader'
import { SdtapiCardReader } from './sdtapi'
import { loadSdtapi } from './sdtapi-ffi'
import type { CardReader } from './types'

export type { CardReader, CardReadResult } from './types'
export { SimulatedCardReader } from '../../src-shared/simulated-card-reader'
export { SdtapiCardReader, SDT } from './sdtapi'

export interface ReaderSettings {
  /** `auto`: sdtapi on Windows, simulated elsewhere. */
  driver: 'auto' | 'sdtapi' | 'simulated'
  /** Folder of sdtapi.dll / WltRS.dll; default: the Windows DLL search path. */
  dllDir?: string
  /** A fixed reader port (1001–1016 USB, 1–16 serial) instead of scanning. */
  port?: number
}

/** Read the settings from the environment (EXAMDESK_READER = auto|sdtapi|simulated, _DLL_DIR, _PORT). */
export function readerSettingsFromEnv(env: Record<string, string | undefined>): ReaderSettings {
  const driver = env.EXAMDESK_READER
  const port = Number(env.EXAMDESK_READER_PORT)
  return {
    driver: driver === 'sdtapi' || driver === 'simulated' ? driver : 'auto',
    ...(env.EXAMDESK_READER_DLL_DIR ? { dllDir: env.EXAMDESK_READER_DLL_DIR } : {}),
    ...(Number.isInteger(port) && ((port >= 1 && port <= 16) || (port >= 1001 && port <= 1016)) ? { port } : {}),
  }
}

/** The reader driver these settings ask for on this OS. */
export function createCardReader(
  settings: ReaderSettings,
  platform: NodeJS.Platform = process.platform,
  onError?: (message: string) => void,
): CardReader {
  const driver = settings.driver === 'auto' ? (platform === 'win32' ? 'sdtapi' : 'simulated') : settings.driver
  if (driver === 'simulated') return new SimulatedCardReader()
  return new SdtapiCardReader({
    load: () =>
      loadSdtapi({
        platform,
        ...(settings.dllDir ? { dllDir: settings.dllDir } : {}),
        ...(onError ? { onError } : {}),
      }),
    ...(settings.port !== undefined ? { port: settings.port } : {}),
  })
}
