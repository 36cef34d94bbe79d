/** The desk log's last column in words, from the locale files (`log.detail.*`). */
import type { TFunction } from 'i18next'
import { localTime } from '../../clock'
import type { DeskLogDetail } from './desk-log-rows'
import type { Names } from './reasonText'

const codes = (t: TFunction, reasons: readonly string[]) =>
  reasons.map((r) => t(`board.reasonCode.${r}`, { defaultValue: r })).join('、')

export function deskLogDetail(t: TFunction, d: DeskLogDetail, names: Names): string {
  switch (d.kind) {
    case 'checkIn':
      return d.reasons.length > 0 ? t('log.detail.attention', { reasons: codes(t, d.reasons) }) : ''
    case 'refusal': {
      const parts = [d.reasons.length > 0 ? codes(t, d.reasons) : '', d.text ?? ''].filter(Boolean)
      return parts.length > 0 ? t('log.detail.refusal', { reasons: parts.join('；') }) : ''
    }
    case 'override':
      return t('log.detail.override', {
        approvedBy: names.staffWithRole(d.approvedBy),
        reason: d.reason,
        reasons: codes(t, d.reasons),
      })
    case 'void': {
      const what = d.target
        ? t('log.detail.voidOf', { time: localTime(d.target.at), kind: t(`log.${d.target.type}`) })
        : t('log.detail.voidOfUnknown')
      const approved = d.approvedBy ? t('log.detail.approvedBy', { approvedBy: names.staffWithRole(d.approvedBy) }) : ''
      return t('log.detail.void', { what, reason: d.reason }) + approved
    }
    case 'invoiceHandedOver':
      return d.reason
        ? t('log.detail.invoiceUnrequested', { reason: d.reason }) +
            (d.approvedBy ? t('log.detail.approvedBy', { approvedBy: names.staffWithRole(d.approvedBy) }) : '')
        : ''
    case 'note':
      return d.text
    case 'unreadable':
      return t('log.detail.unreadable')
  }
}
