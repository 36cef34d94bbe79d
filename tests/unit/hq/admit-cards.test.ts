import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CJK_FONT, assertFont, renderAdmitCards, sittingRows } from '../../../src-hq/admit-cards'
import { readHqKeyFile } from '../../../src-hq/keys'
import { assembleManifest } from '../../../src-hq/package-build'
import { generateSample } from '../../../src-hq/sample'
import type { Candidate } from '../../../src-shared/schemas'

describe('the sittings table of an admit card', () => {
  const at = (hm: string) => `2024-12-14T${hm}:00+08:00`
  const m = {
    rooms: [{ id: 'R1', name: '第一考场', seats: 40 }],
    subjects: [
      {
        code: 'theory' as const,
        doorsOpen: at('08:30'),
        start: at('09:00'),
        end: at('10:30'),
        lateEntryCutoffMinutes: 30,
      },
      {
        code: 'skills' as const,
        doorsOpen: at('13:00'),
        start: at('13:30'),
        end: at('15:00'),
        lateEntryCutoffMinutes: 30,
      },
    ],
    groupTimes: [
      {
        subject: 'skills' as const,
        occupation: '电工',
        level: '三级/高级工',
        doorsOpen: at('15:00'),
        start: at('15:30'),
        end: at('17:00'),
        lateEntryCutoffMinutes: 15,
      },
    ],
  }
  const who = (occupation: string, level: string): Candidate => ({
    admitCardNo: '24121100001',
    name: '张伟',
    sex: 'M',
    birthDate: '1990-05-17',
    idDocument: { type: 'cn_resident_id', number: '110105199005170011' },
    occupation,
    level,
    sittings: [
      { subject: 'theory', roomId: 'R1', seat: 7 },
      { subject: 'skills', roomId: 'R1', seat: 7 },
    ],
    invoiceRequested: false,
  })

  it("prints the candidate's own times: their group's later skills sitting and its cutoff", () => {
    expect(sittingRows(m, who('电工', '三级/高级工'))).toEqual([
      ['理论知识', '第一考场', '7', '09:00–10:30', '09:30'],
      ['技能考核', '第一考场', '7', '15:30–17:00', '15:45'],
    ])
  })

  it('prints the session-wide times for everyone else', () => {
    expect(sittingRows(m, who('电工', '四级/中级工'))[1]).toEqual(['技能考核', '第一考场', '7', '13:30–15:00', '14:00'])
  })
})

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
