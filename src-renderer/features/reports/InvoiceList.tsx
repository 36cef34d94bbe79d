import { useTranslation } from 'react-i18next'
import { wallTime } from '../../../src-shared/reports'
import type { InvoiceList as List } from '../../../src-shared/reports-invoice'
import type { SessionRecord } from '../../db/roster'
import { ReportHeader, type ReportMeta } from './ReportHeader'

export interface InvoiceNames {
  staff(staffId: string | null): string
  desk(deviceId: string): string
}

/**
 * 发票领取清单: everyone who requested an invoice or received one, who handed it over where and when,
 * the site manager's approval of an unrequested one, and a column for the candidate's signature on paper.
 */
export function InvoiceList({
  list,
  session,
  meta,
  names,
}: {
  list: List
  session: SessionRecord
  meta: ReportMeta
  names: InvoiceNames
}) {
  const { t } = useTranslation()
  return (
    <section className="report-page" data-testid="invoices">
      <ReportHeader title={t('reports.invoices.title')} session={session} meta={meta} />
      <p className="report-counts" data-testid="invoice-counts">
        {t('reports.invoices.counts', list.counts)}
      </p>
      <table className="report-table invoice-table">
        <thead>
          <tr>
            <th>{t('reports.col.index')}</th>
            <th>{t('reports.col.name')}</th>
            <th>{t('reports.col.admitCardNo')}</th>
            <th className="nowrap">{t('reports.invoices.requested')}</th>
            <th className="nowrap">{t('reports.invoices.state')}</th>
            <th className="nowrap">{t('reports.invoices.handedOverAt')}</th>
            <th>{t('reports.invoices.handedOverBy')}</th>
            <th className="note">{t('reports.invoices.note')}</th>
            <th className="signature">{t('reports.invoices.signature')}</th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((r, i) => {
            const h = r.handedOver
            return (
              <tr key={r.admitCardNo} data-testid="invoice-row" data-admit-card-no={r.admitCardNo}>
                <td className="num">{i + 1}</td>
                <td className="nowrap">{r.name}</td>
                <td className="mono nowrap">{r.admitCardNo}</td>
                <td className="nowrap">{t(r.requested ? 'reports.invoices.yes' : 'reports.invoices.no')}</td>
                <td className="nowrap">{t(`reports.invoiceState.${r.state}`)}</td>
                <td className="nowrap">{h ? wallTime(h.at) : ''}</td>
                <td>
                  {h ? (
                    <>
                      {names.staff(h.staffId)}
                      <span className="desk-of">{names.desk(h.deviceId)}</span>
                    </>
                  ) : (
                    ''
                  )}
                </td>
                <td className="note">
                  {h?.approvedBy || h?.reason
                    ? t('reports.invoices.approved', {
                        approvedBy: h.approvedBy ? names.staff(h.approvedBy) : '—',
                        reason: h.reason ?? '—',
                      })
                    : ''}
                </td>
                <td className="signature" />
              </tr>
            )
          })}
        </tbody>
      </table>
      {list.rows.length === 0 && <p className="report-counts">{t('reports.invoices.none')}</p>}
      <p className="report-sign">{t('reports.invoices.signOff')}</p>
    </section>
  )
}
