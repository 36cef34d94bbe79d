import { useTranslation } from 'react-i18next'
import { BOARD_STATES, type BoardCounts, type BoardNumbers as Numbers } from '../../../src-shared/board'

/** The subject's totals as tiles, and per room a stacked bar with its numbers beside it. */
export function BoardNumbers({ numbers, roomName }: { numbers: Numbers; roomName: (id: string) => string }) {
  const { t } = useTranslation()
  return (
    <section className="board-numbers" aria-label={t('board.numbers')}>
      <div className="board-tiles" data-testid="board-totals">
        <div className="tile total">
          <span className="tile-label">{t('board.total')}</span>
          <span className="tile-value" data-testid="board-total-total">
            {numbers.total.total}
          </span>
        </div>
        {BOARD_STATES.map((s) => (
          <div key={s} className={`tile state-${s}`}>
            <span className="tile-label">{t(`board.state.${s}`)}</span>
            <span className="tile-value" data-testid={`board-total-${s}`}>
              {numbers.total[s]}
            </span>
          </div>
        ))}
      </div>
      <table className="room-bars" data-testid="board-rooms">
        <thead>
          <tr>
            <th scope="col">{t('board.col.room')}</th>
            <th scope="col" className="bar-cell" aria-hidden="true" />
            {BOARD_STATES.map((s) => (
              <th key={s} scope="col" className={`num state-${s}`}>
                {t(`board.stateShort.${s}`)}
              </th>
            ))}
            <th scope="col" className="num">
              {t('board.roomTotal')}
            </th>
          </tr>
        </thead>
        <tbody>
          {numbers.rooms.map((r) => (
            <tr key={r.roomId} data-room={r.roomId}>
              <th scope="row">{roomName(r.roomId)}</th>
              <td className="bar-cell">
                <StackedBar counts={r.counts} />
              </td>
              {BOARD_STATES.map((s) => (
                <td
                  key={s}
                  className={`num state-${s}${r.counts[s] === 0 ? ' zero' : ''}`}
                  data-testid={`room-${r.roomId}-${s}`}
                >
                  {r.counts[s]}
                </td>
              ))}
              <td className="num total" data-testid={`room-${r.roomId}-total`}>
                {r.counts.total}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function StackedBar({ counts }: { counts: BoardCounts }) {
  const { t } = useTranslation()
  if (counts.total === 0) return <div className="stacked-bar empty" />
  return (
    <div
      className="stacked-bar"
      role="img"
      aria-label={BOARD_STATES.map((s) => `${t(`board.state.${s}`)} ${counts[s]}`).join('，')}
    >
      {BOARD_STATES.filter((s) => counts[s] > 0).map((s) => (
        <span
          key={s}
          className={`seg state-${s}`}
          style={{ flexGrow: counts[s] }}
          title={`${t(`board.state.${s}`)} ${counts[s]}`}
        />
      ))}
    </div>
  )
}
