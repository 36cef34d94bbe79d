import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { csvTable, parseRoster, readRosterFile } from '../../../src-hq/roster-file'
import { makeResidentId } from '../../../src-shared/id-documents'
import { CHINESE_HEADER, ENGLISH_HEADER, aRow, csvOf, someRows, tempDir } from './factories'

const parseCsv = (text: string, options = {}) => parseRoster(csvTable(new TextEncoder().encode(text)), options)

describe('required columns', () => {
  it('refuses a roster without the 证件号码 column with one error naming it', () => {
    const result = parseCsv(csvOf(someRows(3), CHINESE_HEADER, ['证件号码']))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]!.text).toContain('「证件号码」')
    expect(result.errors[0]!.reason).toBe('missingColumns')
  })

  it('names every missing column in that one error', () => {
    const result = parseCsv(csvOf(someRows(1), CHINESE_HEADER, ['姓名', '等级']))
    expect(result.ok || result.errors[0]!.text).toMatch(/「姓名」.*「等级」/)
  })
})

describe('errors name the row as the spreadsheet shows it and the column in Chinese', () => {
  it('reports a wrong check digit as 第 N 行「证件号码」：校验位错误', () => {
    const rows = someRows(6)
    const good = rows[5]!.idNumber
    rows[5]!.idNumber = good.slice(0, 17) + (good[17] === '1' ? '2' : '1')
    const result = parseCsv(csvOf(rows))
    expect(result.ok).toBe(false)
    if (result.ok) return
    // Header is row 1, so the sixth candidate is row 7.
    expect(result.errors.map((e) => e.text)).toEqual([expect.stringMatching(/^第 7 行「证件号码」：校验位错误/)])
  })

  it('returns every error, not just the first', () => {
    const rows = someRows(4)
    rows[0]!.sex = '未知'
    rows[2]!.birthDate = '1990-02-30'
    rows[3]!.idType = '驾驶证'
    const result = parseCsv(csvOf(rows))
    expect(result.ok || result.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '性别'],
      [4, '出生日期'],
      [5, '证件类型'],
    ])
  })

  it('refuses a sex that disagrees with the ID number', () => {
    const result = parseCsv(csvOf([aRow({ sex: '女' })]))
    expect(result.ok || result.errors[0]!.reason).toBe('sexMismatch')
  })

  it('refuses a second row with the same admit card number, naming the first', () => {
    const rows = someRows(2)
    rows[1]!.admitCardNo = rows[0]!.admitCardNo
    const result = parseCsv(csvOf(rows))
    expect(result.ok || result.errors[0]!.text).toBe('第 3 行「准考证号」：与第 2 行准考证号重复')
  })

  it('refuses two candidates on one seat of one subject', () => {
    const rows = someRows(2)
    rows[1]!.theorySeat = rows[0]!.theorySeat
    const result = parseCsv(csvOf(rows))
    expect(result.ok || result.errors[0]!.reason).toBe('seatTaken')
  })
})

describe('headers in Chinese or English', () => {
  it('parses both to the same candidates and rooms', () => {
    const rows = someRows(5)
    const zh = parseCsv(csvOf(rows, CHINESE_HEADER))
    const en = parseCsv(csvOf(rows, ENGLISH_HEADER))
    expect(zh.ok).toBe(true)
    expect(en).toEqual(zh)
  })

  it('accepts a UTF-8 BOM before the header', () => {
    expect(parseCsv(`\uFEFF${csvOf(someRows(1))}`).ok).toBe(true)
  })
})

describe('cell values as HQs write them', () => {
  it.each(['1990-01-02', '1990/1/2', '19900102', '1990年1月2日'])('reads the birth date %s', (birthDate) => {
    const result = parseCsv(csvOf([aRow({ birthDate })]))
    expect(result.ok && result.roster.candidates[0]!.birthDate).toBe('1990-01-02')
  })

  it('reads document types by Chinese name or type code', () => {
    const hk = aRow({ idType: 'hk_identity_card', idNumber: 'A123456(3)', birthDate: '1990-01-02' })
    const result = parseCsv(csvOf([hk]))
    expect(result.ok && result.roster.candidates[0]!.idDocument).toEqual({
      type: 'hk_identity_card',
      number: 'A1234563',
    })
  })

  it('registers a candidate with only a skills room and seat for skills only (a retake)', () => {
    const result = parseCsv(csvOf([aRow({ theoryRoom: '', theorySeat: '', invoice: '是' })]))
    expect(result.ok && result.roster.candidates[0]).toMatchObject({
      sittings: [{ subject: 'skills', roomId: '第01考场', seat: 1 }],
      invoiceRequested: true,
    })
  })

  it('derives rooms from the names found, with seats = the highest seat or --seats', () => {
    const rows = someRows(3)
    const derived = parseCsv(csvOf(rows))
    expect(derived.ok && derived.roster.rooms).toEqual([{ id: '第01考场', name: '第01考场', seats: 3 }])
    const withSeats = parseCsv(csvOf(rows), { seats: 40 })
    expect(withSeats.ok && withSeats.roster.rooms[0]!.seats).toBe(40)
  })
})

describe('XLSX', () => {
  it('reads back a roster written with exceljs, dates and numbers as Excel stores them', async () => {
    const dir = tempDir()
    const path = join(dir, 'roster.xlsx')
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('名单')
    sheet.addRow(CHINESE_HEADER)
    const idNumber = makeResidentId('440305', '1988-07-15', '022')
    sheet.addRow([
      '24123100001',
      '李晓燕',
      '女',
      new Date(Date.UTC(1988, 6, 15)),
      '居民身份证',
      idNumber,
      '人工智能训练师',
      '',
      '五级/初级',
      '第02考场',
      12,
      '第02考场',
      12,
      '北京数联科技有限公司',
      '否',
    ])
    await workbook.xlsx.writeFile(path)

    const result = await readRosterFile(path)
    expect(result.ok && result.roster.candidates).toEqual([
      {
        admitCardNo: '24123100001',
        name: '李晓燕',
        sex: 'F',
        birthDate: '1988-07-15',
        idDocument: { type: 'cn_resident_id', number: idNumber },
        occupation: '人工智能训练师',
        level: '五级/初级',
        sittings: [
          { subject: 'theory', roomId: '第02考场', seat: 12 },
          { subject: 'skills', roomId: '第02考场', seat: 12 },
        ],
        group: '北京数联科技有限公司',
        invoiceRequested: false,
      },
    ])
  })

  it('refuses an ID number Excel stored as a number (its last digits are lost)', async () => {
    const path = join(tempDir(), 'roster.xlsx')
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('名单')
    sheet.addRow(CHINESE_HEADER)
    sheet.addRow([
      '24123100001',
      '李晓燕',
      '女',
      '1988-07-15',
      '居民身份证',
      Number('440305198807150220'),
      '人工智能训练师',
      '',
      '五级/初级',
      '第02考场',
      1,
      '',
      '',
      '',
      '',
    ])
    await workbook.xlsx.writeFile(path)
    const result = await readRosterFile(path)
    expect(result.ok || result.errors[0]).toMatchObject({ row: 2, column: '证件号码', reason: 'numericCell' })
  })
})

describe('CSV encodings', () => {
  it('reads a CSV that Excel saved in GB18030 like its UTF-8 twin', async () => {
    const gb = await readRosterFile('tests/fixtures/hq/roster-gb18030.csv')
    expect(gb.ok).toBe(true)
    expect(gb).toEqual(parseCsv(csvOf(someRows(2))))
  })
})
