import { zodResolver } from '@hookform/resolvers/zod'
import { useRef, useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import type { StaffRecord } from '../db/roster'
import { checkPin } from '../state/pin-check'
import { Dialog } from './Dialog'

const Form = z.object({
  reason: z.string().trim().min(1, 'reasonEmpty').max(500, 'reasonTooLong'),
  approverId: z.string(),
  pin: z.string(),
})
/** The same form when only a site manager's PIN is asked for (import, settings): no reason. */
const PinOnlyForm = Form.extend({ reason: z.string() })
type Form = z.infer<typeof Form>

export interface ApprovalRequest {
  title: string
  /** When true, a site manager must approve with their PIN (unless one is logged in). */
  needsSiteManager: boolean
  confirmLabel: string
  /** Ask for a reason (default). False: only the site manager's PIN, and `reason` comes back empty. */
  askReason?: boolean
  /** One line under the title: what is being approved. */
  hint?: string
}

/** Who is logged in, and who may approve: what a screen needs to ask for a site manager's PIN. */
export interface Approvers {
  current: StaffRecord
  siteManagers: readonly StaffRecord[]
}

interface Props {
  request: ApprovalRequest
  current: StaffRecord
  siteManagers: readonly StaffRecord[]
  onDone: (result: { reason: string; approvedBy: string } | null) => void
}

/** A reason, and a site manager's PIN when a proctor is logged in. Esc cancels; nothing is recorded then. */
export function ApprovalDialog({ request, current, siteManagers, onDone }: Props) {
  const { t } = useTranslation()
  const askPin = request.needsSiteManager && current.role !== 'siteManager'
  const askReason = request.askReason !== false
  const [pinError, setPinError] = useState<string | null>(null)
  const form = useForm<Form>({
    resolver: zodResolver(askReason ? Form : PinOnlyForm),
    defaultValues: { reason: '', approverId: siteManagers[0]?.id ?? '', pin: '' },
  })
  // Without a reason to type, the PIN is what the site manager types first (not the name list above it).
  const pinInput = useRef<HTMLInputElement | null>(null)
  const { ref: reasonRef, ...reasonField } = form.register('reason')
  const { ref: pinRef, ...pinField } = form.register('pin')
  const reasonError = form.formState.errors.reason?.message

  return (
    <Dialog
      title={request.title}
      onClose={() => onDone(null)}
      testId="approval-dialog"
      {...(askReason ? {} : { initialFocus: pinInput })}
      onSubmit={form.handleSubmit(async (v) => {
        if (!askPin) return onDone({ reason: v.reason, approvedBy: current.id })
        const approver = siteManagers.find((s) => s.id === v.approverId)
        if (!approver) return setPinError(t('approval.noSiteManager'))
        const r = await checkPin(approver, v.pin)
        if (r.ok) return onDone({ reason: v.reason, approvedBy: approver.id })
        form.setValue('pin', '')
        setPinError(
          'locked' in r
            ? t('login.locked', { time: r.locked.toTimeString().slice(0, 5) })
            : t('login.wrongPin', { count: r.remaining }),
        )
      })}
    >
      {request.hint && <p className="hint">{request.hint}</p>}
      {askReason && (
        <>
          <label htmlFor="approval-reason">{t('approval.reason')}</label>
          <textarea
            id="approval-reason"
            rows={2}
            {...reasonField}
            ref={reasonRef}
            onKeyDown={(e) => {
              // Enter submits; Shift+Enter is a new line.
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault()
                e.currentTarget.form?.requestSubmit()
              }
            }}
          />
        </>
      )}
      {reasonError && (
        <p className="field-error" role="alert">
          {t(`errors.${reasonError}`)}
        </p>
      )}
      {askPin && (
        <>
          <label htmlFor="approval-approver">{t('approval.siteManager')}</label>
          <select id="approval-approver" {...form.register('approverId')}>
            {siteManagers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <label htmlFor="approval-pin">{t('approval.pin')}</label>
          <input
            id="approval-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            {...pinField}
            ref={(el) => {
              pinRef(el)
              pinInput.current = el
            }}
          />
          {pinError && (
            <p className="field-error" role="alert">
              {pinError}
            </p>
          )}
        </>
      )}
      <div className="actions">
        <button type="submit" className="primary">
          {request.confirmLabel}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('approval.cancel')}
        </button>
      </div>
    </Dialog>
  )
}
