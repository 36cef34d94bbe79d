/**
 * What desk and HQ say to each other (sync-protocol.md "Upload", "Offline transfer"): the upload body,
 * HQ's replies, HQ's signed receipt and the signed export file. Both sides parse with these schemas, so
 * a field means the same thing on the wire, on a USB stick and in a test.
 *
 * Reason codes HQ answers with (`{ error: reason, … }`; the desk UI translates them):
 * | reason          | status | meaning                                                                    |
 * | --------------- | ------ | -------------------------------------------------------------------------- |
 * | `badRequest`    | 400    | the body is not what the route expects (schema)                              |
 * | `tooLarge`      | 413    | the body is over the route's size limit                                      |
 * | `rateLimited`   | 429    | too many requests from this address; retry later                             |
 * | `unauthorized`  | 401    | no or wrong enrolment token                                                  |
 * | `notEnrolled`   | 403    | HQ does not know this desk: enrol it first                                   |
 * | `requestSig`    | 403    | the upload is not signed by the desk's key                                   |
 * | `deviceId`      | 400    | the upload names another desk than the URL                                   |
 * | `gap`           | 409    | the batch does not start at or before `ackedSeq + 1`: ask the head again     |
 * | `fork`          | 409    | HQ holds another event with one of these seqs: an alarm was raised           |
 * | `schema` `hash` `signature` `prevHash` `seqGap` | 422 | an event is malformed, edited, forged or out of order (ledger.ts) |
 * | `origin`        | 403    | a browser page of a foreign origin                                           |
 * | `notFound`      | 404    | no such session, venue or package                                            |
 * | `badPackage`    | 422    | the uploaded session package does not verify                                 |
 * | `badFile`       | 422    | the export file is not a signed export of a desk                             |
 */
import canonicalize from 'canonicalize'
import { z } from 'zod'
import {
  bytesToHex,
  fromBase64Url,
  importPublicKeyRaw,
  sha256,
  signBytes,
  toBase64Url,
  utf8,
  verifyBytes,
} from './crypto'
import type { HqKey } from './package-format'
import { IsoDateTime } from './schemas'

export const HQ_REASONS = [
  'badRequest',
  'tooLarge',
  'rateLimited',
  'unauthorized',
  'notEnrolled',
  'requestSig',
  'deviceId',
  'gap',
  'fork',
  'schema',
  'hash',
  'signature',
  'prevHash',
  'seqGap',
  'origin',
  'notFound',
  'badPackage',
  'badFile',
] as const
export type HqReason = (typeof HQ_REASONS)[number]

/** A batch must stay under this many bytes of JSON (sync-protocol.md: under 1 MiB). */
export const MAX_BATCH_BYTES = 1024 * 1024
/** The header carrying the desk's Ed25519 signature of SHA-256(body), base64url. */
export const REQUEST_SIG_HEADER = 'x-examdesk-signature'

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/)
const DeviceId = z.string().regex(/^[0-9a-f]{32}$/)

/**
 * `POST /v1/devices/{deviceId}/events`. Events stay `unknown` here: HQ checks each one itself so it can
 * name the first bad one instead of refusing the body as a whole.
 */
export const UploadBody = z.object({
  deviceId: DeviceId,
  /** The desk's clock when it sent the batch: HQ records the offset per device. */
  deskTime: IsoDateTime,
  events: z.array(z.unknown()).max(10_000),
})
export type UploadBody = z.infer<typeof UploadBody>

/** What HQ signs after every upload and with every head: this desk's events up to ackedSeq are held. */
export const ReceiptContent = z.object({
  format: z.literal('examdesk-receipt/1'),
  deviceId: DeviceId,
  ackedSeq: z.number().int().min(0),
  headHash: Hex64,
  /** Events of this batch newly stored (0 for a retry or a head). */
  stored: z.number().int().min(0),
  /** Of those, stored quarantined (a domain rule broken). */
  quarantined: z.number().int().min(0),
  issuedAt: IsoDateTime,
})
export type ReceiptContent = z.infer<typeof ReceiptContent>

export const Receipt = z.object({
  content: ReceiptContent,
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  sig: z.string().min(80).max(100),
})
export type Receipt = z.infer<typeof Receipt>

/** HQ's answer to a head request and to an accepted upload. */
export const AckReply = z.object({ ackedSeq: z.number().int().min(0), headHash: Hex64, receipt: Receipt })
export type AckReply = z.infer<typeof AckReply>

export const EnrolBody = z.object({ publicKey: z.string().min(40).max(50), name: z.string().max(100).optional() })

/** One upload as it travels in an export file: the exact body bytes (as text) and the desk's request signature. */
export const ExportedBatch = z.object({ body: z.string().max(MAX_BATCH_BYTES), sig: z.string().min(80).max(100) })
export type ExportedBatch = z.infer<typeof ExportedBatch>

/** The offline transfer file: the same batches an upload would send, signed as a whole by the desk. */
export const ExportContent = z.object({
  format: z.literal('examdesk-export/1'),
  deviceId: DeviceId,
  /** Lets HQ enrol a desk that was never online (the operator who ingests the file vouches for it). */
  publicKey: z.string().min(40).max(50),
  exportedAt: IsoDateTime,
  headSeq: z.number().int().min(0),
  batches: z.array(ExportedBatch).max(10_000),
})
export type ExportContent = z.infer<typeof ExportContent>
export const ExportFile = z.object({ content: ExportContent, sig: z.string().min(80).max(100) })
export type ExportFile = z.infer<typeof ExportFile>

/** The bytes a receipt or export signature covers: RFC 8785 JSON of the content. */
export function contentBytes(content: unknown): Uint8Array {
  const text = canonicalize(content)
  if (text === undefined) throw new TypeError('content cannot be canonicalised')
  return utf8(text)
}

/** SHA-256 of a request body or content: what the desk key signs (it only ever signs 32-byte digests). */
export async function digestOf(bytes: Uint8Array): Promise<Uint8Array> {
  return sha256(bytes)
}

/** HQ: sign a receipt with its key. */
export async function signReceipt(
  content: ReceiptContent,
  key: { keyId: string; privateKey: CryptoKey },
): Promise<Receipt> {
  const sig = await signBytes(key.privateKey, contentBytes(content))
  return { content, keyId: key.keyId, sig: toBase64Url(sig) }
}

/** Desk: is this receipt signed by one of the HQ keys the desk trusts? */
export async function verifyReceipt(receipt: Receipt, trusted: readonly HqKey[]): Promise<boolean> {
  const key = trusted.find((k) => k.keyId === receipt.keyId)
  if (!key) return false
  try {
    return await verifyBytes(
      await importPublicKeyRaw(key.publicKey),
      fromBase64Url(receipt.sig),
      contentBytes(receipt.content),
    )
  } catch {
    return false
  }
}

/** Verify a signature by a desk key over SHA-256 of bytes (request bodies and export files). */
export async function verifyDeskSig(publicKey: CryptoKey, sig: string, bytes: Uint8Array): Promise<boolean> {
  try {
    return await verifyBytes(publicKey, fromBase64Url(sig), await sha256(bytes))
  } catch {
    return false
  }
}

/** Hex SHA-256, for logs and file names. */
export async function hexDigest(bytes: Uint8Array): Promise<string> {
  return bytesToHex(await sha256(bytes))
}
