/**
 * A 二代证 reader without hardware, for demo mode, training and tests: cards are presented (queued) and each
 * read takes the next one, as a real reader reads a card once and then answers "no card" until it is lifted
 * and put back. Pure, so main (src-main/card-reader) and the web host (src-renderer/platform) share it.
 * Reason codes are those of `CardReadResult` in bridge.ts.
 */
import type { CardReadFailure, CardReadResult } from './bridge'
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
