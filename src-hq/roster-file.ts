/**
 * Reading a roster as HQs export it: CSV (UTF-8 with or without BOM, or GB18030) or XLSX (first
 * sheet), headers in Chinese or English (roster-columns.ts). Every problem is reported, located the
 * way the spreadsheet shows it (header = row 1) with the column's Chinese name:
 *   第 7 行「证件号码」：校验位错误（居民身份证）
 *
 * Reason codes of RosterError.reason:
 * | reason            | meaning                                                              |
 * | ----------------- | -------------------------------------------------------------------- |
 * | `empty`           | the file has no header row                                            |
 * | `missingColumns`  | required columns are absent (one error naming all of them)            |
 * | `missingValue`    | a required cell is empty                                              |
 * | `sex` `date` `idType` `seat` `yesNo` | the cell cannot be read as that kind of value      |
 * | `format` `checkDigit` `birthDate` | the document number fails validateIdDocument          |
 * | `numericCell`     | an XLSX number cell too long for a double (Excel rounded it)          |
 * | `admitCardNo`     | not 4–32 letters, digits or hyphens                                   |
 * | `sexMismatch` `birthDateMismatch` | the column disagrees with what the document number encodes |
 * | `noSitting`       | neither theory nor skills room and seat given                         |
 * | `halfSitting`     | a room without a seat or a seat without a room                        |
 * | `duplicateAdmitCardNo` `duplicateDocument` `seatTaken` | clashes with an earlier row        |
 * | `seatOutOfRange`  | seat beyond the --seats given for rooms                               |
 */
import { extname } from 'node:path'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { Candidate, type Room, type Sitting, type SubjectCode } from '../src-shared/schemas'
import { FILE_KINDS, InputError, mustExist, readInputFile } from './cli-errors'
import {
  ROSTER_COLUMNS,
  cellText,
  columnOfHeader,
  parseDate,
  parseIdNumber,
  parseIdType,
  parseSeat,
  parseSex,
  parseYesNo,
  type Cell,
  type RosterColumn,
  type RosterField,
} from './roster-columns'

/** A sheet as read: the header and the data rows with their spreadsheet row numbers. */
export interface Table {
  header: Cell[]
  rows: { row: number; cells: Cell[] }[]
}

export interface RosterError {
  /** Spreadsheet row (header = 1); 1 for header problems. */
  row: number
  /** Chinese column name, when one column is at fault. */
  column?: string
  reason: string
  /** One line of Chinese, ready to print. */
  text: string
}

export interface Roster {
  candidates: Candidate[]
  rooms: Room[]
}

export type RosterResult = { ok: true; roster: Roster } | { ok: false; errors: RosterError[] }

/** Read CSV or XLSX (chosen by extension) into a Table. */
export async function readTable(path: string): Promise<Table> {
  const ext = extname(path).toLowerCase()
  if (ext !== '.xlsx' && ext !== '.csv' && ext !== '.txt')
    throw new InputError([
      `不支持的名单文件类型「${ext || '（无扩展名）'}」，请用 .csv 或 .xlsx：${path} / unsupported roster file type`,
    ])
  if (ext !== '.xlsx') return csvTable(await readInputFile(FILE_KINDS.roster, path))
  await mustExist(FILE_KINDS.roster, path)
  try {
    return await readXlsx(path)
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err)
    throw new InputError([
      `名单文件不是有效的 XLSX 工作簿（${why}）：${path} / the roster file is not a valid XLSX workbook`,
    ])
  }
}

/** CSV bytes → Table: UTF-8 (BOM optional), falling back to GB18030 as Excel on Chinese Windows writes it. */
export function csvTable(bytes: Uint8Array): Table {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    text = new TextDecoder('gb18030').decode(bytes)
  }
  text = text.replace(/^\uFEFF/, '')
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false })
  const lines = parsed.data
  const rows = lines
    .map((cells, i) => ({ row: i + 1, cells: cells as Cell[] }))
    .filter((r) => r.row > 1 && r.cells.some((c) => cellText(c) !== ''))
  return { header: (lines[0] ?? []) as Cell[], rows }
}

async function readXlsx(path: string): Promise<Table> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(path)
  const sheet = workbook.worksheets[0]
  if (!sheet) return { header: [], rows: [] }
  let header: Cell[] = []
  const rows: Table['rows'] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = xlsxValue(cell.value)
    })
    if (rowNumber === 1) header = cells
    else if (cells.some((c) => cellText(c) !== '')) rows.push({ row: rowNumber, cells })
  })
  return { header, rows }
}

/** An exceljs cell value (rich text, formula, hyperlink …) as a plain Cell. */
function xlsxValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('')
    if ('result' in v) return xlsxValue(v.result as ExcelJS.CellValue)
    if ('text' in v) return String(v.text)
  }
  return String(v)
}

