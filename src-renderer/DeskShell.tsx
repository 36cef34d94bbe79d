import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DeskIdentity } from '../src-shared/bridge'
import type { SessionRecord, StaffRecord } from './db/roster'
import { platform } from './platform'
import { useAuth } from './state/auth'
import { useDeskData } from './state/desk-data'
import type { DeskSettings } from './state/settings'
import { CheckinPage } from './features/checkin/CheckinPage'
import { DeskSetup } from './features/checkin/DeskSetup'
import { FirstScreen } from './features/session/FirstScreen'
import { SyncPage } from './features/sync/SyncPage'
import { AuditPage } from './features/audit/AuditPage'
import { BoardPage } from './features/board/BoardPage'
import { ReportsPage } from './features/reports/ReportsPage'
import { usePendingCount } from './db/reads'

type Tab = 'checkin' | 'setup' | 'session' | 'sync' | 'board' | 'reports' | 'audit'

/** The logged-in desk: a status bar (session, subject, who, what is not yet uploaded) and its pages. */
export function DeskShell({
  session,
  settings,
  staff,
}: {
  session: SessionRecord
  settings: DeskSettings
  staff: StaffRecord
}) {
  const { t } = useTranslation()
  const { logout } = useAuth()
  const [tab, setTab] = useState<Tab>('checkin')
  const [identity, setIdentity] = useState<DeskIdentity | null>(null)
  const data = useDeskData(session)
  const siteManagers = useMemo(
    () => (data ? [...data.staffById.values()].filter((s) => s.role === 'siteManager') : []),
    [data],
  )
  const pending = usePendingCount()
  useEffect(() => {
    void platform.deskIdentity().then(setIdentity)
  }, [])

  const subject = settings.subject
  const needsSetup = subject === null || !session.subjects.some((s) => s.code === subject)
  const page: Tab = needsSetup && tab === 'checkin' ? 'setup' : tab

  return (
    <div className="desk-shell">
      <nav className="status-bar" aria-label={t('desk.statusBar')}>
        <div className="status-info">
          {session.demo && <span className="demo-badge">{t('session.demoBadge')}</span>}
          <span className="session-name" title={session.session.name}>
            {session.session.name}
          </span>
          <span className="subject-tag" data-testid="current-subject">
            {subject ? t(`subject.${subject}`) : t('setup.noSubject')}
          </span>
          <span>
            {staff.name} · {t(`role.${staff.role}`)}
          </span>
          <span className={pending ? 'pending warn' : 'pending'} data-testid="pending-events">
            {/* Nothing until the ledger answered: "0 to upload" would be a claim, not a figure. */}
            {pending === undefined ? '' : t('desk.pendingN', { count: pending })}
          </span>
        </div>
        <div className="status-tabs">
          <button
            type="button"
            aria-pressed={page === 'checkin'}
            onClick={() => setTab('checkin')}
            disabled={needsSetup}
          >
            {t('nav.checkin')}
          </button>
          <button type="button" aria-pressed={page === 'setup'} onClick={() => setTab('setup')}>
            {t('nav.setup')}
          </button>
          <button type="button" aria-pressed={page === 'session'} onClick={() => setTab('session')}>
            {t('nav.session')}
          </button>
          {(['board', 'reports', 'audit'] as const).map((p) => (
            <button key={p} type="button" aria-pressed={page === p} onClick={() => setTab(p)} data-testid={`nav-${p}`}>
              {t(`${p}.nav`)}
            </button>
          ))}
          <button type="button" aria-pressed={page === 'sync'} onClick={() => setTab('sync')} data-testid="nav-sync">
            {t('sync.tab')}
          </button>
          <button type="button" onClick={() => void logout('manual')} data-testid="lock">
            {t('nav.lock')}
          </button>
        </div>
      </nav>
      {page === 'setup' && <DeskSetup session={session} settings={settings} onDone={() => setTab('checkin')} />}
      {page === 'session' && <FirstScreen approvers={{ current: staff, siteManagers }} />}
      {page === 'sync' && <SyncPage staff={staff} siteManagers={siteManagers} deskName={settings.deskName} />}
      {(page === 'board' || page === 'reports' || page === 'audit') &&
        (data && identity ? (
          page === 'board' ? (
            <BoardPage
              session={session}
              data={data}
              staff={staff}
              deviceId={identity.deviceId}
              deskName={settings.deskName}
              initialSubject={subject}
            />
          ) : page === 'reports' ? (
            <ReportsPage
              session={session}
              data={data}
              staff={staff}
              deviceId={identity.deviceId}
              deskName={settings.deskName}
            />
          ) : (
            <AuditPage data={data} />
          )
        ) : (
          <p className="hint">{t('desk.loading')}</p>
        ))}
      {page === 'checkin' &&
        subject &&
        (data && identity ? (
          <CheckinPage
            session={session}
            data={data}
            subject={subject}
            rooms={settings.rooms}
            staff={staff}
            deviceId={identity.deviceId}
            deskName={settings.deskName}
          />
        ) : (
          <p className="hint">{t('desk.loading')}</p>
        ))}
    </div>
  )
}
