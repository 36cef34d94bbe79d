import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { absenteeList, attendanceSheets, exportFileName, exportInfo, sessionSummary } from '../../../src-shared/reports'
import { attendanceExportRows, EXPORT_COLUMNS } from '../../../src-shared/reports-export'
import { invoiceList } from '../../../src-shared/reports-invoice'
import type { SubjectCode } from '../../../src-shared/schemas'
import { canDo } from '../../../src-shared/staff-rules'
import { ApprovalDialog } from '../../components/ApprovalDialog'
import type { SessionRecord, StaffRecord } from '../../db/roster'
import { platform } from '../../platform'
import { useAttendance, useLedgerHead } from '../../state/attendance'
import type { DeskData } from '../../state/desk-data'
import { AbsenteeReport } from './AbsenteeReport'
import { AttendanceSheets } from './AttendanceSheets'
import { exportTable, toCsv, toXlsx, type Headings } from './exports'
import { exportCellText } from './exportText'
import { InvoiceList } from './InvoiceList'
import { SummaryReport } from './SummaryReport'
import './reports.css'

type Kind = 'sheet' | 'absentees' | 'summary' | 'invoices'

interface Props {
  session: SessionRecord
  data: DeskData
  staff: StaffRecord
  deviceId: string
  deskName: string
}

