/**
 * The one interface every ID card reader driver implements (id-documents.md "Readers"): the real sdtapi.dll
 * driver on Windows, the simulated reader elsewhere. Reason codes are those of `CardReadResult` (bridge.ts):
 * `noReader`, `noCard`, `readFailed`, `unsupportedPlatform`.
 */
import type { CardReadResult } from '../../src-shared/bridge'

export type { CardReadResult } from '../../src-shared/bridge'

export interface CardReader {
  readonly kind: 'sdtapi' | 'simulated'
  /** Find the reader and hold its port; never throws (a missing reader shows on the next read). */
  open(): Promise<void>
  /** One attempt to read the card lying on the reader now; never throws. */
  read(): Promise<CardReadResult>
  /** Release the port. */
  close(): Promise<void>
}
