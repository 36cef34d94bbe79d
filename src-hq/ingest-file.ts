/**
 * Ingesting a desk's export file (sync-protocol.md "Offline transfer"): check the file signature with
 * the public key it carries, enrol that desk if HQ does not know it yet (the operator holding the file
 * vouches for it), then feed every batch to ingestUpload — the very function an HTTP upload calls.
 * Ingesting a file twice changes nothing: every batch is then a retry.
 */
import { deviceIdFromPublicKey, importPublicKeyRaw, utf8 } from '../src-shared/crypto'
import { contentBytes, ExportFile, verifyDeskSig, type AckReply } from '../src-shared/sync-format'
import { enrolDevice } from './enrol'
import { ingestUpload, raiseAlarm, type HqContext, type IngestResult } from './ingest'

export type FileIngestResult =
  | { ok: true; deviceId: string; batches: number; stored: number; reply: AckReply | null }
  | { ok: false; status: number; error: string; detail?: string; batch?: number; seq?: number }

/** Ingest one export file's bytes. */
export async function ingestExportFile(ctx: HqContext, bytes: Uint8Array): Promise<FileIngestResult> {
  let file: ExportFile
  try {
    const parsed = ExportFile.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)))
    if (!parsed.success) return { ok: false, status: 422, error: 'badFile', detail: 'schema' }
    file = parsed.data
  } catch {
    return { ok: false, status: 422, error: 'badFile', detail: 'not JSON' }
  }
  const { content } = file
  let key: CryptoKey
  try {
    key = await importPublicKeyRaw(content.publicKey)
  } catch {
    return { ok: false, status: 422, error: 'badFile', detail: 'publicKey' }
  }
  if ((await deviceIdFromPublicKey(content.publicKey)) !== content.deviceId)
    return { ok: false, status: 422, error: 'badFile', detail: 'deviceId' }
  if (!(await verifyDeskSig(key, file.sig, contentBytes(content)))) {
    await raiseAlarm(ctx.db, ctx.now(), content.deviceId, 'badFileSignature', {})
    return { ok: false, status: 422, error: 'badFile', detail: 'signature' }
  }
  await enrolDevice(ctx.db, content.publicKey, { by: 'file', now: ctx.now() })
  let stored = 0
  let reply: AckReply | null = null
  for (const [i, batch] of content.batches.entries()) {
    const r: IngestResult = await ingestUpload(ctx, content.deviceId, utf8(batch.body), batch.sig, 'file')
    if (!r.ok) {
      const { ok: _ok, ...why } = r
      return { ok: false, ...why, batch: i }
    }
    stored += r.stored
    reply = r.reply
  }
  return { ok: true, deviceId: content.deviceId, batches: content.batches.length, stored, reply }
}
