/**
 * The words an export cell shows for the codes the rows hold: subject, state, method, reason codes (the
 * same short texts as the board's, `board.reasonCode.*`), invoice state, and staff names for ids.
 */
import type { TFunction } from 'i18next'
import type { ExportColumn } from '../../../src-shared/reports-export'
import type { CellText } from './exports'

/** Codes separated by spaces, each through `text`, joined for a reader. */
const each = (v: string | number, text: (code: string) => string, sep: string) =>
  String(v).split(' ').filter(Boolean).map(text).join(sep)

/** `YYYY-MM-DD HH:MM:SS` as the desk's clock showed it (deviceTime carries the desk's offset). */
const deskTime = (v: string | number) => String(v).slice(0, 19).replace('T', ' ')

export function exportCellText(t: TFunction, staffName: (staffId: string) => string | undefined): CellText {
  return (c: ExportColumn, v: string | number): string | number => {
    if (v === '') return v
    switch (c) {
      case 'subject':
        return t(`subject.${v}`)
      case 'state':
        return t(`board.state.${v}`)
      case 'sex':
        return t(`sex.${v}`)
      case 'staffId':
      case 'invoiceStaffId':
      case 'invoiceApprovedBy':
        return staffName(String(v)) ?? v
      case 'method':
        return each(v, (m) => t(`reports.method.${m}`, { defaultValue: m }), ' + ')
      case 'reasons':
        return each(v, (r) => t(`board.reasonCode.${r}`, { defaultValue: r }), '、')
      case 'invoice':
        return t(`reports.invoiceState.${v}`)
      case 'time':
      case 'invoiceTime':
        return deskTime(v)
      default:
        return v
    }
  }
}
