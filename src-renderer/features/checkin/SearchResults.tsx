import { useTranslation } from 'react-i18next'
import { maskIdNumber, normalizeIdNumber } from '../../../src-shared/id-documents'
import type { SearchHit } from '../../../src-shared/search'
import type { DeskData } from '../../state/desk-data'

/** Candidates matching a typed name, pinyin, initials, admit card number or ID tail; ↑ ↓ and Enter. */
export function SearchResults({
  hits,
  selected,
  data,
  onPick,
}: {
  hits: readonly SearchHit[]
  selected: number
  data: DeskData
  onPick: (no: string) => void
}) {
  const { t } = useTranslation()
  if (hits.length === 0)
    return (
      <p className="notice" data-testid="no-results">
        {t('checkin.noResults')}
      </p>
    )
  return (
    <ul className="search-results" role="listbox" aria-label={t('checkin.results')} data-testid="search-results">
      {hits.map((h, i) => {
        const c = data.byAdmitCardNo.get(h.admitCardNo)
        if (!c) return null
        return (
          <li
            key={h.admitCardNo}
            role="option"
            aria-selected={i === selected}
            className={i === selected ? 'selected' : undefined}
            onClick={() => onPick(h.admitCardNo)}
          >
            <strong>{c.name}</strong>
            <span className="mono">{c.admitCardNo}</span>
            <span className="mono">{maskIdNumber(normalizeIdNumber(c.idDocument.number))}</span>
            <span className="muted">
              {c.occupation} · {c.level}
            </span>
          </li>
        )
      })}
    </ul>
  )
}
