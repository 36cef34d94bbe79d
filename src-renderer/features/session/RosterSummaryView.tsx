import { useTranslation } from 'react-i18next'
import { GroupTimesList } from './GroupTimesList'
import type { Manifest } from '../../../src-shared/package-format'
import type { RosterSummary } from '../../../src-shared/roster-check'
import { localTime } from '../../clock'

const MAX_WARNINGS_SHOWN = 50

/** What the package holds, for the site manager to check before confirming. */
export function RosterSummaryView({ manifest, summary }: { manifest: Manifest; summary: RosterSummary }) {
  const { t } = useTranslation()
  const names = new Map(manifest.candidates.map((c) => [c.admitCardNo, c.name]))
  const warned = Object.entries(summary.warnings)
  return (
    <div className="roster-summary">
      <dl className="facts">
        <dt>{t('session.body')}</dt>
        <dd>{manifest.body.name}</dd>
        <dt>{t('session.name')}</dt>
        <dd>{manifest.session.name}</dd>
        <dt>{t('session.venue')}</dt>
        <dd>{manifest.venue.name}</dd>
        <dt>{t('session.date')}</dt>
        <dd>{manifest.session.date}</dd>
        <dt>{t('session.version')}</dt>
        <dd>{manifest.packageVersion}</dd>
        <dt>{t('import.candidates')}</dt>
        <dd data-testid="summary-candidates">
          {summary.candidates}
          {summary.retakes > 0 && ` （${t('import.retakes', { count: summary.retakes })}）`}
        </dd>
      </dl>
      <GroupTimesList groupTimes={manifest.groupTimes} />
      <div className="summary-tables">
        <table>
          <caption>{t('import.bySubject')}</caption>
          <tbody>
            {manifest.subjects.map((s) => (
              <tr key={s.code}>
                <th>{t(`subject.${s.code}`)}</th>
                <td>
                  {localTime(s.start)}–{localTime(s.end)}
                </td>
                <td className="num">{summary.bySubject[s.code] ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>{t('import.byOccupation')}</caption>
          <tbody>
            {summary.byOccupationLevel.map((o) => (
              <tr key={`${o.occupation}|${o.workType ?? ''}|${o.level}`}>
                <th>
                  {o.occupation}
                  {o.workType ? `（${o.workType}）` : ''}
                </th>
                <td>{o.level}</td>
                <td className="num">{o.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>{t('import.byRoom')}</caption>
          <tbody>
            {summary.byRoom.map((r) => (
              <tr key={`${r.subject}|${r.roomId}`}>
                <th>{r.roomName}</th>
                <td>{t(`subject.${r.subject}`)}</td>
                <td className="num">
                  {r.count} / {r.seats}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4 className={warned.length > 0 ? 'warn' : 'ok'} data-testid="summary-warnings">
        {warned.length > 0 ? t('import.warnings', { count: warned.length }) : t('import.noWarnings')}
      </h4>
      {warned.length > 0 && (
        <ul className="warnings">
          {warned.slice(0, MAX_WARNINGS_SHOWN).map(([no, list]) => (
            <li key={no}>
              <span className="mono">{no}</span> {names.get(no)}：{list.map((w) => t(`warning.${w}`)).join('；')}
            </li>
          ))}
          {warned.length > MAX_WARNINGS_SHOWN && (
            <li>{t('import.moreWarnings', { count: warned.length - MAX_WARNINGS_SHOWN })}</li>
          )}
        </ul>
      )}
    </div>
  )
}
