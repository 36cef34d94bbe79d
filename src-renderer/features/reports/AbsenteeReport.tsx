import { useTranslation } from 'react-i18next'
import type { AbsenteeList } from '../../../src-shared/reports'
import type { SessionRecord } from '../../db/roster'
import { ReportHeader, type ReportMeta } from './ReportHeader'

/** 缺考名单 of one subject; while the subject is open it says the list is provisional. */
export function AbsenteeReport({
  list,
  session,
  meta,
  roomName,
}: {
  list: AbsenteeList
  session: SessionRecord
  meta: ReportMeta
  roomName: (id: string) => string
}) {
  const { t } = useTranslation()
  return (
    <section className="report-page" data-testid="absentees">
      <ReportHeader
        title={t(list.closed ? 'reports.absentees.title' : 'reports.absentees.titleOpen')}
        subtitle={t(`subject.${list.subject}`)}
        session={session}
        meta={meta}
      />
      <p className="report-counts">
        {t(list.closed ? 'reports.absentees.count' : 'reports.absentees.countOpen', { count: list.rows.length })}
      </p>
      <table className="report-table">
        <thead>
          <tr>
            <th>{t('reports.col.index')}</th>
            <th>{t('reports.col.room')}</th>
            <th>{t('reports.col.seat')}</th>
            <th>{t('reports.col.name')}</th>
            <th>{t('reports.col.admitCardNo')}</th>
            <th>{t('reports.col.occupation')}</th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((r, i) => (
            <tr key={r.admitCardNo}>
              <td className="num">{i + 1}</td>
              <td>{roomName(r.roomId)}</td>
              <td className="num">{r.seat}</td>
              <td>{r.name}</td>
              <td className="mono">{r.admitCardNo}</td>
              <td>
                {r.occupation} {r.level}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="report-sign">{t('reports.absentees.signOff')}</p>
    </section>
  )
}
