/**
 * `package verify`: opens a package exactly as the desk does (openPackage), then reads every photo so
 * that each one's digest is checked too, and prints OK with counts or the refusal in Chinese and English.
 */
import { BlobReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js'
import { MANIFEST_FILE, PackageSignature, SIGNATURE_FILE, type PackageRefusal } from '../src-shared/package-format'
import { PackageError, openPackage } from '../src-shared/package-reader'
import { FILE_KINDS, InputError, openInputBlob } from './cli-errors'
import { checkPhoto } from './photo-spec'
import { readTrustedKeys } from './keys'

/**
 * Why HQ's tools refuse a package: the desk's reasons, plus `badSignatureFile` — the zip opens and holds
 * signature.json, but that entry fails its CRC-32 or cannot be inflated or parsed (a damaged byte inside
 * it), which the desk's reader reports as `notAPackage` (or `badSignature` when it still parses).
 */
export type HqPackageRefusal = PackageRefusal | 'badSignatureFile'

/** One line per refusal reason: Chinese / English. */
export const REFUSAL_TEXT: Record<HqPackageRefusal, string> = {
  notAPackage: '不是考试包，或文件不完整 / not a session package, or the file is truncated',
  badSignatureFile:
    '签名文件损坏：考试包中的 signature.json 校验失败或无法读取，文件被改动或损坏 / the signature file (signature.json) is damaged: altered or corrupted',
  tooLarge: '文件或其中某项超过大小限制 / the file or an entry is too large',
  unknownKey: '签名密钥不受信任 / signed by a key this desk does not trust',
  badSignature: '签名无效：文件被改动或伪造 / the signature does not verify: altered or forged',
  digestMismatch: '内容与签名不符：文件被改动 / content differs from what was signed',
  unsignedEntry: '包含未签名的文件 / holds an entry the signature does not cover',
  missingEntry: '缺少已签名的文件 / an entry the signature lists is missing',
  schema: '考试包内容格式无效 / the manifest is not a valid session',
  otherVenue: '考试包属于其他考点 / the package is for another venue',
  olderVersion: '已导入相同或更新的版本 / the same or a newer version is already loaded',
}

export type VerifyOutcome =
  | {
      ok: true
      candidates: number
      photos: number
      rooms: number
      staff: number
      keyId: string
      offSpecPhotos: number
      sessionName: string
    }
  | { ok: false; reason: HqPackageRefusal; detail?: string }

/**
 * After the desk's reader said `notAPackage` or `badSignature`: is it rather a damaged signature.json
 * inside a zip that opens (both entries present; the signature entry fails its CRC-32, does not inflate,
 * or is not a signature)?
 */
export async function signatureFileDamaged(blob: Blob): Promise<boolean> {
  const reader = new ZipReader(new BlobReader(blob))
  try {
    const entries = await reader.getEntries()
    const sig = entries.find((e) => e.filename === SIGNATURE_FILE && !e.directory)
    if (!sig || sig.directory || !entries.some((e) => e.filename === MANIFEST_FILE)) return false
    try {
      // CRC-32 checked too: a damaged byte that still inflates to parseable JSON is damage, not a forgery.
      const bytes = await sig.getData(new Uint8ArrayWriter(), { checkSignature: true })
      PackageSignature.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)))
      return false
    } catch {
      return true
    }
  } catch {
    return false // the zip itself does not open: notAPackage is right
  } finally {
    await reader.close().catch(() => undefined)
  }
}

/** The desk reader's answers that a damaged signature.json can produce. */
export const DIAGNOSED: ReadonlySet<PackageRefusal> = new Set(['notAPackage', 'badSignature'])

/** Verify a package file against trusted keys, photos included. Missing or unreadable files: InputError. */
export async function verifyPackage(path: string, trustedKeysPath: string): Promise<VerifyOutcome> {
  const trusted = await readTrustedKeys(trustedKeysPath)
  const blob = await openInputBlob(FILE_KINDS.package, path)
  const opened = await openPackage(blob, trusted)
  if (!opened.ok && DIAGNOSED.has(opened.reason) && (await signatureFileDamaged(blob)))
    return { ok: false, reason: 'badSignatureFile', detail: SIGNATURE_FILE }
  if (!opened.ok) {
    const issues = opened.issues?.slice(0, 5).map((i) => `${i.admitCardNo ?? ''} ${i.path}: ${i.message}`.trim())
    return {
      ok: false,
      reason: opened.reason,
      ...(opened.detail || issues ? { detail: opened.detail ?? issues!.join('; ') } : {}),
    }
  }
  const { pkg } = opened
  try {
    let offSpecPhotos = 0
    for (const name of pkg.photoEntries) {
      if (checkPhoto(await pkg.readPhoto(name)).length > 0) offSpecPhotos++
    }
    const m = pkg.manifest
    return {
      ok: true,
      candidates: m.candidates.length,
      photos: pkg.photoEntries.length,
      rooms: m.rooms.length,
      staff: m.staff.length,
      keyId: pkg.key.keyId,
      offSpecPhotos,
      sessionName: m.session.name,
    }
  } catch (err) {
    if (err instanceof PackageError)
      return { ok: false, reason: err.reason, ...(err.detail ? { detail: err.detail } : {}) }
    throw err
  } finally {
    await pkg.close()
  }
}

/** The CLI face of verifyPackage: prints, and returns the exit code (1 when refused). */
export async function verifyPackageFile(path: string, trustedKeysPath: string): Promise<number> {
  let outcome: VerifyOutcome
  try {
    outcome = await verifyPackage(path, trustedKeysPath)
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    console.error(err.lines.join('\n'))
    return 1
  }
  if (!outcome.ok) {
    console.error(
      `拒绝 / REFUSED (${outcome.reason}): ${REFUSAL_TEXT[outcome.reason]}${outcome.detail ? `\n  ${outcome.detail}` : ''}`,
    )
    return 1
  }
  console.log(
    [
      `OK 签名有效 / signature valid — ${outcome.sessionName}`,
      `  密钥 key ${outcome.keyId}`,
      `  考生 candidates ${outcome.candidates}，照片 photos ${outcome.photos}（不符合规格 off spec ${outcome.offSpecPhotos}），考场 rooms ${outcome.rooms}，工作人员 staff ${outcome.staff}`,
    ].join('\n'),
  )
  return 0
}
