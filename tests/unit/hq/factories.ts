/** Small builders for HQ tests: roster rows, CSV text, key files in a temp folder, the real CLI. */
import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { makeResidentId } from '../../../src-shared/id-documents'

export const CHINESE_HEADER: readonly string[] = [
  '准考证号',
  '姓名',
  '性别',
  '出生日期',
  '证件类型',
  '证件号码',
  '职业',
  '工种',
  '等级',
  '理论考场',
  '理论座位号',
  '技能考场',
  '技能座位号',
  '团体',
  '需要发票',
]
export const ENGLISH_HEADER = [
  'admitCardNo',
  'name',
  'sex',
  'birthDate',
  'idType',
  'idNumber',
  'occupation',
  'workType',
  'level',
  'theoryRoom',
  'theorySeat',
  'skillsRoom',
  'skillsSeat',
  'group',
  'invoice',
] as const

export type Row = Record<(typeof ENGLISH_HEADER)[number], string>

/** A valid roster row; override any cell. */
export function aRow(overrides: Partial<Row> = {}): Row {
  return {
    admitCardNo: '24121100001',
    name: '张伟',
    sex: '男',
    birthDate: '1990-01-02',
    idType: '居民身份证',
    idNumber: makeResidentId('110105', '1990-01-02', '013'),
    occupation: '区块链应用操作员',
    workType: '',
    level: '四级/中级',
    theoryRoom: '第01考场',
    theorySeat: '1',
    skillsRoom: '第01考场',
    skillsSeat: '1',
    group: '',
    invoice: '否',
    ...overrides,
  }
}

/** Rows numbered 1.. with distinct admit card numbers, documents and seats. */
export function someRows(n: number): Row[] {
  return Array.from({ length: n }, (_, i) =>
    aRow({
      admitCardNo: `241211${String(i + 1).padStart(5, '0')}`,
      idNumber: makeResidentId('310104', '1990-01-02', `${String(i).padStart(2, '0')}1`),
      theorySeat: String(i + 1),
      skillsSeat: String(i + 1),
    }),
  )
}

/** CSV text with the given header (same column order as ENGLISH_HEADER), optionally without some columns. */
export function csvOf(rows: Row[], header: readonly string[] = CHINESE_HEADER, drop: string[] = []): string {
  const keep = header.map((_, i) => i).filter((i) => !drop.includes(header[i]!))
  const line = (cells: readonly string[]) => keep.map((i) => cells[i]!).join(',')
  return [line(header), ...rows.map((r) => line(ENGLISH_HEADER.map((k) => r[k])))].join('\r\n') + '\r\n'
}

/** A fresh temporary folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'examdesk-hq-'))
}

/** Run the real CLI (`npm run hq -- …` is `tsx src-hq/cli.ts …`): exit code and both outputs. */
export async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node_modules/.bin/tsx', ['src-hq/cli.ts', ...args], {
      timeout: 60_000,
    })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}
