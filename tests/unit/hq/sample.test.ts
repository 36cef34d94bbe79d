import { describe, expect, it } from 'vitest'
import { checkPhoto } from '../../../src-hq/photo-spec'
import { readHqKeyFile } from '../../../src-hq/keys'
import { assembleManifest } from '../../../src-hq/package-build'
import { generateSample } from '../../../src-hq/sample'
import { sha256Hex } from '../../../src-shared/crypto'
import { validateIdDocument } from '../../../src-shared/id-documents'
import { Candidate } from '../../../src-shared/schemas'
import { subjectTimesFor, unmatchedGroupTimes } from '../../../src-shared/subject-times'

// 600 candidates: enough for every document type, retakes, groups and invoices to appear.
const sample = generateSample({ candidates: 600, seed: 7, photoVariants: 8 })
const { candidates, rooms } = sample.roster

describe('sample candidates', () => {
  it('all pass the Candidate schema', () => {
    for (const c of candidates) expect(Candidate.safeParse(c).success).toBe(true)
  })

  it('carry valid document numbers whose encoded sex and birth date agree with the registration', () => {
    for (const c of candidates) {
      const v = validateIdDocument(c.idDocument.type, c.idDocument.number, '2024-12-14')
      expect(v, `${c.admitCardNo} ${c.idDocument.type} ${c.idDocument.number}`).toMatchObject({
        ok: true,
        normalized: c.idDocument.number,
      })
      if (v.ok && v.sex) expect(v.sex).toBe(c.sex)
      if (v.ok && v.birthDate) expect(v.birthDate).toBe(c.birthDate)
    }
  })

  it('mix document types, names with the middle dot and Latin names', () => {
    const types = new Set(candidates.map((c) => c.idDocument.type))
    expect(types.size).toBeGreaterThanOrEqual(6)
    expect(candidates.some((c) => c.name.includes('·'))).toBe(true)
    const big = generateSample({ candidates: 3000, seed: 7, photoVariants: 2 }).roster.candidates
    expect(
      big.some(
        (c) =>
          /^[A-Za-z]+ [A-Z]+$/.test(c.name) &&
          ['passport', 'foreign_permanent_residence_id'].includes(c.idDocument.type),
      ),
    ).toBe(true)
  })

  it('register about 8 % retake candidates for one subject only', () => {
    const retakes = candidates.filter((c) => c.sittings.length === 1).length / candidates.length
    expect(retakes).toBeGreaterThan(0.04)
    expect(retakes).toBeLessThan(0.13)
  })

  it('never share an admit card number, a document or a seat of one subject', () => {
    expect(new Set(candidates.map((c) => c.admitCardNo)).size).toBe(candidates.length)
    expect(new Set(candidates.map((c) => `${c.idDocument.type}:${c.idDocument.number}`)).size).toBe(candidates.length)
    const seats = candidates.flatMap((c) => c.sittings.map((s) => `${s.subject}:${s.roomId}:${s.seat}`))
    expect(new Set(seats).size).toBe(seats.length)
  })

  it('fill rooms of 30–40 seats', () => {
    for (const r of rooms) expect(r.seats).toSatisfy((n: number) => n >= 30 && n <= 40)
  })

  it('are the same for the same seed', () => {
    expect(generateSample({ candidates: 50, seed: 3, photoVariants: 2 }).roster).toEqual(
      generateSample({ candidates: 50, seed: 3, photoVariants: 2 }).roster,
    )
  })
})

describe('sample photos', () => {
  it('every photo meets the spec and has its own bytes', async () => {
    const digests = new Set<string>()
    for (const c of candidates) {
      const bytes = await sample.photos.get(c.admitCardNo)!()
      expect(checkPhoto(bytes), c.admitCardNo).toEqual([])
      digests.add(await sha256Hex(bytes))
    }
    expect(digests.size).toBe(candidates.length)
  })
})

describe('sample group times', () => {
  it('are absent unless asked for, and then give a group on the roster a later skills sitting', async () => {
    expect(sample.input).not.toHaveProperty('groupTimes')
    const withGroups = generateSample({ candidates: 200, seed: 7, photoVariants: 2, groupTimes: true })
    const key = await readHqKeyFile('resources/dev-hq-key.json')
    if (!key.ok) throw new Error(key.reason)
    const built = await assembleManifest(withGroups.input, withGroups.roster, key.key, new Date(), new Set())
    if (!built.ok) throw new Error(built.problems[0]!.text)
    const { groupTimes, candidates: all } = built.manifest
    expect(groupTimes).toHaveLength(1)
    expect(unmatchedGroupTimes(groupTimes, all)).toEqual([])
    const trainer = all.find((c) => c.occupation === '人工智能训练师' && c.level === '五级/初级')!
    expect(subjectTimesFor(built.manifest.subjects, groupTimes, trainer, 'skills')?.start).toBe(
      '2024-12-14T14:30:00+08:00',
    )
  })
})
