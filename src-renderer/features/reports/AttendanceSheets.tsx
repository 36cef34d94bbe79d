import { useTranslation } from 'react-i18next'
import type { AttendanceSheet } from '../../../src-shared/reports'
import type { SessionRecord } from '../../db/roster'
import { ReportHeader, type ReportMeta } from './ReportHeader'
import { usePhotoUrls } from './usePhotoUrls'

/** 签到表: one printed page (or more) per room, by seat, with photo and a line for the signature. */
export function AttendanceSheets({
  sheets,
  session,
  meta,
}: {
  sheets: readonly AttendanceSheet[]
  session: SessionRecord
  meta: ReportMeta
}) {
  const { t } = useTranslation()
  const photos = usePhotoUrls(
    session.activeRosterId,
    sheets.flatMap((s) => s.rows.map((r) => r.admitCardNo)),
  )
  return (
    <>
      {sheets.map((s) => (
        <section key={s.roomId} className="report-page" data-testid="sheet" data-room={s.roomId}>
          <ReportHeader
            title={t('reports.sheet.title')}
            subtitle={`${t(`subject.${s.subject}`)} · ${s.roomName}`}
            session={session}
            meta={meta}
          />
          <p className="report-counts">
            {t('reports.counts', {
              total: s.counts.total,
              arrived: s.counts.present + s.counts.late,
              late: s.counts.late,
              absent: s.counts.absent,
              refused: s.counts.refused,
              expected: s.counts.expected,
            })}
          </p>
          <table className="report-table sheet-table">
            <thead>
              <tr>
                <th>{t('reports.col.seat')}</th>
                <th>{t('reports.col.photo')}</th>
                <th>{t('reports.col.name')}</th>
                <th>{t('reports.col.admitCardNo')}</th>
                <th>{t('reports.col.state')}</th>
                <th>{t('reports.col.time')}</th>
                <th className="signature">{t('reports.col.signature')}</th>
              </tr>
            </thead>
            <tbody>
              {s.rows.map((r) => (
                <tr key={r.admitCardNo}>
                  <td className="num">{r.seat}</td>
                  <td className="photo-cell">
                    {photos.get(r.admitCardNo) ? <img src={photos.get(r.admitCardNo)} alt="" /> : null}
                  </td>
                  <td>{r.name}</td>
                  <td className="mono">{r.admitCardNo}</td>
                  <td>{t(`board.state.${r.state}`)}</td>
                  <td>{r.time}</td>
                  <td className="signature" />
                </tr>
              ))}
            </tbody>
          </table>
          <p className="report-sign">{t('reports.sheet.signOff')}</p>
        </section>
      ))}
    </>
  )
}
