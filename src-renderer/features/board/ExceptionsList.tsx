import { useTranslation } from 'react-i18next'
import type { BoardException } from '../../../src-shared/board-exceptions'
import { localTime } from '../../clock'

/** Overrides, voids, mismatches, refusals and conflicts of the subject, newest first. */
export function ExceptionsList({
  items,
  candidateName,
  staffName,
}: {
  items: readonly BoardException[]
  candidateName: (admitCardNo: string | undefined) => string
  staffName: (id: string | null) => string
}) {
  const { t } = useTranslation()
  return (
    <section className="board-exceptions" aria-label={t('board.exceptions')}>
      <h3>{t('board.exceptionsN', { count: items.length })}</h3>
      {items.length === 0 && <p className="hint">{t('board.noExceptions')}</p>}
      <ol data-testid="board-exceptions">
        {items.map((x) => (
          <li key={`${x.kind}-${x.eventId}`} className={`exception kind-${x.kind}`} data-kind={x.kind}>
            <span className="tag">{t(`board.kind.${x.kind}`)}</span>
            <span className="when">{localTime(x.at)}</span>
            <span className="who">{candidateName(x.admitCardNo)}</span>
            <span className="what">
              {x.reasons.map((r) => t(`board.reasonCode.${r}`, { defaultValue: r })).join('、')}
              {x.text ? `「${x.text}」` : ''}
              {x.voidOf ? t(`board.voidOf.${x.voidOf}`) : ''}
            </span>
            <span className="by">
              {staffName(x.staffId)}
              {x.approvedBy && x.approvedBy !== x.staffId
                ? ` · ${t('board.approvedBy', { name: staffName(x.approvedBy) })}`
                : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  )
}
