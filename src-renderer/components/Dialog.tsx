import { useId, useRef, type FormEvent, type KeyboardEvent, type ReactNode, type RefObject } from 'react'
import { useFocusTrap } from './useFocusTrap'

interface Props {
  /** The heading, which also names the dialog for a screen reader. */
  title: string
  /** Esc, or the dialog's own cancel button: nothing is recorded. */
  onClose(): void
  /** Rendered as a form when given: Enter in a field submits it. */
  onSubmit?(e: FormEvent<HTMLFormElement>): void
  /** Focused on open instead of the first field (Cancel, when confirming cannot be undone). */
  initialFocus?: RefObject<HTMLElement | null>
  className?: string
  testId?: string
  children: ReactNode
}

const FUNCTION_KEY = /^F([1-9]|1[0-2])$/

/**
 * Every modal of the app: takes the focus, keeps Tab inside, closes on Esc and gives the focus back.
 * Keys typed here are the dialog's alone: none reaches the page behind it.
 */
export function Dialog({ title, onClose, onSubmit, initialFocus, className, testId, children }: Props) {
  const titleId = useId()
  const box = useRef<HTMLElement | null>(null)
  useFocusTrap(box, initialFocus)

  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation()
    if (e.key === 'Escape') {
      e.preventDefault()
      onClose()
    } else if (FUNCTION_KEY.test(e.key)) {
      // A desk key pressed from habit does nothing here, nor does the browser's (F3 find, F5 reload
      // would lose the typed reason).
      e.preventDefault()
    }
  }
  const common = {
    className: className ? `dialog ${className}` : 'dialog',
    role: 'dialog',
    'aria-modal': true,
    'aria-labelledby': titleId,
    'data-testid': testId,
    tabIndex: -1,
    onKeyDown,
  } as const
  const body = (
    <>
      <h3 id={titleId}>{title}</h3>
      {children}
    </>
  )
  return (
    // A click on the backdrop does not take the focus out of the dialog.
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && e.preventDefault()}>
      {onSubmit ? (
        <form {...common} ref={(el) => void (box.current = el)} onSubmit={onSubmit}>
          {body}
        </form>
      ) : (
        <div {...common} ref={(el) => void (box.current = el)}>
          {body}
        </div>
      )}
    </div>
  )
}
