import { useTranslation } from 'react-i18next'
import type { Verdict } from '../../../src-shared/verdict'
import { reasonText, type Names } from './reasonText'

/** Green, amber or red, with one plain line per reason. */
export function VerdictBanner({ verdict, names }: { verdict: Verdict; names: Names }) {
  const { t } = useTranslation()
  return (
    <div
      className={`verdict-banner ${verdict.outcome}`}
      role="alert"
      data-testid="verdict"
      data-outcome={verdict.outcome}
    >
      <p className="verdict-title">{t(`verdict.${verdict.outcome}`)}</p>
      <ul>
        {verdict.reasons.map((r, i) => (
          <li key={`${r.code}-${i}`} data-reason={r.code}>
            {reasonText(t, r, names)}
          </li>
        ))}
      </ul>
    </div>
  )
}
