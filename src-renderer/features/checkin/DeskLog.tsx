import { useLiveQuery } from 'dexie-react-hooks'
import { memo, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { localTime } from '../../clock'
import { ledger } from '../../db'
import { deskLogEvents, type DeskLogEvents } from '../../db/desk-log'
import type { CandidateRecord } from '../../db/roster'
import { DESK_LOG_TYPES, deskLogRows, type DeskLogRow } from './desk-log-rows'
import { deskLogDetail } from './deskLogText'
import type { Names } from './reasonText'

const LIMIT = 12
const NONE: DeskLogEvents = { events: [], targets: new Map() }

interface Props {
  sessionId: string
  byAdmitCardNo: ReadonlyMap<string, CandidateRecord>
  names: Names
  onVoid: (eventId: string) => void
}

/**
 * The last actions at this desk, newest first, as a table; a check-in not yet voided can be voided from here.
 * Memoised: the scan field re-renders the page on every key, and a scanner's keys come 40 ms apart at most.
 */
export const DeskLog = memo(function DeskLog({ sessionId, byAdmitCardNo, names, onVoid }: Props) {
  const { t } = useTranslation()
  const read = useLiveQuery(() => deskLogEvents(ledger, sessionId, DESK_LOG_TYPES, LIMIT), [sessionId], NONE)
  const rows = useMemo(
    () =>
      deskLogRows(
        read.events,
        { event: (id) => read.targets.get(id), candidateName: (no) => byAdmitCardNo.get(no)?.name },
        LIMIT,
      ),
    [read, byAdmitCardNo],
  )
  return (
    <section className="desk-log" aria-labelledby="desk-log-title" data-testid="desk-log">
      <h3 id="desk-log-title">{t('log.title')}</h3>
      {rows.length === 0 ? (
        <p className="hint">{t('log.empty')}</p>
      ) : (
        <table className="desk-log-table">
          <colgroup>
            <col className="c-time" />
            <col className="c-kind" />
            <col className="c-candidate" />
            <col className="c-subject" />
            <col className="c-staff" />
            <col className="c-detail" />
            <col className="c-action" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('log.col.time')}</th>
              <th scope="col">{t('log.col.kind')}</th>
              <th scope="col">{t('log.col.candidate')}</th>
              <th scope="col">{t('log.col.subject')}</th>
              <th scope="col">{t('log.col.staff')}</th>
              <th scope="col">{t('log.col.detail')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('log.col.action')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Row key={r.eventId} row={r} names={names} onVoid={onVoid} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
})

function Row({ row: r, names, onVoid }: { row: DeskLogRow; names: Names; onVoid: (eventId: string) => void }) {
  const { t } = useTranslation()
  return (
    <tr className={r.voided ? 'voided' : undefined} data-type={r.type}>
      <td className="num">{localTime(r.at)}</td>
      <td>{t(`log.${r.type}`)}</td>
      <td>
        {r.candidate && (
          <>
            <span className="name">{r.candidate.name ?? t('log.notOnRoster')}</span>
            <span className="mono">{r.candidate.admitCardNo}</span>
          </>
        )}
      </td>
      <td>{r.subject ? t(`subject.${r.subject}`) : ''}</td>
      <td>{names.staff(r.staffId)}</td>
      <td className="detail">{deskLogDetail(t, r.detail, names)}</td>
      <td className="action">
        {r.voidable && (
          <button type="button" className="small" onClick={() => onVoid(r.eventId)}>
            {t('log.void')}
          </button>
        )}
        {r.voided && <span className="tag">{t('log.voided')}</span>}
      </td>
    </tr>
  )
}
