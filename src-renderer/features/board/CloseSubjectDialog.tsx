import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardRow } from '../../../src-shared/board'
import type { SubjectCode } from '../../../src-shared/schemas'
import { Dialog } from '../../components/Dialog'
import type { StaffRecord } from '../../db/roster'
import { checkPin } from '../../state/pin-check'

const LISTED = 300

/**
 * The confirmation before a close: everyone still expected, by room and seat, becomes absent. A proctor
 * logged in needs a site manager's PIN here. Nothing is recorded on cancel. A close cannot be undone, so
 * the focus starts on Cancel: an Enter pressed from habit does not close the subject.
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
  const cancel = useRef<HTMLButtonElement>(null)

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
    <Dialog
      title={t('board.closeTitle', { subject: t(`subject.${subject}`) })}
      onClose={() => onDone(null)}
      initialFocus={cancel}
      className="close-dialog"
      testId="close-dialog"
      onSubmit={(e) => {
        e.preventDefault()
        void confirm()
      }}
    >
      <p>{t('board.closeExplain', { count: absentees.length })}</p>
      {absentees.length > 0 && (
        // Focusable, so the list can be scrolled with the keyboard.
        <div className="close-list" tabIndex={0} role="region" aria-label={t('board.closeListLabel')}>
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
          {absentees.length > LISTED && <p className="hint">{t('board.more', { count: absentees.length - LISTED })}</p>}
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
        <button type="button" ref={cancel} onClick={() => onDone(null)}>
          {t('approval.cancel')}
        </button>
      </div>
    </Dialog>
  )
}
