import { useTranslation } from 'react-i18next'
import type { GroupTimes } from '../../../src-shared/schemas'
import { localTime } from '../../clock'

/** The occupation + level groups that sit a subject at their own times (nothing when there are none). */
export function GroupTimesList({ groupTimes }: { groupTimes: readonly GroupTimes[] | undefined }) {
  const { t } = useTranslation()
  if (!groupTimes || groupTimes.length === 0) return null
  return (
    <div className="group-times" data-testid="group-times">
      <p className="session-meta">{t('session.groupTimes')}</p>
      <ul>
        {groupTimes.map((g) => (
          <li key={`${g.subject}|${g.occupation}|${g.level}`}>
            {g.occupation} {g.level} · {t(`subject.${g.subject}`)} {localTime(g.start)}–{localTime(g.end)}
          </li>
        ))}
      </ul>
    </div>
  )
}
