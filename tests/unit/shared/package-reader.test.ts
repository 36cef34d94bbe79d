import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { openPackage } from '../../../src-shared/package-reader'
import { MANIFEST_FILE, SIGNATURE_FILE } from '../../../src-shared/package-format'
import { utf8 } from '../../../src-shared/crypto'
import { aKey, buildPackage, type TestKey } from '../../fixtures/packages'
import { aCandidate } from './factories'

let key: TestKey
const trusted = async () => {
  key ??= await aKey()
  return [key.hqKey]
}

describe('a session package from HQ', () => {
  it('opens when the signature, every digest and the schema hold', async () => {
    const keys = await trusted()
    const { blob } = await buildPackage({ key })
    const r = await openPackage(blob, keys)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.pkg.manifest.candidates).toHaveLength(2)
    expect(r.pkg.photoEntries).toHaveLength(2)
    expect((await r.pkg.readPhoto(r.pkg.photoEntries[0]!)).byteLength).toBe(50 * 1024)
    await r.pkg.close()
  })

  it('is refused when signed by a key this desk does not trust', async () => {
    await trusted()
    const stranger = await aKey('stranger')
    const { blob } = await buildPackage({ key: stranger })
    expect(await openPackage(blob, [key.hqKey])).toMatchObject({ ok: false, reason: 'unknownKey' })
  })

  it('is refused when someone signed it with another key under our key id', async () => {
    const keys = await trusted()
    const { blob } = await buildPackage({ key, signWith: await aKey('forger') })
    expect(await openPackage(blob, keys)).toMatchObject({ ok: false, reason: 'badSignature' })
  })

  it('is refused when the manifest was edited after signing', async () => {
    const keys = await trusted()
    const c = aCandidate({ name: '张伟' })
    const { blob } = await buildPackage({
      key,
      candidates: [c],
      tamper: (e) => {
        const text = new TextDecoder().decode(e.get(MANIFEST_FILE)).replace('张伟', '张为')
        e.set(MANIFEST_FILE, utf8(text))
      },
    })
    expect(await openPackage(blob, keys)).toMatchObject({ ok: false, reason: 'digestMismatch', detail: MANIFEST_FILE })
  })

  it('is refused when a photo the signature does not list was slipped in', async () => {
    const keys = await trusted()
    const { blob } = await buildPackage({ key, tamper: (e) => e.set('photos/extra.jpg', new Uint8Array([0xff, 0xd8])) })
    expect(await openPackage(blob, keys)).toMatchObject({
      ok: false,
      reason: 'unsignedEntry',
      detail: 'photos/extra.jpg',
    })
  })

  it('is refused when a signed photo was removed', async () => {
    const keys = await trusted()
    const { blob, manifest } = await buildPackage({ key })
    const { blob: cut } = await buildPackage({
      key,
      candidates: manifest.candidates,
      tamper: (e) => e.delete(`photos/${manifest.candidates[0]!.photo}`),
    })
    expect(blob.size).toBeGreaterThan(cut.size)
    expect(await openPackage(cut, keys)).toMatchObject({ ok: false, reason: 'missingEntry' })
  })

  it('reports a photo changed after signing when it is read, naming the photo', async () => {
    const keys = await trusted()
    const { blob } = await buildPackage({
      key,
      tamper: (e) => {
        for (const [name, bytes] of e) if (name.startsWith('photos/')) bytes[100] = bytes[100]! ^ 1
      },
    })
    const r = await openPackage(blob, keys)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    await expect(r.pkg.readPhoto(r.pkg.photoEntries[0]!)).rejects.toMatchObject({ reason: 'digestMismatch' })
  })

  it('is refused as "not a package" when truncated, empty or random bytes', async () => {
    const keys = await trusted()
    const { bytes } = await buildPackage({ key })
    for (const cut of [bytes.subarray(0, bytes.length - 30), bytes.subarray(0, 100), new Uint8Array(0)]) {
      expect(await openPackage(new Blob([cut as BlobPart]), keys)).toMatchObject({ ok: false, reason: 'notAPackage' })
    }
    const random = new Uint8Array(10 * 1024 * 1024)
    for (let i = 0; i < random.length; i += 65536) crypto.getRandomValues(random.subarray(i, i + 65536))
    expect(await openPackage(new Blob([random]), keys)).toMatchObject({ ok: false, reason: 'notAPackage' })
  })

  it('is refused when the signature file is missing', async () => {
    const keys = await trusted()
    const { blob } = await buildPackage({ key, tamper: (e) => e.delete(SIGNATURE_FILE) })
    expect(await openPackage(blob, keys)).toMatchObject({ ok: false, reason: 'notAPackage', detail: SIGNATURE_FILE })
  })

  it('names the candidate and the field when a signed manifest breaks the schema', async () => {
    const keys = await trusted()
    const bad = { ...aCandidate({}), admitCardNo: 'BAD001', birthDate: '1990-02-30' }
    const { blob } = await buildPackage({ key, candidates: [aCandidate({}), bad] })
    const r = await openPackage(blob, keys)
    expect(r).toMatchObject({ ok: false, reason: 'schema' })
    if (r.ok) return
    expect(r.issues).toContainEqual(expect.objectContaining({ path: 'candidates.1.birthDate', admitCardNo: 'BAD001' }))
  })

  it('never lets one flipped bit anywhere in the file through unnoticed', async () => {
    const keys = await trusted()
    const { bytes, manifest } = await buildPackage({ key, candidates: [aCandidate({})] })
    const original = await openPackage(new Blob([bytes as BlobPart]), keys)
    if (!original.ok) throw new Error('fixture must open')
    const photoName = original.pkg.photoEntries[0]!
    const photo = await original.pkg.readPhoto(photoName)
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length * 8 - 1 }), async (bit) => {
        const copy = bytes.slice()
        copy[bit >> 3]! ^= 1 << (bit & 7)
        const r = await openPackage(new Blob([copy]), keys)
        if (!r.ok) return true // refused whole
        try {
          const read = await r.pkg.readPhoto(photoName)
          // A flip in the zip's own bookkeeping (a timestamp, an unused header field) is harmless only
          // if every signed byte still reads back exactly as HQ signed it.
          expect(read).toEqual(photo)
          expect(r.pkg.manifest).toEqual(manifest)
        } catch (err) {
          if ((err as { reason?: string }).reason) return true // refused when read
          throw err
        } finally {
          await r.pkg.close()
        }
        return true
      }),
      { numRuns: 80 },
    )
  })
})
