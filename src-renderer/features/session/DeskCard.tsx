import { useEffect, useState } from 'react'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { useLiveQuery } from 'dexie-react-hooks'
import { useTranslation } from 'react-i18next'
import type { AppInfo, DeskIdentity } from '../../../src-shared/bridge'
import { DeskNameForm, DESK_NAME_MAX } from '../../../src-shared/desk'
import { ledger } from '../../db'
import { getSetting, setSetting } from '../../db/ledger'
import { platform } from '../../platform'

function groups(hex: string): string {
  return hex.match(/.{1,4}/g)?.join(' ') ?? hex
}

/** This desk: its name (editable), its identity derived from its key, and what it has recorded. */
export function DeskCard() {
  const { t } = useTranslation()
  const [identity, setIdentity] = useState<DeskIdentity | null>(null)
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const eventCount = useLiveQuery(() => ledger.events.count(), [], 0)
  const ackedSeq = useLiveQuery(async () => (await ledger.sync.get('sync'))?.ackedSeq ?? 0, [], 0)

  const form = useForm<DeskNameForm>({ resolver: zodResolver(DeskNameForm), defaultValues: { name: '' } })

  useEffect(() => {
    platform.deskIdentity().then(setIdentity, (e: unknown) => setError(e instanceof Error ? e.message : String(e)))
    void platform.appInfo().then(setInfo)
    void getSetting(ledger, 'deskName', '').then((name) => form.reset({ name: String(name) }))
  }, [form])

  const nameError = form.formState.errors.name?.message
  return (
    <section className="card" aria-labelledby="desk-heading">
      <h2 id="desk-heading">{t('desk.heading')}</h2>
      <form
        className="desk-name"
        onSubmit={form.handleSubmit(async ({ name }) => {
          await setSetting(ledger, 'deskName', name)
          setSaved(true)
        })}
      >
        <label htmlFor="desk-name">{t('desk.name')}</label>
        <div className="row">
          <input
            id="desk-name"
            placeholder={t('desk.namePlaceholder')}
            aria-invalid={nameError ? true : undefined}
            {...form.register('name', { onChange: () => setSaved(false) })}
          />
          <button type="submit">{t('desk.save')}</button>
          {saved && (
            <span className="ok" role="status">
              {t('desk.saved')}
            </span>
          )}
        </div>
        {nameError && (
          <p className="field-error" role="alert">
            {t(`errors.${nameError}`, { max: DESK_NAME_MAX })}
          </p>
        )}
      </form>
      {error && (
        <p className="field-error" role="alert">
          {t('errors.identityFailed', { message: error })}
        </p>
      )}
      <dl className="facts">
        <dt>{t('desk.deviceId')}</dt>
        <dd data-testid="device-id" className="mono">
          {identity ? groups(identity.deviceId) : t('desk.loading')}
        </dd>
        <dt>{t('desk.platform')}</dt>
        <dd>{info ? t(info.platform === 'electron' ? 'desk.platformElectron' : 'desk.platformWeb') : '…'}</dd>
        <dt>{t('desk.keyProtection')}</dt>
        <dd className={info?.keyProtection === 'weak' ? 'warn' : undefined}>
          {info ? t(`desk.keyProtection_${info.keyProtection}`) : '…'}
        </dd>
        <dt>{t('desk.version')}</dt>
        <dd>{info?.version ?? '…'}</dd>
        <dt>{t('desk.events')}</dt>
        <dd data-testid="event-count">{eventCount}</dd>
        <dt>{t('desk.pending')}</dt>
        <dd data-testid="pending-count">{Math.max(0, eventCount - ackedSeq)}</dd>
      </dl>
    </section>
  )
}
