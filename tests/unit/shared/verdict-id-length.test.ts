import { describe, expect, it } from 'vitest'
import { classifyEntry } from '../../../src-shared/scan-input'
import { verdict, type ScanInput, type Verdict } from '../../../src-shared/verdict'
import { aCandidate, aLedger, aRosterView, atTime } from './factories'

const ID = '11010519491231002X'

/** What the desk says when the proctor types `text` into its one field (no admit card has those digits). */
function typed(text: string, candidates = [aCandidate()]): Verdict {
  const roster = aRosterView({ candidates })
  const entry = classifyEntry(text, (no) => roster.byAdmitCardNo(no) !== undefined)
  if (entry.kind !== 'idDocument') throw new Error(`${text} read as ${entry.kind}`)
  return verdict({ kind: 'idDocument', raw: entry.raw }, roster, aLedger(), atTime('08:45'))
}

describe('an ID number typed with a character missing or one too many', () => {
  it('says an ID number has 18 characters when 17 were typed, not "not on the roster"', () => {
    const v = typed(ID.slice(0, 17))
    expect(v.outcome).toBe('refuse')
    expect(v.reasons).toEqual([
      expect.objectContaining({ code: 'invalidDocumentNumber', validation: 'length', length: 17 }),
    ])
  })

  it('says so when 19 were typed, with or without a final X', () => {
    for (const raw of [`${ID.slice(0, 17)}11`, `${ID.slice(0, 17)}1X`]) {
      expect(typed(raw).reasons).toEqual([
        expect.objectContaining({ code: 'invalidDocumentNumber', validation: 'length', length: 19, raw }),
      ])
    }
  })

  it('says so when the type was given as a resident ID', () => {
    const roster = aRosterView({ candidates: [aCandidate()] })
    const input: ScanInput = { kind: 'idDocument', type: 'cn_resident_id', raw: ID.slice(0, 17) }
    expect(verdict(input, roster, aLedger(), atTime('08:45')).reasons).toEqual([
      expect.objectContaining({ validation: 'length', length: 17, type: 'cn_resident_id' }),
    ])
  })

  it('still finds a candidate whose passport number really has 17 digits', () => {
    const c = aCandidate({ idDocument: { type: 'passport', number: '12345678901234567', issuingCountry: 'USA' } })
    expect(typed('12345678901234567', [c]).candidate).toBe(c)
  })

  it('leaves an 18-character number to the check digit and the roster', () => {
    expect(typed(ID).reasons).toEqual([expect.objectContaining({ code: 'notOnRoster', lookup: 'idDocument' })])
  })
})
