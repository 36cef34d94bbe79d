/**
 * Keeps the keyboard inside a modal: focus moves in when it opens (to a chosen element or the first
 * field), Tab and Shift+Tab cycle through its controls, focus that escapes (a click on the backdrop)
 * is pulled back, and on close it returns to where it was, usually the desk's scan field.
 */
import { useEffect, useRef, type RefObject } from 'react'

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',')

/** The controls of `root` a person can reach with Tab, in document order; hidden ones are skipped. */
export function focusablesIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0)
}

/** Where focus goes on open: the chosen element, else the first field, else the first control. */
function initialTarget(root: HTMLElement, chosen: HTMLElement | null | undefined): HTMLElement {
  if (chosen) return chosen
  const all = focusablesIn(root)
  return all.find((el) => el.matches('input, select, textarea')) ?? all[0] ?? root
}

export function useFocusTrap(root: RefObject<HTMLElement | null>, initialFocus?: RefObject<HTMLElement | null>) {
  const initial = useRef(initialFocus)
  initial.current = initialFocus

  useEffect(() => {
    const el = root.current
    if (!el) return
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    initialTarget(el, initial.current?.current).focus()

    const onFocusIn = (e: FocusEvent) => {
      if (e.target instanceof Node && !el.contains(e.target)) initialTarget(el, initial.current?.current).focus()
    }
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Tab') return
      // Every Tab is ours, not only the wrap at the ends: the order is then exactly the dialog's controls.
      e.preventDefault()
      const all = focusablesIn(el)
      if (all.length === 0) return el.focus()
      const at = all.indexOf(document.activeElement as HTMLElement)
      const next = at < 0 ? 0 : (at + (e.shiftKey ? -1 : 1) + all.length) % all.length
      all[next]!.focus()
    }
    document.addEventListener('focusin', onFocusIn)
    el.addEventListener('keydown', onKeyDown)
    return () => {
      document.removeEventListener('focusin', onFocusIn)
      el.removeEventListener('keydown', onKeyDown)
      if (before?.isConnected) before.focus()
    }
  }, [root])
}
