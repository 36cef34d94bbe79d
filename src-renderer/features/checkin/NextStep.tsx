import { useTranslation } from 'react-i18next'
import { screenOf, type CheckinAction, type Shown } from '../../../src-shared/checkin-machine'
import { canBeOverridden } from '../../../src-shared/overrides'
import type { SubjectCode } from '../../../src-shared/schemas'

interface Props {
  shown: Shown
  subject: SubjectCode
  dispatch(action: CheckinAction): void
}

/** What Enter does for the verdict on screen, as buttons: admit, record the refusal, or back to scanning. */
export function NextStep({ shown, subject, dispatch }: Props) {
  const { t } = useTranslation()
  const v = shown.verdict
  const screen = screenOf(v)
  const override = canBeOverridden(v) && (
    <button type="button" onClick={() => dispatch({ type: 'openDialog', kind: 'override' })} data-testid="override">
      {t(screen === 'wait' ? 'desk.waitOverride' : 'checkin.override')} <span className="key-hint">F6</span>
    </button>
  )
  if (screen === 'admit' || screen === 'attention') {
    if (!v.candidate) return null
    return (
      <div className="next-step">
        {screen === 'attention' && (
          <div className="checklist" data-testid="checklist">
            {(['faceMatches', 'originalDocumentSeen'] as const).map((item, i) => (
              <label key={item}>
                <input
                  type="checkbox"
                  checked={shown.checklist[item]}
                  onChange={() => dispatch({ type: 'toggle', item })}
                />
                {t(item === 'faceMatches' ? 'checkin.faceMatches' : 'checkin.originalSeen')}{' '}
                <span className="key-hint">Alt+{i + 1}</span>
              </label>
            ))}
          </div>
        )}
        <button type="button" className="primary big" data-testid="admit" onClick={() => dispatch({ type: 'decide' })}>
          {t('checkin.admitButton', { subject: t(`subject.${subject}`) })} <span className="key-hint">Enter</span>
        </button>
      </div>
    )
  }
  if (screen === 'refuse') {
    return (
      <div className="next-step">
        <button
          type="button"
          className="danger big"
          onClick={() => dispatch({ type: 'decide' })}
          data-testid="record-refusal"
        >
          {t('checkin.recordRefusal')} <span className="key-hint">Enter</span>
        </button>
        {override}
      </div>
    )
  }
  // Already in, early, or a bad read: nobody is turned away for cause, so nothing is recorded.
  return (
    <div className="next-step">
      <button type="button" className="big" onClick={() => dispatch({ type: 'decide' })} data-testid="back-to-scan">
        {t('desk.back')} <span className="key-hint">Enter</span>
      </button>
      {override}
      <p className="hint">{t('desk.backHint')}</p>
    </div>
  )
}
