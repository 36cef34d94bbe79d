import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { ImportState } from './useImport'
import { failureLine, issueLine, refusalLine } from './import-messages'
import { RosterSummaryView } from './RosterSummaryView'

const MAX_ISSUES_SHOWN = 20

interface Props {
  state: ImportState
  onConfirm: () => void
  onCancel: () => void
}

/** Progress, the summary to confirm, or why the package was refused. */
export function ImportPanel({ state, onConfirm, onCancel }: Props) {
  const { t } = useTranslation()
  const confirmRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (state.step === 'summary') confirmRef.current?.focus()
  }, [state.step])

  switch (state.step) {
    case 'idle':
      return null
    case 'working': {
      const pct = state.total > 0 ? Math.round((state.done / state.total) * 100) : 0
      return (
        <div className="import-panel" aria-live="polite">
          <p className="import-file">{state.fileName}</p>
          <p>{t(`import.phase.${state.phase}`, { done: state.done, total: state.total })}</p>
          <progress data-testid="import-progress" max={100} value={state.phase === 'reading' ? pct : undefined} />
        </div>
      )
    }
    case 'summary':
      return (
        <div className="import-panel" data-testid="import-summary">
          <p className="import-file">{state.fileName}</p>
          <h3>
            {t(
              state.prepared.replaces ? 'import.confirmReplace' : 'import.confirmTitle',
              state.prepared.replaces ?? {},
            )}
          </h3>
          {state.demo && <p className="demo-badge">{t('session.demoBadge')}</p>}
          <RosterSummaryView manifest={state.prepared.manifest} summary={state.prepared.summary} />
          <div className="actions">
            <button ref={confirmRef} type="button" className="primary" onClick={onConfirm}>
              {t('import.confirm', { count: state.prepared.summary.candidates })}
            </button>
            <button type="button" onClick={onCancel}>
              {t('import.cancel')}
            </button>
          </div>
        </div>
      )
    case 'refused':
      return (
        <div className="import-panel refused" role="alert" data-testid="import-refused">
          <p className="import-file">{state.fileName}</p>
          <h3>{t('import.refusedTitle')}</h3>
          <p data-testid="import-refusal-reason">{refusalLine(t, state.refusal)}</p>
          {'issues' in state.refusal && state.refusal.issues && state.refusal.issues.length > 0 && (
            <ul className="issues" data-testid="import-issues">
              {state.refusal.issues.slice(0, MAX_ISSUES_SHOWN).map((i, n) => (
                <li key={`${n}|${i.path}`}>{issueLine(t, i)}</li>
              ))}
              {state.refusal.issues.length > MAX_ISSUES_SHOWN && (
                <li>{t('importMessages.moreIssues', { count: state.refusal.issues.length - MAX_ISSUES_SHOWN })}</li>
              )}
            </ul>
          )}
          <p className="hint">{t('import.nothingChanged')}</p>
          <button type="button" onClick={onCancel}>
            {t('import.close')}
          </button>
        </div>
      )
    case 'failed':
      return (
        <div className="import-panel refused" role="alert" data-testid="import-failed">
          <p className="import-file">{state.fileName}</p>
          <h3>{t('import.failedTitle')}</h3>
          <p>{failureLine(t, state.failure)}</p>
          <details className="technical">
            <summary>{t('importMessages.technical')}</summary>
            <code>{state.failure.technical}</code>
          </details>
          <p className="hint">{t('import.nothingChanged')}</p>
          <button type="button" onClick={onCancel}>
            {t('import.close')}
          </button>
        </div>
      )
    case 'done':
      return (
        <div className="import-panel done" role="status" data-testid="import-done">
          <p>{t('import.done', { name: state.sessionName, count: state.candidates })}</p>
          <button type="button" onClick={onCancel}>
            {t('import.close')}
          </button>
        </div>
      )
  }
}