/** Turn a Table into candidates and rooms, or every error found. */
export function parseRoster(table: Table, options: { seats?: number } = {}): RosterResult {
  if (table.header.length === 0)
    return { ok: false, errors: [{ row: 1, reason: 'empty', text: '第 1 行：文件为空，缺少表头' }] }
  const index = new Map<RosterField, number>()
  const written = new Map<RosterField, string>()
  table.header.forEach((h, i) => {
    const col = columnOfHeader(cellText(h))
    if (col && !index.has(col.field)) {
      index.set(col.field, i)
      written.set(col.field, cellText(h))
    }
  })
  const label = columnLabel(written)
  const missing = ROSTER_COLUMNS.filter((c) => c.required && !index.has(c.field))
  const noRooms = !index.has('theoryRoom') && !index.has('skillsRoom')
  if (missing.length > 0 || noRooms) {
    const names = [
      ...missing.map(label),
      ...(noRooms ? [`${label(col('theoryRoom'))}或${label(col('skillsRoom'))}`] : []),
    ]
    return {
      ok: false,
      errors: [{ row: 1, reason: 'missingColumns', text: `第 1 行（表头）：缺少列 ${names.join('、')}` }],
    }
  }
  const errors: RosterError[] = []
  const candidates: Candidate[] = []
  const seen = {
    cards: new Map<string, number>(),
    documents: new Map<string, number>(),
    seats: new Map<string, number>(),
  }
  const roomSeats = new Map<string, number>()
  for (const { row, cells } of table.rows) {
    const rowErrors: RosterError[] = []
    const fail = (c: RosterColumn | string, reason: string, message: string) => {
      const column = typeof c === 'string' ? c : c.zh
      const known = typeof c === 'string' ? columnOfHeader(c) : c
      rowErrors.push({ row, column, reason, text: `第 ${row} 行${known ? label(known) : `「${column}」`}：${message}` })
    }
    const candidate = readRow(cells, index, fail, seen, row)
    if (candidate && rowErrors.length === 0) {
      for (const s of candidate.sittings) {
        roomSeats.set(s.roomId, Math.max(roomSeats.get(s.roomId) ?? 0, s.seat))
        if (options.seats !== undefined && s.seat > options.seats) {
          fail(
            s.subject === 'theory' ? '理论座位号' : '技能座位号',
            'seatOutOfRange',
            `座位号 ${s.seat} 超过每考场 ${options.seats} 个座位`,
          )
        }
      }
      if (rowErrors.length === 0) candidates.push(candidate)
    }
    errors.push(...rowErrors)
  }
  if (table.rows.length === 0) errors.push({ row: 2, reason: 'empty', text: '第 2 行：名单中没有考生' })
  if (errors.length > 0) return { ok: false, errors }
  const rooms = [...roomSeats].map(([name, max]) => ({ id: name, name, seats: Math.max(max, options.seats ?? 0) }))
  rooms.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }))
  return { ok: true, roster: { candidates, rooms } }
}

const ASCII = /^[\x20-\x7e]+$/

/**
 * How messages name a column: by its Chinese name, as Chinese sheets and the desk call it; on a sheet
 * with English headers also as the sheet writes it (or, for a column it lacks, in the sheet's style:
 * `idNumber` or `id number`), so the person can find it: 「证件号码」(idNumber).
 */
function columnLabel(written: ReadonlyMap<RosterField, string>): (c: RosterColumn) => string {
  const headers = [...written.values()]
  const english = headers.filter((h) => ASCII.test(h)).length * 2 > headers.length
  if (!english) return (c) => `「${c.zh}」`
  const spaced = headers.some((h) => /\s/.test(h))
  const own = (c: RosterColumn) =>
    written.get(c.field) ?? (spaced ? c.aliases.find((a) => ASCII.test(a) && a.includes(' ')) : undefined) ?? c.field
  return (c) => `「${c.zh}」(${own(c)})`
}

type Fail = (col: RosterColumn | string, reason: string, message: string) => void
type Seen = { cards: Map<string, number>; documents: Map<string, number>; seats: Map<string, number> }

const COLUMN = new Map(ROSTER_COLUMNS.map((c) => [c.field, c]))
const col = (f: RosterField) => COLUMN.get(f)!

