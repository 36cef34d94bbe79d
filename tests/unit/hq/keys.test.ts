import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateHqKeyFile, readHqKeyFile, writeHqKeyFile } from '../../../src-hq/keys'
import { tempDir } from './factories'

const NOW = new Date('2024-11-01T08:00:00Z')

describe('keygen', () => {
  it('writes a key file only its owner can read', async () => {
    const path = join(tempDir(), 'hq.json')
    expect(await writeHqKeyFile(path, await generateHqKeyFile(NOW))).toEqual({ ok: true })
    expect(statSync(path).mode & 0o777).toBe(0o600)
  })

  it('refuses to overwrite an existing file, and leaves it as it was', async () => {
    const path = join(tempDir(), 'hq.json')
    writeFileSync(path, 'precious')
    expect(await writeHqKeyFile(path, await generateHqKeyFile(NOW))).toEqual({ ok: false, reason: 'exists' })
    expect(readFileSync(path, 'utf8')).toBe('precious')
  })

  it('reads back a key whose parts belong together', async () => {
    const path = join(tempDir(), 'hq.json')
    const file = await generateHqKeyFile(NOW)
    await writeHqKeyFile(path, file)
    const read = await readHqKeyFile(path)
    expect(read.ok && read.key.keyId).toBe(file.keyId)
  })

  it('refuses a key file whose public key is another key’s', async () => {
    const path = join(tempDir(), 'hq.json')
    const [a, b] = [await generateHqKeyFile(NOW), await generateHqKeyFile(NOW)]
    await writeHqKeyFile(path, { ...a, publicKey: b.publicKey, keyId: b.keyId })
    expect(await readHqKeyFile(path)).toEqual({ ok: false, reason: 'mismatch' })
  })

  it('reads the committed development key', async () => {
    const read = await readHqKeyFile('resources/dev-hq-key.json')
    expect(read.ok && read.key.file.warning).toMatch(/development only/)
  })
})
