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

/** The id of the desk's scan field (ScanField.tsx). */
export const SCAN_FIELD_ID = 'scan'
/** The pause that ends a scan without Enter typed into the scan field. */
const FIELD_PAUSE_MS = 400

interface Options {
  dialogOpen: boolean
  dispatch(action: CheckinAction): void
  /**
   * A scan was taken: the field must not keep the characters it caught. Returns what the field held when
   * it had the focus: then that is the scan (every key reached it, even those a busy PC delayed past the
   * detector's gap), else null and the detector's text is the scan.
   */
  takeField(): string | null
}

export function useDeskKeys({ dialogOpen, dispatch, takeField }: Options) {
  const detector = useMemo(() => new ScanDetector(), [])
  const latest = useRef({ dialogOpen, dispatch, takeField })
  latest.current = { dialogOpen, dispatch, takeField }

  // A dialog opened or closed, or a click: the proctor acted, so the same code scanned again is meant.
  useEffect(() => detector.forgetLast(), [detector, dialogOpen])

  useEffect(() => {
    const forget = () => detector.forgetLast()
    const take = (scan: ReturnType<ScanDetector['key']>) => {
      if (!scan) return false
      const field = latest.current.takeField()
      if (scan.kind === 'scan') latest.current.dispatch({ type: 'scan', text: field?.trim() || scan.text })
      return true // a repeat is swallowed as well: the same card read twice is one scan
    }
    const onKey = (e: KeyboardEvent) => {
      if (latest.current.dialogOpen) return
      const inField = document.activeElement?.id === SCAN_FIELD_ID
      if (take(detector.key(e.key, e.timeStamp, inField ? FIELD_PAUSE_MS : undefined))) {
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
    // Scanners that send no Enter: the pause after the last fast key ends the scan. Into the scan field the
    // pause must be longer: the field holds every key anyway, and a busy PC that delays a few keys of a
    // scanner that does send Enter must not cut its code in two.
    const timer = window.setInterval(() => {
      if (latest.current.dialogOpen) return
      const inField = document.activeElement?.id === SCAN_FIELD_ID
      take(detector.tick(performance.now(), inField ? FIELD_PAUSE_MS : undefined))
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
