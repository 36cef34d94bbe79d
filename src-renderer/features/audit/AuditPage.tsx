import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { auditRows, type AuditFilter } from '../../../src-shared/audit'
import { EventType } from '../../../src-shared/schemas'
import type { DeskData } from '../../state/desk-data'
import { useChainStatus } from './useChainStatus'
import { allEvents } from '../../db/reads'

/** Rows shown at first and added by each "show more". */
const PAGE = 300

/** Every event of this desk, filterable, with the chain's verification status on top. */
export function AuditPage({ data }: { data: DeskData }) {
  const { t } = useTranslation()
  const events = useLiveQuery(allEvents, [])
  const status = useChainStatus(events)
  const [filter, setFilterState] = useState<AuditFilter>({})
  const [shown, setShown] = useState(PAGE)
  // A new filter starts again from its newest rows.
  const setFilter = (next: AuditFilter) => {
    setFilterState(next)
    setShown(PAGE)
  }
  const rows = useMemo(() => (events ? auditRows(events, filter) : []), [events, filter])
  const staffName = (id: string | null | undefined) => (id ? (data.staffById.get(id)?.name ?? id) : t('audit.system'))
  const timeInput = (key: 'from' | 'to', value: string) => {
    const next = { ...filter }
    if (value === '') delete next[key]
    else next[key] = new Date(value).getTime()
    setFilter(next)
  }

  return (
    <div className="audit-page" data-testid="audit">
      <p
        className={`chain-status ${status === 'checking' ? '' : status !== 'error' && status.ok ? 'ok' : 'bad'}`}
        data-testid="chain-status"
      >
        {status === 'checking'
          ? t('audit.checking')
          : status === 'error'
            ? t('audit.checkFailed')
            : status.ok
              ? t('audit.chainOk', { count: status.count, hash: status.head.hash.slice(0, 16) })
              : t('audit.chainBroken', { seq: status.brokenAt, reason: t(`audit.reason.${status.reason}`) })}
      </p>
      <div className="board-filters">
        <label>
          {t('audit.filter.candidate')}
          <input
            type="search"
            value={filter.admitCardNo ?? ''}
            onChange={(e) => setFilter({ ...filter, admitCardNo: e.target.value })}
            placeholder={t('audit.filter.candidatePlaceholder')}
            data-testid="audit-candidate"
          />
        </label>
        <label>
          {t('audit.filter.staff')}
          <select
            value={filter.staffId ?? ''}
            onChange={(e) => setFilter({ ...filter, staffId: e.target.value || undefined })}
            data-testid="audit-staff"
          >
            <option value="">{t('board.filter.all')}</option>
            {[...data.staffById.values()].map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.filter.type')}
          <select
            value={filter.types?.[0] ?? ''}
            onChange={(e) => setFilter({ ...filter, types: e.target.value ? [e.target.value as EventType] : [] })}
            data-testid="audit-type"
          >
            <option value="">{t('board.filter.all')}</option>
            {EventType.options.map((type) => (
              <option key={type} value={type}>
                {t(`audit.type.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.filter.from')}
          <input type="datetime-local" onChange={(e) => timeInput('from', e.target.value)} />
        </label>
        <label>
          {t('audit.filter.to')}
          <input type="datetime-local" onChange={(e) => timeInput('to', e.target.value)} />
        </label>
      </div>
      <p className="hint">{t('audit.count', { count: rows.length, total: events?.length ?? 0 })}</p>
      <table className="data-table audit-table" data-testid="audit-list">
        <thead>
          <tr>
            <th>{t('audit.col.seq')}</th>
            <th>{t('audit.col.time')}</th>
            <th>{t('audit.col.type')}</th>
            <th>{t('audit.col.who')}</th>
            <th>{t('audit.col.candidate')}</th>
            <th>{t('audit.col.detail')}</th>
            <th>{t('audit.col.hash')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, shown).map(({ event: e, admitCardNo, subject, approvedBy }) => {
            const broken = status !== 'checking' && status !== 'error' && !status.ok && status.brokenAt === e.seq
            const p = e.payload
            const reasons: readonly string[] = 'reasons' in p ? p.reasons : []
            const reason = 'reason' in p ? p.reason : undefined
            const detail = [
              subject ? t(`subject.${subject}`) : '',
              reasons.map((r) => t(`board.reasonCode.${r}`, { defaultValue: r })).join('、'),
              reason ? `「${reason}」` : '',
              e.type === 'note' ? `「${e.payload.text}」` : '',
            ]
              .filter(Boolean)
              .join(' ')
            return (
              <tr key={e.seq} data-type={e.type} className={broken ? 'broken' : undefined}>
                <td className="num">{e.seq}</td>
                <td className="mono">{e.deviceTime.slice(5, 19).replace('T', ' ')}</td>
                <td>{t(`audit.type.${e.type}`)}</td>
                <td>
                  {staffName(e.actor)}
                  {approvedBy && approvedBy !== e.actor
                    ? ` · ${t('board.approvedBy', { name: staffName(approvedBy) })}`
                    : ''}
                </td>
                <td>
                  {admitCardNo
                    ? `${data.byAdmitCardNo.get(admitCardNo)?.name ?? t('board.unknownCandidate')} ${admitCardNo}`
                    : ''}
                </td>
                <td>{detail}</td>
                <td className="mono" title={e.hash}>
                  {e.hash.slice(0, 10)}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {rows.length > shown && (
        <div className="audit-more">
          <span className="hint" data-testid="audit-hidden">
            {t('audit.hidden', { shown, count: rows.length - shown })}
          </span>
          <button type="button" onClick={() => setShown(shown + PAGE)} data-testid="audit-more">
            {t('audit.showMore', { count: Math.min(PAGE, rows.length - shown) })}
          </button>
          <button type="button" onClick={() => setShown(rows.length)} data-testid="audit-all">
            {t('audit.showAll', { count: rows.length })}
          </button>
        </div>
      )}
    </div>
  )
}
