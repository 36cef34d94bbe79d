/**
 * `package verify`: opens a package exactly as the desk does (openPackage), then reads every photo so
 * that each one's digest is checked too, and prints OK with counts or the refusal in Chinese and English.
 */
import { openAsBlob } from 'node:fs'
import type { PackageRefusal } from '../src-shared/package-format'
import { PackageError, openPackage } from '../src-shared/package-reader'
import { checkPhoto } from './photo-spec'
import { readTrustedKeys } from './keys'

/** One line per refusal reason: Chinese / English. */
export const REFUSAL_TEXT: Record<PackageRefusal, string> = {
  notAPackage: '不是考试包，或文件不完整 / not a session package, or the file is truncated',
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
  | { ok: false; reason: PackageRefusal; detail?: string }

/** Verify a package file against trusted keys, photos included. */
export async function verifyPackage(path: string, trustedKeysPath: string): Promise<VerifyOutcome> {
  const trusted = await readTrustedKeys(trustedKeysPath)
  const opened = await openPackage(await openAsBlob(path), trusted)
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
  const outcome = await verifyPackage(path, trustedKeysPath)
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
