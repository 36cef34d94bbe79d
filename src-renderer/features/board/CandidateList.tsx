import { useTranslation } from 'react-i18next'
import type { BoardRow } from '../../../src-shared/board'
import { localTime } from '../../clock'

const SHOWN = 200

/** The filtered candidates with state, check-in time, desk and proctor; long lists are cut with a count. */
export function CandidateList({
  rows,
  roomName,
  staffName,
  deskName,
}: {
  rows: readonly BoardRow[]
  roomName: (id: string) => string
  staffName: (id: string | null) => string
  deskName: (id: string) => string
}) {
  const { t } = useTranslation()
  return (
    <section className="board-list" aria-label={t('board.list')}>
      <h3>{t('board.listN', { count: rows.length })}</h3>
      <table className="data-table" data-testid="board-list">
        <thead>
          <tr>
            <th>{t('board.col.name')}</th>
            <th>{t('board.col.admitCardNo')}</th>
            <th>{t('board.col.room')}</th>
            <th>{t('board.col.seat')}</th>
            <th>{t('board.col.state')}</th>
            <th>{t('board.col.time')}</th>
            <th>{t('board.col.by')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((r) => {
            const c = r.attendance.checkIn
            return (
              <tr key={r.candidate.admitCardNo} data-admit-card={r.candidate.admitCardNo}>
                <td>{r.candidate.name}</td>
                <td className="mono">{r.candidate.admitCardNo}</td>
                <td>{roomName(r.roomId)}</td>
                <td className="num">{r.seat}</td>
                <td>
                  <span className={`state-chip state-${r.attendance.state}`}>
                    {t(`board.state.${r.attendance.state}`)}
                  </span>
                </td>
                <td>{c ? localTime(c.at) : ''}</td>
                <td>{c ? `${staffName(c.staffId)} · ${deskName(c.deviceId)}` : ''}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {rows.length > SHOWN && <p className="hint">{t('board.more', { count: rows.length - SHOWN })}</p>}
    </section>
  )
}
