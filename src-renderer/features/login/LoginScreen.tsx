import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionRecord, StaffRecord } from '../../db/roster'
import { useAuth } from '../../state/auth'
import { checkPin } from '../../state/pin-check'
import { useLiveQuery } from 'dexie-react-hooks'
import { staffOf } from '../../db/reads'

/** Pick yourself (↑ ↓ or click), type your PIN, Enter. Five wrong PINs lock that person for a while. */
export function LoginScreen({ session }: { session: SessionRecord }) {
  const { t } = useTranslation()
  const { login } = useAuth()
  const staff = useLiveQuery(() => staffOf(session.activeRosterId), [session.activeRosterId], [] as StaffRecord[])
  const [selected, setSelected] = useState(0)
  const [pin, setPin] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const pinRef = useRef<HTMLInputElement>(null)
  useEffect(() => pinRef.current?.focus(), [selected, staff.length])
  const person = staff[selected]

  return (
    <div className="login-screen">
      <form
        className="card login-card"
        onSubmit={async (e) => {
          e.preventDefault()
          if (!person || busy) return
          setBusy(true)
          try {
            const r = await checkPin(person, pin)
            setPin('')
            if (r.ok) return await login(person)
            setError(
              'locked' in r
                ? t('login.locked', { time: r.locked.toTimeString().slice(0, 5) })
                : t('login.wrongPin', { count: r.remaining }),
            )
          } finally {
            setBusy(false)
          }
        }}
      >
        <h2>{t('login.title')}</h2>
        <p className="hint">{session.session.name}</p>
        <ul className="staff-list" role="listbox" aria-label={t('login.who')}>
          {staff.map((s, i) => (
            <li
              key={s.id}
              role="option"
              aria-selected={i === selected}
              className={i === selected ? 'selected' : undefined}
              onClick={() => {
                setSelected(i)
                setError(null)
              }}
            >
              <strong>{s.name}</strong> <span className="muted">{t(`role.${s.role}`)}</span>
            </li>
          ))}
        </ul>
        <label htmlFor="pin">{t('login.pin', { name: person?.name ?? '' })}</label>
        <input
          id="pin"
          ref={pinRef}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          data-testid="pin"
          onChange={(e) => setPin(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault()
              setSelected((i) =>
                staff.length ? (i + (e.key === 'ArrowDown' ? 1 : -1) + staff.length) % staff.length : 0,
              )
              setError(null)
            }
          }}
        />
        {error && (
          <p className="field-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('login.submit')}
          </button>
        </div>
        <p className="hint">{t('login.keys')}</p>
      </form>
    </div>
  )
}
