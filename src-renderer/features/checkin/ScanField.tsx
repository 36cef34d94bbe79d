import { forwardRef } from 'react'
import { useTranslation } from 'react-i18next'
import { SCAN_FIELD_ID } from './useDeskKeys'

interface Props {
  text: string
  onText(text: string): void
  /** Enter in the field: typed text is looked up; on an empty field Enter decides. */
  onSubmit(text: string): void
  dialogOpen: boolean
}

/** The desk's one field: a scanner or a person types here; focus always comes back to it. */
export const ScanField = forwardRef<HTMLInputElement, Props>(function ScanField(
  { text, onText, onSubmit, dialogOpen },
  ref,
) {
  const { t } = useTranslation()
  return (
    <form
      className="scan-form"
      onSubmit={(e) => {
        e.preventDefault()
        onSubmit(text)
      }}
    >
      <label htmlFor={SCAN_FIELD_ID} className="scan-label">
        {t('checkin.scanLabel')}
      </label>
      <input
        id={SCAN_FIELD_ID}
        ref={ref}
        className="scan-field"
        value={text}
        autoComplete="off"
        spellCheck={false}
        placeholder={t('checkin.scanPlaceholder')}
        data-testid="scan"
        onChange={(e) => onText(e.target.value)}
        onBlur={(e) => {
          // The training reader's list keeps focus while the trainer picks; everything else gives it back.
          if ((e.relatedTarget as HTMLElement | null)?.closest('[data-keeps-focus]')) return
          const field = e.currentTarget
          if (!dialogOpen) window.setTimeout(() => !document.querySelector('.dialog') && field.focus(), 0)
        }}
      />
    </form>
  )
})
