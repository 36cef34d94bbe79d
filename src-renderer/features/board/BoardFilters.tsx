import { useTranslation } from 'react-i18next'
import { BOARD_STATES, type BoardFilter, type BoardState, boardFilterOptions } from '../../../src-shared/board'

type Options = ReturnType<typeof boardFilterOptions>

/** Room, occupation + level, group and state selects, and the desk's search (name, pinyin, initials, numbers). */
export function BoardFilters({
  filter,
  options,
  roomName,
  onChange,
}: {
  filter: BoardFilter
  options: Options
  roomName: (id: string) => string
  onChange: (f: BoardFilter) => void
}) {
  const { t } = useTranslation()
  const set = (key: keyof BoardFilter, value: string) => {
    const next = { ...filter }
    if (value === '') delete next[key]
    else (next as Record<string, string>)[key] = value
    onChange(next)
  }
  return (
    <div className="board-filters" data-testid="board-filters">
      <label>
        {t('board.filter.room')}
        <select value={filter.roomId ?? ''} onChange={(e) => set('roomId', e.target.value)} data-testid="filter-room">
          <option value="">{t('board.filter.all')}</option>
          {options.rooms.map((id) => (
            <option key={id} value={id}>
              {roomName(id)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('board.filter.occupation')}
        <select value={filter.occupationKey ?? ''} onChange={(e) => set('occupationKey', e.target.value)}>
          <option value="">{t('board.filter.all')}</option>
          {options.occupations.map((o) => (
            <option key={o.key} value={o.key}>
              {o.occupation}
              {o.workType ? `（${o.workType}）` : ''} {o.level}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('board.filter.group')}
        <select value={filter.group ?? ''} onChange={(e) => set('group', e.target.value)}>
          <option value="">{t('board.filter.all')}</option>
          {options.groups.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('board.filter.state')}
        <select
          value={filter.state ?? ''}
          onChange={(e) => set('state', e.target.value as BoardState | '')}
          data-testid="filter-state"
        >
          <option value="">{t('board.filter.all')}</option>
          {BOARD_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`board.state.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        {t('board.filter.search')}
        <input
          type="search"
          value={filter.query ?? ''}
          placeholder={t('board.filter.searchPlaceholder')}
          onChange={(e) => set('query', e.target.value)}
          data-testid="board-search"
        />
      </label>
    </div>
  )
}
