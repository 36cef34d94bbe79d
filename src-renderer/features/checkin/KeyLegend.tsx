import { useTranslation } from 'react-i18next'
import { DESK_KEYS } from '../../../src-shared/checkin-keys'

/** The key legend under the scan field, drawn from the same table the keyboard dispatches from. */
export function KeyLegend() {
  const { t } = useTranslation()
  return (
    <p className="key-help" data-testid="key-legend">
      {DESK_KEYS.filter((k) => k.legend).map((k) => (
        <span key={k.key}>
          <kbd>{k.display}</kbd> {t(k.label)}
        </span>
      ))}
    </p>
  )
}
