/**
 * The desk's Ed25519 key in main: created on first start, sealed with the OS key store
 * (safeStorage: DPAPI on Windows, Keychain on macOS, libsecret on Linux), never handed to the renderer.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { readFile, writeFile, rename, mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'

/** The subset of Electron's safeStorage we need. */
export interface Sealer {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(sealed: Buffer): string
  /** Linux only; `basic_text` means a hard-coded password: warn the site manager. */
  getSelectedStorageBackend?(): string
}

export interface DeskKey {
  deviceId: string
  publicKey: string
  sign(digest: Uint8Array): Uint8Array
}

/** deviceId: the first 16 bytes of SHA-256 of the raw public key, hex (sync-protocol.md). */
export function deviceIdOf(rawPublicKey: Uint8Array): string {
  return createHash('sha256').update(rawPublicKey).digest().subarray(0, 16).toString('hex')
}

function rawPublicKey(key: KeyObject): Uint8Array {
  // An Ed25519 SPKI DER is a fixed 12-byte header followed by the 32 raw key bytes.
  const der = createPublicKey(key).export({ type: 'spki', format: 'der' })
  return new Uint8Array(der.subarray(der.length - 32))
}

export function keyProtection(sealer: Sealer, platform: NodeJS.Platform): 'os' | 'weak' {
  if (!sealer.isEncryptionAvailable()) return 'weak'
  if (platform === 'linux' && sealer.getSelectedStorageBackend?.() === 'basic_text') return 'weak'
  return 'os'
}

/** Load the sealed key from `file`, or create and seal a new one (written atomically). */
export async function loadOrCreateDeskKey(file: string, sealer: Sealer): Promise<DeskKey> {
  let privateKey: KeyObject
  try {
    const sealed = await readFile(file)
    const pkcs8 = Buffer.from(sealer.decryptString(sealed), 'base64')
    privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    privateKey = generateKeyPairSync('ed25519').privateKey
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' })
    await mkdir(dirname(file), { recursive: true })
    await writeFile(`${file}.tmp`, sealer.encryptString(pkcs8.toString('base64')), { mode: 0o600 })
    await rename(`${file}.tmp`, file)
  }
  const raw = rawPublicKey(privateKey)
  return {
    deviceId: deviceIdOf(raw),
    publicKey: Buffer.from(raw).toString('base64url'),
    sign: (digest) => new Uint8Array(sign(null, digest, privateKey)),
  }
}
