import { useEffect, useState } from 'react'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { useLiveQuery } from 'dexie-react-hooks'
import { useTranslation } from 'react-i18next'
import type { AppInfo, DeskIdentity } from '../../../src-shared/bridge'
import { canDo } from '../../../src-shared/staff-rules'
import { DeskSettingsForm, DESK_NAME_MAX, IDLE_MINUTES_MAX } from '../../../src-shared/desk'
import { ApprovalDialog, type Approvers } from '../../components/ApprovalDialog'
import { platform } from '../../platform'
import { loadDeskSettings, saveDeskSettings } from '../../state/settings'
import { ackedSeq, eventCount } from '../../db/reads'

function groups(hex: string): string {
  return hex.match(/.{1,4}/g)?.join(' ') ?? hex
}

/**
 * This desk: its settings (name, idle lock), its identity derived from its key, and what it has recorded.
 * With a proctor logged in, saving the settings asks for a site manager's PIN.
 */
export function DeskCard({ approvers }: { approvers?: Approvers | undefined }) {
  const { t } = useTranslation()
  const [identity, setIdentity] = useState<DeskIdentity | null>(null)
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const events = useLiveQuery(eventCount, [], 0)
  const acked = useLiveQuery(ackedSeq, [], 0)

  const [awaiting, setAwaiting] = useState<DeskSettingsForm | null>(null)
  const form = useForm<DeskSettingsForm>({
    resolver: zodResolver(DeskSettingsForm),
    defaultValues: { name: '', idleMinutes: 10 },
  })

  useEffect(() => {
    platform.deskIdentity().then(setIdentity, (e: unknown) => setError(e instanceof Error ? e.message : String(e)))
    void platform.appInfo().then(setInfo)
    // What the desk holds, without wiping a field the site manager already started typing in.
    void loadDeskSettings().then((s) =>
      form.reset({ name: s.deskName, idleMinutes: s.idleMinutes }, { keepDirtyValues: true }),
    )
  }, [form])

  const save = async (v: DeskSettingsForm) => {
    await saveDeskSettings({ deskName: v.name, idleMinutes: v.idleMinutes })
    setSaved(true)
  }
  const nameError = form.formState.errors.name?.message
  const idleError = form.formState.errors.idleMinutes?.message
  return (
    <section className="card" aria-labelledby="desk-heading">
      <h2 id="desk-heading">{t('desk.heading')}</h2>
      <form
        className="desk-name"
        noValidate // the rules' own messages, in the desk's language, not the browser's
        onSubmit={form.handleSubmit(async (v) => {
          if (approvers && !canDo(approvers.current.role, 'settings')) setAwaiting(v)
          else await save(v)
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
        <label htmlFor="idle-minutes">{t('desk.idleMinutes')}</label>
        <div className="row">
          <input
            id="idle-minutes"
            type="number"
            min={0}
            max={IDLE_MINUTES_MAX}
            className="narrow"
            aria-invalid={idleError ? true : undefined}
            {...form.register('idleMinutes', { valueAsNumber: true, onChange: () => setSaved(false) })}
          />
          <span className="hint">{t('desk.idleMinutesHint')}</span>
        </div>
        {idleError && (
          <p className="field-error" role="alert">
            {t(`errors.${idleError}`, { max: IDLE_MINUTES_MAX })}
          </p>
        )}
      </form>
      {awaiting && approvers && (
        <ApprovalDialog
          request={{
            title: t('desk.settingsApproval'),
            needsSiteManager: true,
            askReason: false,
            confirmLabel: t('desk.save'),
          }}
          current={approvers.current}
          siteManagers={approvers.siteManagers}
          onDone={(r) => {
            const values = awaiting
            setAwaiting(null)
            if (r) void save(values)
          }}
        />
      )}
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
        <dd data-testid="event-count">{events}</dd>
        <dt>{t('desk.pending')}</dt>
        <dd data-testid="pending-count">{Math.max(0, events - acked)}</dd>
      </dl>
    </section>
  )
}
