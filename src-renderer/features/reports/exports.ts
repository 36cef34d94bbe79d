/**
 * The attendance export as files: CSV (UTF-8 with a BOM, so Excel on a Chinese Windows opens it right)
 * and XLSX, both with the columns of EXPORT_COLUMNS under the headings the caller gives (Chinese). The
 * desk, time and ledger head go into the file name of both and into the XLSX's info sheet; the CSV's
 * rows stay the attendance rows alone.
 */
import Papa from 'papaparse'
import { EXPORT_COLUMNS, type ExportColumn, type ExportRow } from '../../../src-shared/reports-export'

export type Headings = Record<ExportColumn, string>
/** Turns coded cells (subject, state, sex, staff id…) into the words a person reads. */
export type CellText = (column: ExportColumn, value: string | number) => string | number

const BOM = '\uFEFF'

/** The table as it goes into both files: the heading row, then one row per export row. */
export function exportTable(rows: readonly ExportRow[], headings: Headings, text: CellText): (string | number)[][] {
  return [EXPORT_COLUMNS.map((c) => headings[c]), ...rows.map((r) => EXPORT_COLUMNS.map((c) => text(c, r[c])))]
}

/** CSV bytes: UTF-8 with BOM, CRLF line ends, every text field quoted where needed. */
export function toCsv(table: (string | number)[][]): Uint8Array {
  // Spreadsheet apps run a cell starting with = + - @ as a formula: quote it as text instead.
  const safe = table.map((row) => row.map((v) => (typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v)))
  return new TextEncoder().encode(BOM + Papa.unparse(safe, { newline: '\r\n' }))
}

/**
 * XLSX bytes: the table on a sheet named `sheetName`, the heading row frozen and bold; then, when given,
 * an info sheet (label, value per line: the desk, the time, the ledger head) that matches the file to data.
 */
export async function toXlsx(
  table: (string | number)[][],
  sheetName: string,
  info?: { sheetName: string; lines: [string, string | number][] },
): Promise<Uint8Array> {
  // Loaded on demand: the library is large and only exports need it.
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
  for (const row of table) ws.addRow(row)
  ws.getRow(1).font = { bold: true }
  ws.columns.forEach((col, i) => {
    const widest = Math.max(...table.map((r) => String(r[i] ?? '').length))
    col.width = Math.min(40, Math.max(8, widest * 1.6))
  })
  if (info) {
    const meta = wb.addWorksheet(info.sheetName)
    for (const line of info.lines) meta.addRow(line)
    meta.getColumn(1).font = { bold: true }
    meta.getColumn(1).width = 16
    meta.getColumn(2).width = 70
  }
  return new Uint8Array(await wb.xlsx.writeBuffer())
}
