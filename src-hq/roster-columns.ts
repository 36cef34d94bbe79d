/**
 * The columns of an HQ roster export (Chinese or English headers) and how each cell becomes a value.
 * The Chinese name of each column is what error messages print, because that is what the person
 * fixing the spreadsheet sees in it.
 */
import { validateIdDocument } from '../src-shared/id-documents'
import type { IdDocumentType, Sex } from '../src-shared/schemas'

export type RosterField =
  | 'admitCardNo'
  | 'name'
  | 'sex'
  | 'birthDate'
  | 'idType'
  | 'idNumber'
  | 'issuingCountry'
  | 'occupation'
  | 'workType'
  | 'level'
  | 'theoryRoom'
  | 'theorySeat'
  | 'skillsRoom'
  | 'skillsSeat'
  | 'group'
  | 'photo'
  | 'invoice'

export interface RosterColumn {
  field: RosterField
  /** The name printed in messages. */
  zh: string
  /** Accepted header spellings besides zh and field (compared after headerKey()). */
  aliases: readonly string[]
  required: boolean
}

export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  { field: 'admitCardNo', zh: '准考证号', aliases: ['准考证编号', 'admit card no', 'admit_card_no'], required: true },
  { field: 'name', zh: '姓名', aliases: ['考生姓名', 'full name'], required: true },
  { field: 'sex', zh: '性别', aliases: ['gender'], required: true },
  { field: 'birthDate', zh: '出生日期', aliases: ['出生年月日', 'birth date', 'date of birth', 'dob'], required: true },
  { field: 'idType', zh: '证件类型', aliases: ['id type', 'document type'], required: true },
  {
    field: 'idNumber',
    zh: '证件号码',
    aliases: ['证件号', '身份证号', '身份证号码', 'id number', 'document number'],
    required: true,
  },
  { field: 'issuingCountry', zh: '签发国家', aliases: ['国籍', 'issuing country', 'nationality'], required: false },
  { field: 'occupation', zh: '职业', aliases: ['职业名称', 'occupation name'], required: true },
  { field: 'workType', zh: '工种', aliases: ['work type'], required: false },
  { field: 'level', zh: '等级', aliases: ['级别', '申报等级', 'level'], required: true },
  { field: 'theoryRoom', zh: '理论考场', aliases: ['理论知识考场', 'theory room'], required: false },
  { field: 'theorySeat', zh: '理论座位号', aliases: ['理论知识座位号', 'theory seat'], required: false },
  { field: 'skillsRoom', zh: '技能考场', aliases: ['技能考核考场', '操作技能考场', 'skills room'], required: false },
  {
    field: 'skillsSeat',
    zh: '技能座位号',
    aliases: ['技能考核座位号', '操作技能座位号', 'skills seat'],
    required: false,
  },
  { field: 'group', zh: '团体', aliases: ['团体名称', '报名单位', '单位', 'group'], required: false },
  { field: 'photo', zh: '照片', aliases: ['照片文件', '照片文件名', 'photo file'], required: false },
  {
    field: 'invoice',
    zh: '需要发票',
    aliases: ['发票', '是否需要发票', 'invoice requested', 'invoicerequested'],
    required: false,
  },
]

/** Header text as compared: NFKC, lower case, without spaces, underscores, hyphens and a BOM. */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\uFEFF\s_-]/g, '')
    .toLowerCase()
}

const BY_HEADER = new Map<string, RosterColumn>()
for (const c of ROSTER_COLUMNS) {
  for (const h of [c.zh, c.field, ...c.aliases]) BY_HEADER.set(headerKey(h), c)
}

/** The column a header cell names, if any. */
export function columnOfHeader(text: string): RosterColumn | undefined {
  return BY_HEADER.get(headerKey(text))
}

/** A cell as a spreadsheet gives it: text, a number, or a date (XLSX date cells). */
export type Cell = string | number | Date | null | undefined

/** A cell's value or the Chinese text of what is wrong with it. */
export type CellResult<T> = { ok: true; value: T } | { ok: false; reason: string; message: string }

const bad = <T>(reason: string, message: string): CellResult<T> => ({ ok: false, reason, message })

/** Cell as trimmed text ('' when empty). */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return ''
  if (cell instanceof Date) return isoDateOf(cell)
  return String(cell).normalize('NFC').trim()
}

function isoDateOf(d: Date): string {
  // XLSX dates carry no zone; exceljs gives them as UTC midnight.
  return d.toISOString().slice(0, 10)
}

const SEX: Record<string, Sex> = { 男: 'M', 女: 'F', m: 'M', f: 'F', male: 'M', female: 'F' }

/** 男/女/M/F/male/female. */
export function parseSex(cell: Cell): CellResult<Sex> {
  const sex = SEX[cellText(cell).toLowerCase()]
  return sex ? { ok: true, value: sex } : bad('sex', '应为「男」或「女」')
}

