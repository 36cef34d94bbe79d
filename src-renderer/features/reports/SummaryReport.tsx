import { useTranslation } from 'react-i18next'
import { BOARD_STATES, type BoardCounts } from '../../../src-shared/board'
import type { SummarySubject } from '../../../src-shared/reports'
import type { SessionRecord } from '../../db/roster'
import { localTime } from '../../clock'
import { ReportHeader, type ReportMeta } from './ReportHeader'

/** 场次汇总: per subject, totals, per room and per occupation + level, with the attendance rate. */
export function SummaryReport({
  summary,
  session,
  meta,
}: {
  summary: readonly SummarySubject[]
  session: SessionRecord
  meta: ReportMeta
}) {
  const { t } = useTranslation()
  return (
    <section className="report-page" data-testid="summary">
      <ReportHeader title={t('reports.summary.title')} session={session} meta={meta} />
      {summary.map((s) => (
        <div key={s.subject} className="summary-subject" data-subject={s.subject}>
          <h3>
            {t(`subject.${s.subject}`)} · {t('reports.summary.start', { time: localTime(s.start) })} ·{' '}
            {s.closed ? t('reports.summary.closed') : t('reports.summary.open')} ·{' '}
            {t('reports.summary.rate', { rate: s.attendanceRate })}
          </h3>
          <table className="report-table">
            <thead>
              <tr>
                <th />
                <th>{t('reports.summary.total')}</th>
                {BOARD_STATES.map((st) => (
                  <th key={st}>{t(`board.state.${st}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              <CountsRow label={t('reports.summary.all')} counts={s.total} strong />
              {s.rooms.map((r) => (
                <CountsRow key={r.roomId} label={r.roomName} counts={r.counts} />
              ))}
              {s.occupations.map((o) => (
                <CountsRow
                  key={o.key}
                  label={`${o.occupation}${o.workType ? `（${o.workType}）` : ''} ${o.level}`}
                  counts={o.counts}
                />
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <p className="report-sign">{t('reports.summary.signOff')}</p>
    </section>
  )
}

function CountsRow({ label, counts, strong }: { label: string; counts: BoardCounts; strong?: boolean }) {
  return (
    <tr className={strong ? 'strong' : undefined}>
      <th scope="row">{label}</th>
      <td className="num">{counts.total}</td>
      {BOARD_STATES.map((s) => (
        <td key={s} className="num">
          {counts[s]}
        </td>
      ))}
    </tr>
  )
}
