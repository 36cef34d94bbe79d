import { useTranslation } from 'react-i18next'
import { screenOf } from '../../../src-shared/checkin-machine'
import type { Verdict } from '../../../src-shared/verdict'
import { reasonText, type Names } from './reasonText'

/** Green, amber or red, or blue when there is only something to tell the candidate; one plain line per reason. */
export function VerdictBanner({ verdict, names }: { verdict: Verdict; names: Names }) {
  const { t } = useTranslation()
  const screen = screenOf(verdict)
  const title = screen === verdict.outcome ? t(`verdict.${verdict.outcome}`) : t(`desk.screen.${screen}`)
  return (
    <div
      className={`verdict-banner ${verdict.outcome} screen-${screen}`}
      role="alert"
      data-testid="verdict"
      data-outcome={verdict.outcome}
      data-screen={screen}
    >
      <p className="verdict-title">{title}</p>
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
