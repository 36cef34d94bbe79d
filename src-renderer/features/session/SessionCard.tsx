import { useState } from 'react'
import { useLiveQuery } from 'dexie-react-hooks'
import { canDo } from '../../../src-shared/staff-rules'
import { ApprovalDialog, type Approvers } from '../../components/ApprovalDialog'
import { useTranslation } from 'react-i18next'
import { platform } from '../../platform'
import { GroupTimesList } from './GroupTimesList'
import { ImportPanel } from './ImportPanel'
import { useImport } from './useImport'
import { localTime } from '../../clock'
import { candidateCount, sessions } from '../../db/reads'

const PACKAGE_FILTERS = [{ name: 'ExamDesk 场次包', extensions: ['examdesk', 'zip'] }]

/** Which session is loaded, and the way to load one: a package file, or the demo for training. */
export function SessionCard({ approvers }: { approvers?: Approvers | undefined }) {
  const { t } = useTranslation()
  const loaded = useLiveQuery(sessions, [])
  const counts = useLiveQuery(
    async () =>
      Object.fromEntries(
        await Promise.all((await sessions()).map(async (s) => [s.id, await candidateCount(s.activeRosterId)] as const)),
      ),
    [],
    {} as Record<string, number>,
  )
  const { state, start, confirm, cancel } = useImport()

  // A proctor asks a site manager first; the action runs once the PIN checked out.
  const [awaiting, setAwaiting] = useState<(() => Promise<void>) | null>(null)
  const gated = (action: () => Promise<void>) => () => {
    if (approvers && !canDo(approvers.current.role, 'import')) setAwaiting(() => action)
    else void action()
  }

  const chooseFile = async () => {
    const file = await platform.openFile(PACKAGE_FILTERS)
    if (file) await start(file.data, file.name, false)
  }
  const loadDemo = async () => {
    const res = await fetch('./demo-session.examdesk')
    if (!res.ok) throw new Error(`demo package: HTTP ${res.status}`)
    await start(await res.blob(), t('session.demoFile'), true)
  }

  return (
    <section className="card session-card" aria-labelledby="session-heading">
      <h2 id="session-heading">{t('session.heading')}</h2>
      {loaded && loaded.length > 0 ? (
        <ul className="session-list" data-testid="loaded-sessions">
          {loaded.map((s) => (
            <li key={s.id}>
              {s.demo && <span className="demo-badge">{t('session.demoBadge')}</span>}
              <strong>{s.session.name}</strong>
              <div className="session-meta">
                {s.body.name} · {s.venue.name} · {s.session.date} · {t('session.versionN', { version: s.version })}
              </div>
              <div className="session-meta">
                {s.subjects
                  .map((sub) => `${t(`subject.${sub.code}`)} ${localTime(sub.start)}–${localTime(sub.end)}`)
                  .join('　')}
              </div>
              <GroupTimesList groupTimes={s.groupTimes} />
              {/* Only once counted: "考生 0 人" while the count is still being read would be a false statement. */}
              {counts[s.id] !== undefined && (
                <div className="session-meta" data-testid="session-candidates">
                  {t('session.candidates', { count: counts[s.id] })}
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <div className="empty" data-testid="no-session">
          <p className="empty-title">{t('session.none')}</p>
          <p className="hint">{t('session.noneHint')}</p>
        </div>
      )}
      {(state.step === 'idle' || state.step === 'done') && (
        <div className="actions">
          <button type="button" className="primary" onClick={gated(chooseFile)}>
            {t('session.import')}
          </button>
          <button type="button" onClick={gated(loadDemo)}>
            {t('session.loadDemo')}
          </button>
        </div>
      )}
      {approvers && !canDo(approvers.current.role, 'import') && (
        <p className="hint spaced" data-testid="import-site-manager-only">
          {t('session.importSiteManagerOnly')}
        </p>
      )}
      <ImportPanel state={state} onConfirm={() => void confirm()} onCancel={() => void cancel()} />
      {awaiting && approvers && (
        <ApprovalDialog
          request={{
            title: t('session.importApproval'),
            needsSiteManager: true,
            askReason: false,
            confirmLabel: t('session.importApprove'),
          }}
          current={approvers.current}
          siteManagers={approvers.siteManagers}
          onDone={(r) => {
            const action = awaiting
            setAwaiting(null)
            if (r) void action()
          }}
        />
      )}
    </section>
  )
}
