import { describe, expect, it } from 'vitest'
import { EXPORT_COLUMNS, type ExportRow } from '../../../src-shared/reports-export'
import { REASON_CODES } from '../../../src-shared/verdict-reasons'
import { exportCellText } from '../../../src-renderer/features/reports/exportText'
import { exportTable, type Headings } from '../../../src-renderer/features/reports/exports'
import i18n from '../../../src-renderer/i18n'

const STAFF = new Map([
  ['staff-02', '李晓燕'],
  ['staff-01', '王建国'],
])

/** A refused candidate's row as reports-export.ts gives it, with an unrequested invoice handed over. */
const refusedRow: ExportRow = {
  admitCardNo: '24121100008',
  name: '段帅',
  sex: 'M',
  occupation: '区块链应用操作员',
  level: '三级/高级',
  group: '',
  subject: 'theory',
  room: '第01考场',
  seat: 3,
  state: 'refused',
  time: '2026-11-23T09:31:00.000+08:00',
  deviceId: 'aa190125-0000-4000-8000-000000000001',
  staffId: 'staff-02',
  method: 'qr cardReader',
  reasons: 'lateEntryClosed nameMismatch',
  note: '迟到 31 分钟',
  voidedCheckIns: 0,
  invoice: 'handedOver',
  invoiceTime: '2026-11-23T08:50:00.000+08:00',
  invoiceStaffId: 'staff-02',
  invoiceApprovedBy: 'staff-01',
  invoiceReason: '单位报销需要',
}

function tableIn(lang: 'zh-CN' | 'en') {
  const t = i18n.getFixedT(lang)
  const headings = Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, t(`reports.column.${c}`)])) as Headings
  const [head, row] = exportTable(
    [refusedRow],
    headings,
    exportCellText(t, (id) => STAFF.get(id)),
  )
  return Object.fromEntries(head!.map((h, i) => [h, row![i]]))
}

describe('the words of an export cell', () => {
  it('writes a refusal’s time, staff, methods and reasons in plain Chinese', () => {
    expect(tableIn('zh-CN')).toMatchObject({
      状态: '拒绝入场',
      '签到/拒绝时间': '2026-11-23 09:31:00',
      经办人: '李晓燕',
      核验方式: '扫准考证二维码 + 读身份证',
      '提示/拒绝原因': '超过入场时限、姓名不符',
      说明: '迟到 31 分钟',
      发票: '已领取',
      发票领取时间: '2026-11-23 08:50:00',
      发票经办人: '李晓燕',
      发票批准人: '王建国',
      发票批准原因: '单位报销需要',
    })
  })

  it('writes them in English when the app is in English', () => {
    expect(tableIn('en')).toMatchObject({
      State: 'Refused',
      Staff: '李晓燕',
      Method: 'admit card QR + ID card reader',
      Invoice: 'Handed over',
      'Invoice approved by': '王建国',
    })
    const reasons = tableIn('en')['Notes / refusal reasons']
    expect(reasons).not.toMatch(/lateEntryClosed|nameMismatch|[\u4e00-\u9fff]/)
  })

  it('has a text for every reason code in both languages, so no code reaches a file', () => {
    for (const lang of ['zh-CN', 'en'] as const)
      for (const code of Object.keys(REASON_CODES))
        expect(i18n.exists(`board.reasonCode.${code}`, { lng: lang }), `${lang} ${code}`).toBe(true)
  })
})
