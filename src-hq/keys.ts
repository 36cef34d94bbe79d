/**
 * HQ signing keys on disk. One JSON file per key pair:
 *   { keyId, publicKey, privateKeyPkcs8, createdAt, warning? }   (base64url, Ed25519)
 * The file holds a private key, so it is written with mode 0600 and never over an existing file:
 * overwriting an HQ key would orphan every package and admit card signed with it.
 *
 * Reason codes of readHqKeyFile:
 * | reason       | meaning                                                        |
 * | ------------ | -------------------------------------------------------------- |
 * | `unreadable` | the file does not exist or cannot be read                      |
 * | `malformed`  | not a key file: bad JSON, missing field, not an Ed25519 key     |
 * | `mismatch`   | keyId or publicKey do not belong to the private key in the file |
 */
import { constants } from 'node:fs'
import { open, readFile } from 'node:fs/promises'
import { z } from 'zod'
import { keyIdOf } from '../src-shared/admit-card'
import {
  exportPrivateKeyPkcs8,
  exportPublicKeyRaw,
  generateSigningKeyPair,
  importPrivateKeyPkcs8,
  importPublicKeyRaw,
  signBytes,
  utf8,
  verifyBytes,
} from '../src-shared/crypto'
import { HqKey } from '../src-shared/package-format'
import { FILE_KINDS, readJsonInput } from './cli-errors'

export const HqKeyFile = z.object({
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  publicKey: z.string().min(40).max(50),
  privateKeyPkcs8: z.string().min(40).max(200),
  createdAt: z.string(),
  warning: z.string().optional(),
})
export type HqKeyFile = z.infer<typeof HqKeyFile>

/** A key ready to sign with: the private CryptoKey plus its public description. */
export interface HqSigningKey {
  keyId: string
  publicKey: string
  privateKey: CryptoKey
  file: HqKeyFile
}

export const KEY_FILE_REASONS = ['unreadable', 'malformed', 'mismatch'] as const
export type KeyFileReason = (typeof KEY_FILE_REASONS)[number]

/** A fresh Ed25519 HQ key pair as the JSON a key file holds. */
export async function generateHqKeyFile(now: Date, warning?: string): Promise<HqKeyFile> {
  const pair = await generateSigningKeyPair(true)
  const publicKey = await exportPublicKeyRaw(pair.publicKey)
  return {
    keyId: await keyIdOf(publicKey),
    publicKey,
    privateKeyPkcs8: await exportPrivateKeyPkcs8(pair.privateKey),
    createdAt: now.toISOString(),
    ...(warning ? { warning } : {}),
  }
}

/** Write a key file with mode 0600; refuses (`exists`) when the path is taken. */
export async function writeHqKeyFile(
  path: string,
  key: HqKeyFile,
): Promise<{ ok: true } | { ok: false; reason: 'exists' }> {
  let handle
  try {
    // O_EXCL: the check and the create are one step, so two keygens cannot race each other.
    handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { ok: false, reason: 'exists' }
    throw err
  }
  try {
    await handle.writeFile(`${JSON.stringify(key, null, 2)}\n`, 'utf8')
  } finally {
    await handle.close()
  }
  return { ok: true }
}

/** Read a key file and check that its parts belong together (a sign-and-verify round trip). */
export async function readHqKeyFile(
  path: string,
): Promise<{ ok: true; key: HqSigningKey } | { ok: false; reason: KeyFileReason; detail?: string; code?: string }> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    return { ok: false, reason: 'unreadable', detail: (err as Error).message, ...(code ? { code } : {}) }
  }
  let file: HqKeyFile
  let privateKey: CryptoKey
  let publicKey: CryptoKey
  try {
    file = HqKeyFile.parse(JSON.parse(text))
    privateKey = await importPrivateKeyPkcs8(file.privateKeyPkcs8)
    publicKey = await importPublicKeyRaw(file.publicKey)
  } catch (err) {
    return { ok: false, reason: 'malformed', detail: (err as Error).message }
  }
  const probe = utf8(`examdesk key check ${file.keyId}`)
  const matches =
    (await keyIdOf(file.publicKey)) === file.keyId &&
    (await verifyBytes(publicKey, await signBytes(privateKey, probe), probe))
  if (!matches) return { ok: false, reason: 'mismatch' }
  return { ok: true, key: { keyId: file.keyId, publicKey: file.publicKey, privateKey, file } }
}

/** The public part of a key, as the desk's trust list and the manifest's hqKeys hold it. */
export function publicHqKey(key: { keyId: string; publicKey: string }, name?: string): HqKey {
  return { keyId: key.keyId, publicKey: key.publicKey, ...(name ? { name } : {}) }
}

/** Read a trust list (JSON array of HqKey), e.g. resources/hq-keys.json; InputError (one line per problem) when bad. */
export async function readTrustedKeys(path: string): Promise<HqKey[]> {
  return readJsonInput(FILE_KINDS.trustedKeys, path, z.array(HqKey).min(1))
}
