import { describe, expect, it } from 'vitest'
import { SimulatedCardReader, trainingCard } from '../../../src-shared/simulated-card-reader'
import type { Candidate } from '../../../src-shared/schemas'
import { verdict, type Verdict } from '../../../src-shared/verdict'
import { aCandidate, aLedger, aRosterView, atTime } from './factories'

const EXAM_DAY = '2024-12-14'
const codes = (v: Verdict) => v.reasons.map((r) => r.code)
function readAtDesk(c: Candidate, card: NonNullable<ReturnType<typeof trainingCard>>): Verdict {
  return verdict({ kind: 'cardReader', card }, aRosterView({ candidates: [c] }), aLedger(), atTime('08:45'))
}

describe('the simulated reader', () => {
  it('reads each card put on it once, in order, then says there is no card', async () => {
    const reader = new SimulatedCardReader()
    const a = trainingCard(aCandidate({ name: '王芳' }), 'own', EXAM_DAY)!
    const b = trainingCard(aCandidate({ name: '李强' }), 'own', EXAM_DAY)!
    reader.present(a)
    reader.present(b)
    expect(await reader.read()).toEqual({ ok: true, card: a })
    expect(await reader.read()).toEqual({ ok: true, card: b })
    expect(await reader.read()).toEqual({ ok: false, reason: 'noCard' })
  })

  it('fails the next read the way a trainer asked, and then reads again', async () => {
    const reader = new SimulatedCardReader()
    reader.present(trainingCard(aCandidate(), 'own', EXAM_DAY)!)
    reader.failNext('readFailed')
    expect(await reader.read()).toEqual({ ok: false, reason: 'readFailed' })
    expect((await reader.read()).ok).toBe(true)
  })
})

describe('training cards: what a trainer puts on the reader', () => {
  it("the candidate's own card matches the registration: admitted", () => {
    const c = aCandidate({ name: '欧阳晓峰' })
    const card = trainingCard(c, 'own', EXAM_DAY)!
    expect(card).toMatchObject({ number: c.idDocument.number, name: '欧阳晓峰', sex: c.sex })
    expect(card.birthDate).toBe(c.birthDate.replaceAll('-', ''))
    expect(readAtDesk(c, card)).toMatchObject({ outcome: 'admit', reasons: [] })
  })

  it('a card that expired the day before the exam is refused (a site manager may override)', () => {
    const c = aCandidate()
    const v = readAtDesk(c, trainingCard(c, 'expired', EXAM_DAY)!)
    expect(v.outcome).toBe('refuse')
    expect(v.reasons).toEqual([expect.objectContaining({ code: 'documentExpired', validTo: '2024-12-13' })])
  })

  it("the candidate's number under another name is refused as a name mismatch", () => {
    const c = aCandidate({ name: '张小明' })
    const v = readAtDesk(c, trainingCard(c, 'otherName', EXAM_DAY)!)
    expect(v.outcome).toBe('refuse')
    expect(codes(v)).toEqual(['nameMismatch'])
  })

  it('has no card for a document without a chip (passport, Hong Kong identity card)', () => {
    const c = aCandidate({ idDocument: { type: 'passport', number: 'E12345678' } })
    expect(trainingCard(c, 'own', EXAM_DAY)).toBeNull()
  })
})
