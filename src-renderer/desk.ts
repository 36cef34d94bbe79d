/** This desk as the ledger sees it: its deviceId and a signer backed by the platform's key. */
import type { DeskSigner } from './db/append'
import { platform } from './platform'

let signer: Promise<DeskSigner> | null = null

export function deskSigner(): Promise<DeskSigner> {
  signer ??= platform.deskIdentity().then((id) => ({ deviceId: id.deviceId, sign: (d) => platform.signDigest(d) }))
  return signer
}
