/**
 * The desk's keyboard: one listener for the whole page. Every key goes through one scan detector first
 * (a scan ends on Enter or a short pause, an identical scan within 3 s is ignored, a runaway buffer is
 * dropped), so a scan lands whatever has focus; then the key table (src-shared/checkin-keys.ts) says
 * which action a function key dispatches. While a dialog is open, keys are the dialog's.
 */
import { useEffect, useMemo, useRef } from 'react'
import { deskKeyOf } from '../../../src-shared/checkin-keys'
import type { CheckinAction } from '../../../src-shared/checkin-machine'
import { ScanDetector } from '../../../src-shared/scan-detector'

interface Options {
  dialogOpen: boolean
  dispatch(action: CheckinAction): void
  /** A scan was taken: the field must not keep the characters it caught. */
  onScan(): void
}

export function useDeskKeys({ dialogOpen, dispatch, onScan }: Options) {
  const detector = useMemo(() => new ScanDetector(), [])
  const latest = useRef({ dialogOpen, dispatch, onScan })
  latest.current = { dialogOpen, dispatch, onScan }

  // A dialog opened or closed, or a click: the proctor acted, so the same code scanned again is meant.
  useEffect(() => detector.forgetLast(), [detector, dialogOpen])

  useEffect(() => {
    const forget = () => detector.forgetLast()
    const take = (scan: ReturnType<ScanDetector['key']>) => {
      if (!scan) return false
      latest.current.onScan()
      if (scan.kind === 'scan') latest.current.dispatch({ type: 'scan', text: scan.text })
      return true // a repeat is swallowed as well: the same card read twice is one scan
    }
    const onKey = (e: KeyboardEvent) => {
      if (latest.current.dialogOpen) return
      if (take(detector.key(e.key, e.timeStamp))) {
        e.preventDefault()
        return
      }
      // Enter belongs to the scan field's form: typed text is looked up, an empty field decides.
      if (e.key === 'Enter') return
      const k = deskKeyOf(e)
      if (!k) return
      e.preventDefault()
      latest.current.dispatch(k.action)
    }
    // Scanners that send no Enter: the pause after the last fast key ends the scan.
    const timer = window.setInterval(() => {
      if (!latest.current.dialogOpen) take(detector.tick(performance.now()))
    }, 50)
    window.addEventListener('keydown', onKey, { capture: true })
    window.addEventListener('pointerdown', forget, { capture: true })
    return () => {
      window.clearInterval(timer)
      window.removeEventListener('keydown', onKey, { capture: true })
      window.removeEventListener('pointerdown', forget, { capture: true })
    }
  }, [detector])
}
