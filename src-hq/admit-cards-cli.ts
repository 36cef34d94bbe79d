/**
 * `admit-cards --package <file> --key <key.json> --out <file.pdf>`: opens the package as the desk does
 * (signature and digests checked), checks that the key signing the QR codes is one the package lists
 * (otherwise every desk would refuse the cards), and renders the PDF.
 */
import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { photoEntryName } from '../src-shared/package-format'
import { openPackage } from '../src-shared/package-reader'
import { DEFAULT_CJK_FONT, renderAdmitCards } from './admit-cards'
import { publicHqKey, readHqKeyFile } from './keys'
import { DIAGNOSED, REFUSAL_TEXT, signatureFileDamaged } from './package-verify'
import { FILE_KINDS, keyFileProblem, openInputBlob } from './cli-errors'

export interface AdmitCardsCommand {
  packagePath: string
  keyPath: string
  out: string
  perPage: 1 | 2
  font: string | undefined
  limit?: number
}

/** Run the command; returns the exit code. */
export async function renderAdmitCardsCommand(o: AdmitCardsCommand): Promise<number> {
  const key = await readHqKeyFile(o.keyPath)
  if (!key.ok) {
    console.error(keyFileProblem(o.keyPath, key))
    return 1
  }
  const blob = await openInputBlob(FILE_KINDS.package, o.packagePath)
  const opened = await openPackage(blob, [publicHqKey(key.key)])
  if (!opened.ok && DIAGNOSED.has(opened.reason) && (await signatureFileDamaged(blob))) {
    console.error(`考试包无法打开 / package refused (badSignatureFile): ${REFUSAL_TEXT.badSignatureFile}`)
    return 1
  }
  if (!opened.ok) {
    console.error(
      `考试包无法打开 / package refused (${opened.reason}): ${REFUSAL_TEXT[opened.reason]}${opened.detail ? `\n  ${opened.detail}` : ''}`,
    )
    return 1
  }
  const { pkg } = opened
  try {
    const m = pkg.manifest
    if (!m.hqKeys.some((k) => k.keyId === key.key.keyId)) {
      console.error(
        `密钥 ${key.key.keyId} 不在考试包的 hqKeys 中，考点将拒绝这些二维码 / key not listed in the package's hqKeys`,
      )
      return 1
    }
    const revoked = new Set(m.revokedAdmitCards)
    const candidates = m.candidates.filter((c) => !revoked.has(c.admitCardNo)).slice(0, o.limit ?? Infinity)
    const part = `${o.out}.part`
    try {
      await renderAdmitCards(
        m,
        candidates,
        { privateKey: key.key.privateKey, publicKey: key.key.publicKey },
        {
          perPage: o.perPage,
          fontPath: o.font ?? DEFAULT_CJK_FONT,
          photoOf: async (c) => (c.photo ? pkg.readPhoto(photoEntryName(c.photo)) : null),
        },
        createWriteStream(part),
      )
      await rename(part, o.out)
    } catch (err) {
      await rm(part, { force: true })
      throw err
    }
    console.log(
      `已生成准考证 / admit cards written: ${o.out}  (${candidates.length} 张，每页 ${o.perPage} 张；跳过已作废 ${m.candidates.filter((c) => revoked.has(c.admitCardNo)).length})`,
    )
    return 0
  } finally {
    await pkg.close()
  }
}
