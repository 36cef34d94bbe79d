import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CJK_FONT, assertFont, renderAdmitCards } from '../../../src-hq/admit-cards'
import { readHqKeyFile } from '../../../src-hq/keys'
import { assembleManifest } from '../../../src-hq/package-build'
import { generateSample } from '../../../src-hq/sample'

describe('admit cards', () => {
  it('name the missing font and how to choose another', () => {
    expect(() => assertFont('/nowhere/font.ttc')).toThrow(/--font.*EXAMDESK_CJK_FONT/)
  })

  // Needs Debian's fonts-noto-cjk (installed by .ci/run, as for the screenshots): a missing font fails here.
  it('render two cards per A4 page into one PDF', async () => {
    const key = await readHqKeyFile('resources/dev-hq-key.json')
    if (!key.ok) throw new Error(key.reason)
    const sample = generateSample({ candidates: 3, seed: 5, photoVariants: 2 })
    const built = await assembleManifest(
      sample.input,
      sample.roster,
      key.key,
      new Date(),
      new Set(sample.photos.keys()),
    )
    if (!built.ok) throw new Error(built.problems[0]!.text)
    const out = new PassThrough()
    const chunks: Buffer[] = []
    out.on('data', (c: Buffer) => chunks.push(c))
    await renderAdmitCards(
      built.manifest,
      built.manifest.candidates,
      { privateKey: key.key.privateKey, publicKey: key.key.publicKey },
      { perPage: 2, fontPath: DEFAULT_CJK_FONT, photoOf: (c) => sample.photos.get(c.admitCardNo)!() },
      out,
    )
    const pdf = Buffer.concat(chunks).toString('latin1')
    expect(pdf.startsWith('%PDF-')).toBe(true)
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(2)
  })
})