/** 1990-01-02, 1990/1/2, 1990.1.2, 19900102, 1990年1月2日, or an XLSX date cell → YYYY-MM-DD. */
export function parseDate(cell: Cell): CellResult<string> {
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime()) ? bad('date', '不是有效日期') : { ok: true, value: isoDateOf(cell) }
  const text = cellText(cell).normalize('NFKC')
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text)
  if (!m) return bad('date', '日期格式应为 1990-01-02、1990/1/2 或 19900102')
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`
  const d = new Date(`${iso}T00:00:00Z`)
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return bad('date', '不是有效日期')
  return { ok: true, value: iso }
}

/** Chinese document names (id-documents.md, plus the names people commonly write) → type code. */
const ID_TYPE_NAMES: Record<string, IdDocumentType> = {
  居民身份证: 'cn_resident_id',
  身份证: 'cn_resident_id',
  第二代居民身份证: 'cn_resident_id',
  二代身份证: 'cn_resident_id',
  社会保障卡: 'cn_social_security_card',
  社保卡: 'cn_social_security_card',
  北京社保卡: 'cn_social_security_card',
  港澳居民居住证: 'hkmo_residence_permit',
  台湾居民居住证: 'tw_residence_permit',
  外国人永久居留身份证: 'foreign_permanent_residence_id',
  外国人永久居留证: 'foreign_permanent_residence_id',
  香港身份证: 'hk_identity_card',
  香港居民身份证: 'hk_identity_card',
  香港永久性居民身份证: 'hk_identity_card',
  澳门身份证: 'mo_identity_card',
  澳门居民身份证: 'mo_identity_card',
  澳门永久性居民身份证: 'mo_identity_card',
  港澳居民来往内地通行证: 'hkmo_home_return_permit',
  回乡证: 'hkmo_home_return_permit',
  台湾居民来往大陆通行证: 'tw_mainland_travel_permit',
  台胞证: 'tw_mainland_travel_permit',
  护照: 'passport',
}
const ID_TYPE_CODES = new Set<string>(Object.values(ID_TYPE_NAMES))

/** The Chinese name of a document type, for messages and admit cards. */
export const ID_TYPE_LABELS: Record<IdDocumentType, string> = {
  cn_resident_id: '居民身份证',
  cn_social_security_card: '社会保障卡',
  hkmo_residence_permit: '港澳居民居住证',
  tw_residence_permit: '台湾居民居住证',
  foreign_permanent_residence_id: '外国人永久居留身份证',
  hk_identity_card: '香港身份证',
  mo_identity_card: '澳门身份证',
  hkmo_home_return_permit: '港澳居民来往内地通行证',
  tw_mainland_travel_permit: '台湾居民来往大陆通行证',
  passport: '护照',
}

/** A document type given by its Chinese name or its type code. */
export function parseIdType(cell: Cell): CellResult<IdDocumentType> {
  const text = cellText(cell).normalize('NFKC').replace(/\s/g, '')
  const byName = ID_TYPE_NAMES[text]
  if (byName) return { ok: true, value: byName }
  if (ID_TYPE_CODES.has(text.toLowerCase())) return { ok: true, value: text.toLowerCase() as IdDocumentType }
  return bad('idType', `无法识别的证件类型「${text}」`)
}

const ID_REASON_TEXT: Record<string, string> = {
  empty: '为空',
  format: '格式错误',
  checkDigit: '校验位错误',
  birthDate: '所含出生日期无效',
}

/** A document number, validated for its type; returns the normalised number and what it encodes. */
export function parseIdNumber(
  cell: Cell,
  type: IdDocumentType,
): CellResult<{ number: string; birthDate?: string; sex?: Sex }> {
  // 18 digits do not fit a double: Excel has already rounded the number, nothing can be recovered.
  if (typeof cell === 'number' && !Number.isSafeInteger(cell)) {
    return bad('numericCell', '单元格是数字格式，号码已被 Excel 截断；请将该列设为文本后重新导出')
  }
  const v = validateIdDocument(type, cellText(cell))
  if (!v.ok) return bad(v.reason, `${ID_REASON_TEXT[v.reason] ?? v.reason}（${ID_TYPE_LABELS[type]}）`)
  return {
    ok: true,
    value: {
      number: v.normalized,
      ...(v.birthDate ? { birthDate: v.birthDate } : {}),
      ...(v.sex ? { sex: v.sex } : {}),
    },
  }
}

/** A seat number: a whole number 1–1000. */
export function parseSeat(cell: Cell): CellResult<number> {
  const text = cellText(cell).normalize('NFKC')
  if (!/^\d{1,4}$/.test(text) || Number(text) < 1 || Number(text) > 1000) return bad('seat', '座位号应为 1–1000 的整数')
  return { ok: true, value: Number(text) }
}

const YES = new Set(['是', '需要', 'y', 'yes', 'true', '1'])
const NO = new Set(['', '否', '不需要', 'n', 'no', 'false', '0'])

/** 是/否 (also yes/no, Y/N, 1/0); empty means no. */
export function parseYesNo(cell: Cell): CellResult<boolean> {
  const text = cellText(cell).toLowerCase()
  if (YES.has(text)) return { ok: true, value: true }
  if (NO.has(text)) return { ok: true, value: false }
  return bad('yesNo', '应为「是」或「否」')
}
