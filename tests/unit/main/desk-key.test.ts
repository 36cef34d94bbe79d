import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { verify, createPublicKey } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { keyProtection, loadOrCreateDeskKey, type Sealer } from '../../../src-main/desk-key'

/** Stands in for safeStorage: reversible, but never the plain text on disk. */
function aSealer(backend = 'gnome_libsecret'): Sealer {
  return {
    isEncryptionAvailable: () => true,
    encryptString: (s) => Buffer.from(`sealed:${Buffer.from(s).reverse().toString('base64')}`),
    decryptString: (b) => Buffer.from(b.toString().slice('sealed:'.length), 'base64').reverse().toString(),
    getSelectedStorageBackend: () => backend,
  }
}

describe('the desk key', () => {
  it('is created once, sealed on disk, and the same desk identity comes back after a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'desk-key-')), 'desk-key.sealed')
    const first = await loadOrCreateDeskKey(file, aSealer())
    const again = await loadOrCreateDeskKey(file, aSealer())
    expect(again.deviceId).toBe(first.deviceId)
    expect(again.publicKey).toBe(first.publicKey)
    expect(first.deviceId).toMatch(/^[0-9a-f]{32}$/)
    expect(readFileSync(file, 'utf8')).toMatch(/^sealed:/)
  })

  it('signs an event hash so that anyone with the public key can verify it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'desk-key-')), 'k')
    const key = await loadOrCreateDeskKey(file, aSealer())
    const digest = new Uint8Array(32).fill(7)
    const sig = key.sign(digest)
    const spki = Buffer.concat([
      Buffer.from('302a300506032b6570032100', 'hex'),
      Buffer.from(key.publicKey, 'base64url'),
    ])
    const pub = createPublicKey({ key: spki, format: 'der', type: 'spki' })
    expect(verify(null, digest, pub, sig)).toBe(true)
    expect(verify(null, new Uint8Array(32), pub, sig)).toBe(false)
  })

  it('is reported as weakly protected when Linux falls back to the hard-coded basic_text password', () => {
    expect(keyProtection(aSealer('basic_text'), 'linux')).toBe('weak')
    expect(keyProtection(aSealer('gnome_libsecret'), 'linux')).toBe('os')
    expect(keyProtection({ ...aSealer(), isEncryptionAvailable: () => false }, 'win32')).toBe('weak')
    expect(keyProtection(aSealer(), 'win32')).toBe('os')
  })
})
