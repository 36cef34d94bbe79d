import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SubjectCode } from '../../../src-shared/schemas'
import type { SessionRecord } from '../../db/roster'
import { saveDeskSettings, type DeskSettings } from '../../state/settings'
import { localTime } from '../../clock'

/** Which subject this desk admits for now, and which rooms it serves. */
export function DeskSetup({
  session,
  settings,
  onDone,
}: {
  session: SessionRecord
  settings: DeskSettings
  onDone?: () => void
}) {
  const { t } = useTranslation()
  const [subject, setSubject] = useState<SubjectCode | null>(settings.subject ?? session.subjects[0]?.code ?? null)
  const [rooms, setRooms] = useState<string[]>(settings.rooms)
  return (
    <form
      className="card desk-setup"
      data-testid="desk-setup"
      onSubmit={(e) => {
        e.preventDefault()
        if (!subject) return
        void saveDeskSettings({ subject, rooms }).then(onDone)
      }}
    >
      <h2>{t('setup.title')}</h2>
      <fieldset>
        <legend>{t('setup.subject')}</legend>
        {session.subjects.map((s, i) => (
          <label key={s.code} className="choice">
            <input
              type="radio"
              name="subject"
              value={s.code}
              checked={subject === s.code}
              onChange={() => setSubject(s.code)}
              autoFocus={i === 0}
            />
            {t(`subject.${s.code}`)} {localTime(s.start)}–{localTime(s.end)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('setup.rooms')}</legend>
        <p className="hint">{t('setup.roomsHint')}</p>
        <div className="room-grid">
          {session.rooms.map((r) => (
            <label key={r.id} className="choice">
              <input
                type="checkbox"
                checked={rooms.includes(r.id)}
                onChange={(e) => setRooms((cur) => (e.target.checked ? [...cur, r.id] : cur.filter((x) => x !== r.id)))}
              />
              {r.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary">
          {t('setup.start')}
        </button>
      </div>
    </form>
  )
}