/** One row → a candidate, reporting every problem through fail (null when the row cannot be built). */
function readRow(
  cells: Cell[],
  index: Map<RosterField, number>,
  fail: Fail,
  seen: Seen,
  row: number,
): Candidate | null {
  const get = (f: RosterField): Cell => (index.has(f) ? cells[index.get(f)!] : undefined)
  const text = (f: RosterField) => cellText(get(f))
  let complete = true
  for (const c of ROSTER_COLUMNS) {
    if (c.required && text(c.field) === '') {
      fail(c, 'missingValue', '不能为空')
      complete = false
    }
  }
  if (!complete) return null
  const admitCardNo = text('admitCardNo').normalize('NFKC')
  if (!Candidate.shape.admitCardNo.safeParse(admitCardNo).success)
    fail(col('admitCardNo'), 'admitCardNo', '应为 4–32 位字母、数字或连字符')
  const sex = parseSex(get('sex'))
  if (!sex.ok) fail(col('sex'), sex.reason, sex.message)
  const birthDate = parseDate(get('birthDate'))
  if (!birthDate.ok) fail(col('birthDate'), birthDate.reason, birthDate.message)
  const idType = parseIdType(get('idType'))
  if (!idType.ok) fail(col('idType'), idType.reason, idType.message)
  const idNumber = idType.ok ? parseIdNumber(get('idNumber'), idType.value) : null
  if (idNumber && !idNumber.ok) fail(col('idNumber'), idNumber.reason, idNumber.message)
  if (idNumber?.ok && sex.ok && idNumber.value.sex && idNumber.value.sex !== sex.value) {
    fail(col('sex'), 'sexMismatch', '与证件号码所含性别不一致')
  }
  if (idNumber?.ok && birthDate.ok && idNumber.value.birthDate && idNumber.value.birthDate !== birthDate.value) {
    fail(col('birthDate'), 'birthDateMismatch', `与证件号码所含出生日期 ${idNumber.value.birthDate} 不一致`)
  }
  const invoice = parseYesNo(get('invoice'))
  if (!invoice.ok) fail(col('invoice'), invoice.reason, invoice.message)
  const sittings = readSittings(get, text, fail)
  if (!sex.ok || !birthDate.ok || !idType.ok || !idNumber?.ok || !invoice.ok || sittings === null) return null

  const clash = (
    map: Map<string, number>,
    key: string,
    c: RosterColumn | string,
    reason: string,
    what: string,
  ): void => {
    const earlier = map.get(key)
    if (earlier !== undefined) fail(c, reason, `与第 ${earlier} 行${what}重复`)
    else map.set(key, row)
  }
  clash(seen.cards, admitCardNo, col('admitCardNo'), 'duplicateAdmitCardNo', '准考证号')
  clash(seen.documents, `${idType.value}:${idNumber.value.number}`, col('idNumber'), 'duplicateDocument', '证件号码')
  for (const s of sittings) {
    const seatColumn = s.subject === 'theory' ? '理论座位号' : '技能座位号'
    clash(seen.seats, `${s.subject}:${s.roomId}:${s.seat}`, seatColumn, 'seatTaken', '同一科目的考场座位')
  }
  const issuingCountry = text('issuingCountry').toUpperCase()
  return {
    admitCardNo,
    name: text('name'),
    sex: sex.value,
    birthDate: birthDate.value,
    idDocument: { type: idType.value, number: idNumber.value.number, ...(issuingCountry ? { issuingCountry } : {}) },
    occupation: text('occupation'),
    ...(text('workType') ? { workType: text('workType') } : {}),
    level: text('level'),
    sittings,
    ...(text('group') ? { group: text('group') } : {}),
    ...(text('photo') ? { photo: text('photo') } : {}),
    invoiceRequested: invoice.value,
  }
}

const SITTING_COLUMNS: readonly [SubjectCode, RosterField, RosterField][] = [
  ['theory', 'theoryRoom', 'theorySeat'],
  ['skills', 'skillsRoom', 'skillsSeat'],
]

/** The subjects a row registers for: a room and a seat each; only one means a retake candidate. */
function readSittings(get: (f: RosterField) => Cell, text: (f: RosterField) => string, fail: Fail): Sitting[] | null {
  const sittings: Sitting[] = []
  let ok = true
  for (const [subject, roomField, seatField] of SITTING_COLUMNS) {
    const room = text(roomField)
    const seatText = text(seatField)
    if (room === '' && seatText === '') continue
    if (room === '' || seatText === '') {
      fail(col(room === '' ? roomField : seatField), 'halfSitting', '考场和座位号须同时填写')
      ok = false
      continue
    }
    const seat = parseSeat(get(seatField))
    if (!seat.ok) {
      fail(col(seatField), seat.reason, seat.message)
      ok = false
      continue
    }
    sittings.push({ subject, roomId: room, seat: seat.value })
  }
  if (ok && sittings.length === 0) {
    fail('理论考场', 'noSitting', '理论考场和技能考场均为空，考生至少应参加一个科目')
    return null
  }
  return ok ? sittings : null
}

/** Read and parse a roster file in one step. */
export async function readRosterFile(path: string, options: { seats?: number } = {}): Promise<RosterResult> {
  return parseRoster(await readTable(path), options)
}
