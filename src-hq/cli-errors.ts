/**
 * What the HQ command line says about its input files: one plain line per problem, Chinese first (then
 * English, as every CLI line does), always with the path — never a raw `ENOENT`, "Unable to open file as
 * blob" or a zod JSON dump. Readers throw InputError; the CLI prints its lines and exits with 1.
 */
import { openAsBlob } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { z } from 'zod'
import type { KeyFileReason } from './keys'

/** A problem with an input file, already worded for the person at HQ. */
export class InputError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'))
    this.name = 'InputError'
  }
}

/** What kind of file a path was meant to be, for the message. */
export interface FileKind {
  zh: string
  en: string
}

export const FILE_KINDS = {
  roster: { zh: '名单文件', en: 'roster file' },
  photos: { zh: '照片目录', en: 'photo folder' },
  session: { zh: '场次文件', en: 'session file' },
  package: { zh: '考试包文件', en: 'package file' },
  trustedKeys: { zh: '信任密钥文件', en: 'trusted keys file' },
  key: { zh: '密钥文件', en: 'key file' },
  export: { zh: '签到台导出文件', en: 'desk export file' },
} as const satisfies Record<string, FileKind>

/** One line for a file-system error on `path`. */
export function fileProblem(kind: FileKind, path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code
  switch (code) {
    case 'ENOENT':
      return `找不到${kind.zh}：${path} / ${kind.en} not found`
    case 'EISDIR':
      return `${kind.zh}是一个目录，不是文件：${path} / the ${kind.en} is a folder`
    case 'ENOTDIR':
      return `${kind.zh}不是目录：${path} / the ${kind.en} is not a folder`
    case 'EACCES':
    case 'EPERM':
      return `没有权限读取${kind.zh}：${path} / no permission to read the ${kind.en}`
    default:
      return `无法读取${kind.zh}：${path}（${(err as { message?: string } | null)?.message ?? String(err)}） / cannot read the ${kind.en}`
  }
}

/** Check that `path` is a file (or a folder, for `folder`), throwing InputError otherwise. */
export async function mustExist(kind: FileKind, path: string, folder = false): Promise<void> {
  let s
  try {
    s = await stat(path)
  } catch (err) {
    throw new InputError([fileProblem(kind, path, err)])
  }
  if (folder && !s.isDirectory()) throw new InputError([fileProblem(kind, path, { code: 'ENOTDIR' })])
  if (!folder && !s.isFile()) throw new InputError([fileProblem(kind, path, { code: 'EISDIR' })])
}

/** A file's bytes, or InputError. */
export async function readInputFile(kind: FileKind, path: string): Promise<Buffer> {
  await mustExist(kind, path)
  try {
    return await readFile(path)
  } catch (err) {
    throw new InputError([fileProblem(kind, path, err)])
  }
}

/** A file as a Blob (read lazily, as the desk's package reader wants it), or InputError. */
export async function openInputBlob(kind: FileKind, path: string): Promise<Blob> {
  await mustExist(kind, path)
  try {
    return await openAsBlob(path)
  } catch (err) {
    throw new InputError([fileProblem(kind, path, err)])
  }
}

/** Where in a JSON text a syntax error is, as "第 L 行第 C 列", from the position V8 reports. */
function jsonPosition(text: string, err: unknown): string {
  const m = /position (\d+)/.exec(err instanceof Error ? err.message : '')
  if (!m) return ''
  const before = text.slice(0, Number(m[1]))
  const line = before.split('\n').length
  const column = before.length - before.lastIndexOf('\n')
  return `（第 ${line} 行第 ${column} 列附近）`
}

/** A zod issue path as people read it: staff[0].pin. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`
  return out || '（整个文件）'
}

const zhCN = z.locales.zhCN()

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  object: '对象 {…}',
  array: '数组 […]',
}

/** One "path: message" line per issue, messages in Chinese (a missing field says so plainly). */
export function issueLines(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const missing = i.code === 'invalid_type' && i.message.endsWith('undefined')
    const message = missing ? `缺少此项（应为${TYPE_ZH[i.expected] ?? i.expected}）` : i.message
    return `  ${issuePath(i.path)}: ${message}`
  })
}

/** Read a JSON file and check it against a schema; every problem becomes one line (InputError). */
export async function readJsonInput<S extends z.ZodType>(
  kind: FileKind,
  path: string,
  schema: S,
): Promise<z.output<S>> {
  const text = (await readInputFile(kind, path)).toString('utf8').replace(/^\uFEFF/, '')
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    throw new InputError([
      `${kind.zh}不是有效的 JSON${jsonPosition(text, err)}：${path} / the ${kind.en} is not valid JSON`,
    ])
  }
  const parsed = schema.safeParse(raw, { error: zhCN.localeError })
  if (!parsed.success) {
    const n = parsed.error.issues.length
    throw new InputError([
      `${kind.zh}有 ${n} 处错误：${path} / the ${kind.en} has ${n} problem(s):`,
      ...issueLines(parsed.error),
    ])
  }
  return parsed.data
}

const KEY_FILE_TEXT: Record<KeyFileReason, string> = {
  unreadable: '无法读取',
  malformed: '格式无效（不是 HQ 密钥文件）',
  mismatch: '公钥与私钥不匹配',
}

/** The line for a key file readHqKeyFile refused. */
export function keyFileProblem(path: string, r: { reason: KeyFileReason; detail?: string; code?: string }): string {
  if (r.reason === 'unreadable' && r.code) return fileProblem(FILE_KINDS.key, path, { code: r.code, message: r.detail })
  return `密钥文件${KEY_FILE_TEXT[r.reason]}：${path} / bad key file (${r.reason})${r.detail ? `\n  ${r.detail}` : ''}`
}
