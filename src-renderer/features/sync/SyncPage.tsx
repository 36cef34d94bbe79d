import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { canDo } from '../../../src-shared/staff-rules'
import { Receipt } from '../../../src-shared/sync-format'
import type { StaffRecord } from '../../db/roster'
import { platform } from '../../platform'
import { checkPin } from '../../state/pin-check'
import { useSync } from './useSync'

/** "上传/导出": upload this desk's events to HQ or write them to a USB stick. Site managers only. */
export function SyncPage({
  staff,
  siteManagers,
  deskName,
}: {
  staff: StaffRecord
  siteManagers: readonly StaffRecord[]
  deskName: string
}) {
  const [approved, setApproved] = useState(canDo(staff.role, 'sync'))
  if (!approved) return <SiteManagerPin siteManagers={siteManagers} onApproved={() => setApproved(true)} />
  return <SyncPanel deskName={deskName} />
}

/** A proctor is logged in: a site manager approves with their PIN (lockout as at login). */
function SiteManagerPin({ siteManagers, onApproved }: { siteManagers: readonly StaffRecord[]; onApproved(): void }) {
  const { t } = useTranslation()
  const [who, setWho] = useState(siteManagers[0]?.id ?? '')
  const [pin, setPin] = useState('')
  const [error, setError] = useState<string | null>(null)
  return (
    <form
      className="card"
      data-testid="sync-approval"
      onSubmit={async (e) => {
        e.preventDefault()
        const approver = siteManagers.find((s) => s.id === who)
        if (!approver) return setError(t('sync.noSiteManager'))
        const r = await checkPin(approver, pin)
        setPin('')
        if (r.ok) return onApproved()
        setError(
          'locked' in r
            ? t('login.locked', { time: r.locked.toTimeString().slice(0, 5) })
            : t('login.wrongPin', { count: r.remaining }),
        )
      }}
    >
      <h2>{t('sync.title')}</h2>
      <p className="hint">{t('sync.needsSiteManager')}</p>
      <label htmlFor="sync-approver">{t('approval.siteManager')}</label>
      <select id="sync-approver" value={who} onChange={(e) => setWho(e.target.value)}>
        {siteManagers.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <label htmlFor="sync-pin">{t('approval.pin')}</label>
      <input
        id="sync-pin"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        value={pin}
        onChange={(e) => setPin(e.target.value)}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        {t('sync.approve')}
      </button>
    </form>
  )
}

function SyncPanel({ deskName }: { deskName: string }) {
  const { t } = useTranslation()
  const { status, progress, busy, outcome, upload, exportFile, enrol, setHqUrl } = useSync(deskName)
  const [token, setToken] = useState('')
  const [url, setUrl] = useState<string | null>(null)
  if (!status) return <p className="hint">{t('desk.loading')}</p>
  const pending = status.headSeq - status.ackedSeq
  const receipt = status.lastReceipt ? Receipt.safeParse(JSON.parse(status.lastReceipt.receipt)) : null
  return (
    <section className="card sync-page" data-testid="sync-page">
      <h2>{t('sync.title')}</h2>
      <p data-testid="sync-counts">{t('sync.counts', { head: status.headSeq, acked: status.ackedSeq, pending })}</p>
      <form
        className="sync-url"
        onSubmit={(e) => {
          e.preventDefault()
          if (url !== null) void setHqUrl(url).then(() => setUrl(null))
        }}
      >
        <label htmlFor="sync-hq-url">{t('sync.hqUrl')}</label>
        <input
          id="sync-hq-url"
          value={url ?? status.hqUrl}
          onChange={(e) => setUrl(e.target.value)}
          disabled={platform.kind === 'web'}
        />
        {platform.kind === 'web' ? (
          <span className="hint">{t('sync.webProxy')}</span>
        ) : (
          <button type="submit" disabled={url === null}>
            {t('sync.save')}
          </button>
        )}
      </form>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void upload()}
          data-testid="sync-upload"
        >
          {t('sync.upload')}
        </button>
        <button type="button" disabled={busy} onClick={() => void exportFile()} data-testid="sync-export">
          {t('sync.export')}
        </button>
      </div>
      {busy && progress && (
        <p data-testid="sync-progress">
          {t(`sync.phase.${progress.phase}`)} ·{' '}
          {t('sync.progress', {
            batches: progress.batches,
            events: progress.events,
            kb: Math.ceil(progress.bytes / 1024),
          })}
          {progress.retryInMs !== undefined &&
            ` · ${t('sync.retryIn', { seconds: Math.ceil(progress.retryInMs / 1000), count: progress.failures })}`}
        </p>
      )}
      {outcome && (
        <p
          className={outcome.kind === 'failed' || outcome.kind === 'enrolFailed' ? 'field-error' : 'ok'}
          role="status"
          data-testid="sync-outcome"
        >
          {outcome.kind === 'synced' &&
            t('sync.done', { events: outcome.progress.events, acked: outcome.progress.ackedSeq })}
          {outcome.kind === 'failed' && t(`sync.reason.${outcome.reason}`, { detail: outcome.detail ?? '' })}
          {outcome.kind === 'exported' && t('sync.exported', { events: outcome.events })}
          {outcome.kind === 'enrolled' && t('sync.enrolled')}
          {outcome.kind === 'enrolFailed' && t(`sync.enrolReason.${outcome.reason}`)}
        </p>
      )}
      {outcome?.kind === 'failed' && outcome.reason === 'notEnrolled' && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void enrol(token).then((ok) => (ok ? upload() : undefined))
          }}
        >
          <label htmlFor="sync-token">{t('sync.token')}</label>
          <input id="sync-token" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" />
          <button type="submit" disabled={token.trim() === ''} data-testid="sync-enrol">
            {t('sync.enrol')}
          </button>
        </form>
      )}
      {status.lastError && !busy && outcome === null && (
        <p className="hint">{t('sync.lastError', { error: status.lastError })}</p>
      )}
      <h3>{t('sync.receipt')}</h3>
      {receipt?.success ? (
        <dl className="receipt" data-testid="sync-receipt">
          <dt>{t('sync.receiptAcked')}</dt>
          <dd>{receipt.data.content.ackedSeq}</dd>
          <dt>{t('sync.receiptIssued')}</dt>
          <dd>{receipt.data.content.issuedAt}</dd>
          <dt>{t('sync.receiptKey')}</dt>
          <dd>{receipt.data.keyId}</dd>
          <dt>{t('sync.receiptSig')}</dt>
          <dd>
            <code>{receipt.data.sig.slice(0, 24)}…</code>
          </dd>
        </dl>
      ) : (
        <p className="hint">{t('sync.noReceipt')}</p>
      )}
    </section>
  )
}
