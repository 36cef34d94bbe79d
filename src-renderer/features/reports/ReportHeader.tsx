import { useTranslation } from 'react-i18next'
import { localStamp } from '../../../src-shared/reports'
import type { SessionRecord } from '../../db/roster'

export interface ReportMeta {
  deskName: string
  deviceId: string
  printedAt: Date
  head: { seq: number; hash: string } | null
}

/** Title, session, and what matches paper to data: the desk, the print time and the ledger head hash. */
export function ReportHeader({
  title,
  subtitle,
  session,
  meta,
}: {
  title: string
  subtitle?: string
  session: SessionRecord
  meta: ReportMeta
}) {
  const { t } = useTranslation()
  const printed = localStamp(meta.printedAt)
  return (
    <header className="report-header">
      <p className="report-body">
        {session.body.name} · {session.venue.name}
      </p>
      <h2>{title}</h2>
      <p className="report-subtitle">
        {session.session.name} · {session.session.date}
        {subtitle ? ` · ${subtitle}` : ''}
      </p>
      <dl className="report-meta" data-testid="report-meta">
        <dt>{t('reports.meta.desk')}</dt>
        <dd>
          {meta.deskName || '—'}（{meta.deviceId.slice(0, 8)}）
        </dd>
        <dt>{t('reports.meta.printedAt')}</dt>
        <dd>{printed}</dd>
        <dt>{t('reports.meta.head')}</dt>
        <dd className="mono" data-testid="report-head">
          {meta.head ? t('reports.meta.headValue', { seq: meta.head.seq, hash: meta.head.hash }) : '—'}
        </dd>
      </dl>
    </header>
  )
}
