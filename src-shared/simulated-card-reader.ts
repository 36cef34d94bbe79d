/**
 * A 二代证 reader without hardware, for demo mode, training and tests: cards are presented (queued) and each
 * read takes the next one, as a real reader reads a card once and then answers "no card" until it is lifted
 * and put back. Pure, so main (src-main/card-reader) and the web host (src-renderer/platform) share it.
 * Reason codes are those of `CardReadResult` in bridge.ts.
 */
import type { CardReadFailure, CardReadResult } from './bridge'
import type { Candidate, IdDocumentType } from './schemas'
import type { CardRead } from './verdict-document'

interface Presented {
  card: CardRead
  photo?: Uint8Array
}

export class SimulatedCardReader {
  readonly kind = 'simulated'
  private queue: Presented[] = []
  private failures: CardReadFailure[] = []

  /** Nothing to open: the simulated reader is always there. */
  async open(): Promise<void> {}

  /** Put a card on the reader; several calls queue several cards, read one per read. */
  present(card: CardRead, photo?: Uint8Array): void {
    this.queue.push(photo ? { card, photo } : { card })
  }

  /** Lift every card off the reader. */
  remove(): void {
    this.queue = []
  }

  /** Make the next read fail with this reason (an unplugged reader, a scratched card). */
  failNext(reason: CardReadFailure): void {
    this.failures.push(reason)
  }

  /** How many cards wait on the reader. */
  get pending(): number {
    return this.queue.length
  }

  /** Read the next card presented, or answer why not. */
  async read(): Promise<CardReadResult> {
    const failure = this.failures.shift()
    if (failure) return { ok: false, reason: failure }
    const next = this.queue.shift()
    if (!next) return { ok: false, reason: 'noCard' }
    return next.photo ? { ok: true, card: next.card, photo: next.photo } : { ok: true, card: next.card }
  }

  /** Forget everything presented. */
  async close(): Promise<void> {
    this.queue = []
    this.failures = []
  }
}

/** Documents with a chip that a 二代证 reader reads; the others (HK/Macau cards, passports) are typed. */
export const CHIP_DOCUMENT_TYPES: readonly IdDocumentType[] = [
  'cn_resident_id',
  'hkmo_residence_permit',
  'tw_residence_permit',
  'foreign_permanent_residence_id',
]

/** Cards a trainer can put on the simulated reader for a candidate: theirs, and two a proctor must catch. */
export const TRAINING_CARDS = ['own', 'expired', 'otherName'] as const
export type TrainingCard = (typeof TRAINING_CARDS)[number]

/**
 * The chip of a training candidate's document, as the reader would return it (dates as on the chip,
 * `YYYYMMDD`): `own` matches the registration and is valid on the exam day; `expired` ended the day before
 * the exam; `otherName` carries the candidate's number under another name (someone else's card, altered).
 * Null when the candidate's document has no chip.
 */
export function trainingCard(c: Candidate, variant: TrainingCard, examDate: string): CardRead | null {
  if (!CHIP_DOCUMENT_TYPES.includes(c.idDocument.type)) return null
  const chipDate = (iso: string) => iso.replaceAll('-', '')
  const year = Number(examDate.slice(0, 4))
  const monthDay = c.birthDate.slice(5) === '02-29' ? '02-28' : c.birthDate.slice(5)
  const dayBefore = new Date(Date.parse(`${examDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
  return {
    type: c.idDocument.type,
    number: c.idDocument.number,
    name: variant === 'otherName' ? otherName(c.name) : c.name,
    sex: c.sex,
    birthDate: chipDate(c.birthDate),
    validFrom: chipDate(variant === 'expired' ? `${year - 10}-${dayBefore.slice(5)}` : `${year - 3}-${monthDay}`),
    validTo: chipDate(variant === 'expired' ? dayBefore : `${year + 7}-${monthDay}`),
  }
}

/** A name that is plainly not the candidate's: same surname, another given name. */
function otherName(name: string): string {
  const given = name.slice(1)
  return `${name.slice(0, 1)}${given === '小明' ? '大伟' : '小明'}`
}
