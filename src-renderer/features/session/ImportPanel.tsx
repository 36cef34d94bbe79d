import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { ImportRefusal } from '../../db/import'
import type { ImportState } from './useImport'
import { RosterSummaryView } from './RosterSummaryView'

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
          <p>{refusalText(t, state.refusal)}</p>
          {'issues' in state.refusal && state.refusal.issues && (
            <ul className="issues">
              {state.refusal.issues.slice(0, 20).map((i) => (
                <li key={i.path}>
                  {i.admitCardNo ? `${t('candidate.admitCardNo')} ${i.admitCardNo} · ` : ''}
                  {i.path}: {i.message}
                </li>
              ))}
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
        <div className="import-panel refused" role="alert">
          <h3>{t('import.failedTitle')}</h3>
          <p>{state.message}</p>
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

function refusalText(t: (k: string, o?: Record<string, unknown>) => string, r: ImportRefusal): string {
  if ('admitCardNos' in r) return t(`import.refusal.${r.reason}`, { list: r.admitCardNos.slice(0, 10).join('、') })
  return t(`import.refusal.${r.reason}`, { detail: r.detail ?? '' })
}
