import { useTranslation } from 'react-i18next'
import type { CheckinAction, DeskDialog, View } from '../../../src-shared/checkin-machine'
import { RECENT_VOID_MINUTES } from '../../../src-shared/staff-rules'
import { ApprovalDialog, type ApprovalRequest } from '../../components/ApprovalDialog'
import type { StaffRecord } from '../../db/roster'
import { localTime } from '../../clock'
import { reasonText, type Names } from './reasonText'

interface Props {
  dialog: DeskDialog
  view: View
  staff: StaffRecord
  siteManagers: readonly StaffRecord[]
  names: Names
  dispatch(action: CheckinAction): void
}

/** The desk's dialogs: each says what is being approved (candidate, subject, reasons) and dispatches the answer. */
export function CheckinDialog({ dialog: d, view, staff, siteManagers, names, dispatch }: Props) {
  const { t } = useTranslation()
  const about =
    'about' in d && d.about
      ? t('desk.dialog.about', { ...d.about, subject: t(`subject.${d.about.subject}`) })
      : undefined
  const shownReasons = (codes: readonly string[]) =>
    view.step === 'verdict'
      ? view.verdict.reasons
          .filter((r) => codes.includes(r.code))
          .map((r) => reasonText(t, r, names))
          .join(' ')
      : codes.join('、')
  const lines = (...xs: (string | undefined | false)[]) => xs.filter(Boolean).join('\n')

  const request = ((): ApprovalRequest => {
    switch (d.kind) {
      case 'override':
        return {
          title: t('checkin.overrideTitle'),
          needsSiteManager: d.needsSiteManager,
          confirmLabel: t('checkin.overrideConfirm'),
          hint: lines(about, t('desk.dialog.overrideReasons', { reasons: shownReasons(d.codes) })),
        }
      case 'refuse':
        return {
          title: t('checkin.refuseTitle'),
          needsSiteManager: false,
          confirmLabel: t('checkin.refuseConfirm'),
          hint: lines(about, d.codes.length > 0 && t('desk.dialog.refuseReasons', { reasons: shownReasons(d.codes) })),
        }
      case 'note':
        return {
          title: t('checkin.noteTitle'),
          needsSiteManager: false,
          confirmLabel: t('checkin.noteConfirm'),
          hint: lines(about),
        }
      case 'void':
        return {
          title: t('checkin.voidTitle'),
          needsSiteManager: d.needsSiteManager,
          confirmLabel: t('checkin.voidConfirm'),
          hint: lines(
            about,
            t(d.what === 'invoice' ? 'desk.dialog.voidInvoice' : 'desk.dialog.voidWhat', {
              time: localTime(d.at),
              staff: names.staffWithRole(d.staffId),
            }),
            d.needsSiteManager && t('desk.dialog.voidOld', { minutes: RECENT_VOID_MINUTES }),
          ),
        }
      case 'invoice':
        return {
          title: t('desk.dialog.invoiceTitle'),
          needsSiteManager: d.needsSiteManager,
          confirmLabel: t('desk.dialog.invoiceConfirm'),
          hint: lines(about, t('desk.dialog.invoiceHint')),
        }
    }
  })()

  const onDone = (r: { reason: string; approvedBy: string } | null) => {
    if (!r) return dispatch({ type: 'closeDialog' })
    const other = r.approvedBy === staff.id ? undefined : r.approvedBy
    switch (d.kind) {
      case 'override':
        return dispatch({ type: 'override', approvedBy: r.approvedBy, reason: r.reason })
      case 'refuse':
        return dispatch({ type: 'refuse', reason: r.reason })
      case 'note':
        return dispatch({ type: 'note', text: r.reason })
      case 'void':
        return dispatch({
          type: 'void',
          targetEventId: d.targetEventId,
          reason: r.reason,
          ...(other ? { approvedBy: other } : {}),
        })
      case 'invoice':
        return dispatch({ type: 'invoice', reason: r.reason, approvedBy: r.approvedBy })
    }
  }

  return <ApprovalDialog request={request} current={staff} siteManagers={siteManagers} onDone={onDone} />
}
