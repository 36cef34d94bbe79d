import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardRow } from '../../../src-shared/board'
import type { SubjectCode } from '../../../src-shared/schemas'
import type { StaffRecord } from '../../db/roster'
import { checkPin } from '../../state/pin-check'

const LISTED = 300

/**
 * The confirmation before a close: everyone still expected, by room and seat, becomes absent. A proctor
 * logged in needs a site manager's PIN here. Nothing is recorded on cancel.
 */
export function CloseSubjectDialog({
  subject,
  absentees,
  current,
  siteManagers,
  roomName,
  onDone,
}: {
  subject: SubjectCode
  absentees: readonly BoardRow[]
  current: StaffRecord
  siteManagers: readonly StaffRecord[]
  roomName: (id: string) => string
  onDone: (approvedBy: string | null) => void
}) {
  const { t } = useTranslation()
  const askPin = current.role !== 'siteManager'
  const [approverId, setApproverId] = useState(siteManagers[0]?.id ?? '')
  const [pin, setPin] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const confirm = async () => {
    if (!askPin) return onDone(current.id)
    const approver = siteManagers.find((s) => s.id === approverId)
    if (!approver) return setError(t('approval.noSiteManager'))
    setBusy(true)
    const r = await checkPin(approver, pin)
    setBusy(false)
    if (r.ok) return onDone(approver.id)
    setPin('')
    setError(
      'locked' in r
        ? t('login.locked', { time: r.locked.toTimeString().slice(0, 5) })
        : t('login.wrongPin', { count: r.remaining }),
    )
  }

  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onDone(null)}>
      <form
        className="dialog close-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={t('board.closeTitle', { subject: t(`subject.${subject}`) })}
        data-testid="close-dialog"
        onSubmit={(e) => {
          e.preventDefault()
          void confirm()
        }}
      >
        <h3>{t('board.closeTitle', { subject: t(`subject.${subject}`) })}</h3>
        <p>{t('board.closeExplain', { count: absentees.length })}</p>
        {absentees.length > 0 && (
          <div className="close-list">
            <table className="data-table" data-testid="close-absentees">
              <thead>
                <tr>
                  <th>{t('board.col.room')}</th>
                  <th>{t('board.col.seat')}</th>
                  <th>{t('board.col.name')}</th>
                  <th>{t('board.col.admitCardNo')}</th>
                </tr>
              </thead>
              <tbody>
                {absentees.slice(0, LISTED).map((r) => (
                  <tr key={r.candidate.admitCardNo}>
                    <td>{roomName(r.roomId)}</td>
                    <td className="num">{r.seat}</td>
                    <td>{r.candidate.name}</td>
                    <td className="mono">{r.candidate.admitCardNo}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {absentees.length > LISTED && (
              <p className="hint">{t('board.more', { count: absentees.length - LISTED })}</p>
            )}
          </div>
        )}
        <p className="warn">{t('board.closeFinal')}</p>
        {askPin && (
          <>
            <label htmlFor="close-approver">{t('approval.siteManager')}</label>
            <select id="close-approver" value={approverId} onChange={(e) => setApproverId(e.target.value)}>
              {siteManagers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <label htmlFor="close-pin">{t('approval.pin')}</label>
            <input
              id="close-pin"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={pin}
              onChange={(e) => setPin(e.target.value)}
            />
          </>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="danger" disabled={busy}>
            {t('board.closeConfirm', { count: absentees.length })}
          </button>
          <button type="button" onClick={() => onDone(null)}>
            {t('approval.cancel')}
          </button>
        </div>
      </form>
    </div>
  )
}
