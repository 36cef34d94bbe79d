/**
 * Recognises a keyboard-wedge scanner by its speed (id-documents.md "Readers", peers.md): keys much
 * faster than a person types, ended by Enter or by a short pause, at least a minimum length; the same
 * code scanned again within a few seconds, with no key of the proctor's in between, is a double read and
 * is ignored. Pure: the caller passes each key and its time.
 */

export interface ScanDetectorOptions {
  /** Longest gap between two keys of one scan. */
  maxGapMs: number
  /** A scan ends after this pause when the scanner sends no Enter. */
  endPauseMs: number
  minLength: number
  /** An identical scan within this window is a double read, not a second candidate. */
  repeatWindowMs: number
  /** Longer than any code we print: a key stuck down or a runaway device, dropped rather than looked up. */
  maxLength: number
}

export const DEFAULT_SCAN_OPTIONS: ScanDetectorOptions = {
  maxGapMs: 40,
  endPauseMs: 80,
  minLength: 6,
  repeatWindowMs: 3000,
  maxLength: 512,
}

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock', 'AltGraph'])

export type ScanEvent = { kind: 'scan'; text: string } | { kind: 'repeat'; text: string }

export class ScanDetector {
  private buffer = ''
  private lastKeyAt = -Infinity
  private fastKeys = 0
  private overflow = false
  private lastScan: { text: string; at: number } | null = null

  constructor(private readonly opts: ScanDetectorOptions = DEFAULT_SCAN_OPTIONS) {}

  /**
   * Feed one key (`key` as in KeyboardEvent.key). Returns a scan when this key completes one.
   * Keys typed at human speed never form a scan: they belong to whatever field has focus. `pauseMs`: the
   * pause after which a scan without Enter is over (longer when the keys land in the scan field itself).
   */
  key(key: string, at: number, pauseMs = this.opts.endPauseMs): ScanEvent | null {
    const done = this.flushIfPaused(at, pauseMs)
    if (key === 'Enter') {
      // Enter on an empty buffer, slower than a scanner's CR LF, is the proctor's: whatever they scan next
      // is meant.
      if (!this.buffer && at - this.lastKeyAt > this.opts.maxGapMs) this.lastScan = null
      return this.finish(at) ?? done
    }
    if (key.length !== 1) {
      // Shift, Tab, arrows are not part of a code; a key the proctor presses (Esc, F-keys, arrows) ends the
      // double-read window: a scanner that reads a card twice presses nothing in between.
      if (!MODIFIERS.has(key)) this.lastScan = null
      return done
    }
    if (at - this.lastKeyAt > this.opts.maxGapMs) {
      this.buffer = ''
      this.fastKeys = 0
      this.overflow = false
    } else {
      this.fastKeys++
    }
    if (this.buffer.length >= this.opts.maxLength) this.overflow = true
    else this.buffer += key
    this.lastKeyAt = at
    return done
  }

  /**
   * The proctor did something that is not a key the detector saw (a click, a dialog's keys): whatever is
   * scanned next is meant, even the code just scanned.
   */
  forgetLast(): void {
    this.lastScan = null
  }

  /** Call on a timer: a scanner that sends no Enter is done after a pause. */
  tick(at: number, pauseMs = this.opts.endPauseMs): ScanEvent | null {
    return this.flushIfPaused(at, pauseMs)
  }

  /** True while keys are arriving at scanner speed: the caller should not let them reach a field. */
  scanning(at: number): boolean {
    return this.fastKeys >= 2 && at - this.lastKeyAt <= this.opts.maxGapMs
  }

  private flushIfPaused(at: number, pauseMs = this.opts.endPauseMs): ScanEvent | null {
    if (this.buffer && at - this.lastKeyAt > pauseMs) return this.finish(this.lastKeyAt)
    return null
  }

  private finish(at: number): ScanEvent | null {
    const text = this.buffer
    // Every key after the first came within maxGapMs: that is a machine, not a person.
    const fast = text.length >= this.opts.minLength && this.fastKeys >= text.length - 1
    const overflow = this.overflow
    this.buffer = ''
    this.fastKeys = 0
    this.overflow = false
    if (!fast || overflow) return null
    if (this.lastScan && this.lastScan.text === text && at - this.lastScan.at <= this.opts.repeatWindowMs) {
      this.lastScan = { text, at }
      return { kind: 'repeat', text }
    }
    this.lastScan = { text, at }
    return { kind: 'scan', text }
  }
}
