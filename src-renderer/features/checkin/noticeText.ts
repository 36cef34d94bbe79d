/** One line for the proctor per notice of the check-in machine, from the locale files. */
import type { TFunction } from 'i18next'
import type { Notice } from '../../../src-shared/checkin-machine'
import { localTime } from '../../clock'
import type { Names } from './reasonText'

export function noticeText(t: TFunction, n: Notice, names: Names): string {
  switch (n.code) {
    case 'checklistFirst':
      return t('checkin.checklistFirst')
    case 'verdictChanged':
      return t('desk.notice.verdictChanged')
    case 'noteRecorded':
      return t('checkin.noteRecorded')
    case 'nothingToVoid':
      return t('desk.notice.nothingToVoid')
    case 'noCandidate':
      return t('desk.notice.noCandidate')
    case 'voided':
      return t('desk.notice.voided', { name: n.name })
    case 'invoiceVoided':
      return t('desk.notice.invoiceVoided', { name: n.name })
    case 'invoiceRecorded':
      return t('checkin.invoiceRecorded', { name: n.name })
    case 'invoiceAlready':
      return t('desk.notice.invoiceAlready', {
        name: n.name,
        time: localTime(n.at),
        staff: names.staffWithRole(n.staffId),
      })
    case 'reader':
      return t(`reader.${n.reason}`)
    case 'failed':
      return t('checkin.failed', { message: n.message })
  }
}