/** Reports to print (签到表, 缺考名单, 场次汇总, 发票领取清单) and the attendance export (CSV, XLSX). */
export function ReportsPage({ session, data, staff, deviceId, deskName }: Props) {
  const { t } = useTranslation()
  const att = useAttendance(session, data)
  const head = useLedgerHead()
  const [kind, setKind] = useState<Kind>('sheet')
  const [subject, setSubject] = useState<SubjectCode>(session.subjects[0]!.code)
  const [roomId, setRoomId] = useState('')
  const [printedAt, setPrintedAt] = useState(() => new Date())
  const [notice, setNotice] = useState<string | null>(null)
  const [pending, setPending] = useState<'csv' | 'xlsx' | null>(null)
  const roomNames = useMemo(() => new Map(session.rooms.map((r) => [r.id, r.name])), [session.rooms])
  const meta = { deskName, deviceId, printedAt, head }
  const names = useMemo(
    () => ({
      staff: (id: string | null) => (id ? (data.staffById.get(id)?.name ?? id) : '—'),
      desk: (id: string) => (id === deviceId ? deskName || id.slice(0, 8) : id.slice(0, 8)),
    }),
    [data.staffById, deviceId, deskName],
  )

  const sheets = useMemo(
    () => attendanceSheets(att, subject, session.rooms).filter((s) => roomId === '' || s.roomId === roomId),
    [att, subject, session.rooms, roomId],
  )
  const absentees = useMemo(() => absenteeList(att, subject), [att, subject])
  const summary = useMemo(() => sessionSummary(att, session.subjects, session.rooms), [att, session])
  const invoices = useMemo(() => invoiceList(att, data.ledgerView), [att, data.ledgerView])

  const fileBase = `${session.session.id}-${t(`reports.kind.${kind}`)}`
  const print = async () => {
    setNotice(null)
    const at = new Date()
    setPrintedAt(at)
    // Let React paint the new print time before the page is captured.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
    try {
      const pdf = await platform.printPage({ landscape: false })
      if (pdf) {
        const saved = await platform.saveFile(exportFileName(fileBase, { deskName, deviceId, at, head }, 'pdf'), pdf, [
          { name: 'PDF', extensions: ['pdf'] },
        ])
        if (saved) setNotice(t('reports.savedPdf'))
      }
    } catch (err) {
      setNotice(t('reports.failed', { message: err instanceof Error ? err.message : String(err) }))
    }
  }

  const exportAs = async (format: 'csv' | 'xlsx') => {
    setNotice(null)
    try {
      const headings = Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, t(`reports.column.${c}`)])) as Headings
      const text = exportCellText(t, (id) => data.staffById.get(id)?.name)
      const table = exportTable(
        attendanceExportRows(att, session.subjects, session.rooms, data.ledgerView),
        headings,
        text,
      )
      // The desk, the time and the ledger head the rows were derived from: in the file name of both
      // files and on the XLSX's info sheet, so a file found later can be matched to the ledger.
      const stamp = { deskName, deviceId, at: new Date(), head }
      const base = `${session.session.id}-${t('reports.exportName')}`
      const info = exportInfo(stamp, {
        venue: session.venue.name,
        session: `${session.session.name} · ${session.session.date}`,
        exportedBy: staff.name,
        rows: table.length - 1,
      }).map(([k, v]): [string, string | number] => [t(`reports.info.${k}`), v])
      const saved =
        format === 'csv'
          ? await platform.saveFile(exportFileName(base, stamp, 'csv'), toCsv(table), [
              { name: 'CSV', extensions: ['csv'] },
            ])
          : await platform.saveFile(
              exportFileName(base, stamp, 'xlsx'),
              await toXlsx(table, t('reports.exportName'), { sheetName: t('reports.info.sheet'), lines: info }),
              [{ name: 'Excel', extensions: ['xlsx'] }],
            )
      if (saved) setNotice(t('reports.exported', { count: table.length - 1 }))
    } catch (err) {
      setNotice(t('reports.failed', { message: err instanceof Error ? err.message : String(err) }))
    }
  }
  const startExport = (format: 'csv' | 'xlsx') =>
    canDo(staff.role, 'export') ? void exportAs(format) : setPending(format)

  return (
    <div className="reports-page" data-testid="reports">
      <div className="reports-toolbar no-print">
        <div className="subject-tabs" role="tablist">
          {(['sheet', 'absentees', 'summary', 'invoices'] as const).map((k) => (
            <button key={k} type="button" role="tab" aria-selected={k === kind} onClick={() => setKind(k)}>
              {t(`reports.kind.${k}`)}
            </button>
          ))}
        </div>
        {(kind === 'sheet' || kind === 'absentees') && (
          <label>
            {t('reports.subject')}
            <select
              value={subject}
              onChange={(e) => setSubject(e.target.value as SubjectCode)}
              data-testid="report-subject"
            >
              {session.subjects.map((s) => (
                <option key={s.code} value={s.code}>
                  {t(`subject.${s.code}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'sheet' && (
          <label>
            {t('reports.room')}
            <select value={roomId} onChange={(e) => setRoomId(e.target.value)} data-testid="report-room">
              <option value="">{t('reports.allRooms')}</option>
              {session.rooms.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => void print()} data-testid="print">
          {platform.kind === 'electron' ? t('reports.savePdf') : t('reports.print')}
        </button>
        <button type="button" onClick={() => startExport('csv')} data-testid="export-csv">
          {t('reports.exportCsv')}
        </button>
        <button type="button" onClick={() => startExport('xlsx')} data-testid="export-xlsx">
          {t('reports.exportXlsx')}
        </button>
      </div>
      {notice && (
        <p className="notice no-print" data-testid="reports-notice">
          {notice}
        </p>
      )}
      <div className="report-document">
        {kind === 'sheet' && <AttendanceSheets sheets={sheets} session={session} meta={meta} />}
        {kind === 'absentees' && (
          <AbsenteeReport list={absentees} session={session} meta={meta} roomName={(id) => roomNames.get(id) ?? id} />
        )}
        {kind === 'summary' && <SummaryReport summary={summary} session={session} meta={meta} />}
        {kind === 'invoices' && <InvoiceList list={invoices} session={session} meta={meta} names={names} />}
      </div>
      {pending && (
        <ApprovalDialog
          request={{
            title: t('reports.exportApproval'),
            needsSiteManager: true,
            confirmLabel: t('reports.exportConfirm'),
          }}
          current={staff}
          siteManagers={[...data.staffById.values()].filter((s) => s.role === 'siteManager')}
          onDone={(r) => {
            const format = pending
            setPending(null)
            if (r) void exportAs(format)
          }}
        />
      )}
    </div>
  )
}
