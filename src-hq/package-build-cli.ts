/**
 * `package build` from files: roster (CSV/XLSX), photo folder, session.json and key file, with the
 * summary printed for the person at HQ. Refusals come back as printable lines (exit code 1).
 */
import { FILE_KINDS, InputError, keyFileProblem, mustExist } from './cli-errors'
import { readHqKeyFile } from './keys'
import {
  assembleManifest,
  photoSourcesFromDir,
  writePackage,
  type BuildSummary,
  type PhotoSources,
} from './package-build'
import { PHOTO_PROBLEM_TEXT } from './photo-spec'
import { readRosterFile, type Roster } from './roster-file'
import { readSessionInput, type SessionInput } from './session-input'
import type { HqSigningKey } from './keys'
import { unmatchedGroupTimes } from '../src-shared/subject-times'

const SUBJECT_NAMES = { theory: '理论知识', skills: '技能考核' } as const

export interface BuildFiles {
  roster: string
  photos: string
  session: string
  key: string
  out: string
  seats?: number
}

export type BuildFromFilesResult = { ok: true; summary: BuildSummary; notes: string[] } | { ok: false; lines: string[] }

/** Read every input, then build; every problem found is listed, not just the first. */
export async function buildPackageFromFiles(files: BuildFiles, now = new Date()): Promise<BuildFromFilesResult> {
  const lines: string[] = []
  /** Run one reader; an InputError becomes lines, anything else is a bug and propagates. */
  const attempt = async <T>(read: () => Promise<T>): Promise<T | null> => {
    try {
      return await read()
    } catch (err) {
      if (!(err instanceof InputError)) throw err
      lines.push(...err.lines)
      return null
    }
  }
  const key = await readHqKeyFile(files.key)
  if (!key.ok) lines.push(keyFileProblem(files.key, key))
  const input = await attempt(() => readSessionInput(files.session))
  const roster = await attempt(() =>
    readRosterFile(files.roster, files.seats !== undefined ? { seats: files.seats } : {}),
  )
  const photosFolder = await attempt(() => mustExist(FILE_KINDS.photos, files.photos, true))
  if (roster && !roster.ok) {
    lines.push(
      `名单有 ${roster.errors.length} 处错误 / roster has ${roster.errors.length} error(s): ${files.roster}`,
      ...roster.errors.map((e) => `  ${e.text}`),
    )
  }
  if (!key.ok || input === null || roster === null || !roster.ok || photosFolder === null) return { ok: false, lines }
  const { sources, missing } = await photoSourcesFromDir(files.photos, roster.roster.candidates)
  const notes = missing.map((no) => `${no}: 照片目录中没有找到照片（准考证上将没有照片） / no photo found`)
  return buildPackage(input, roster.roster, sources, key.key, files.out, now, notes)
}

/** Assemble, sign and write; shared by the CLI and the sample generator. */
export async function buildPackage(
  input: SessionInput,
  roster: Roster,
  photos: PhotoSources,
  key: HqSigningKey,
  out: string,
  now: Date,
  notes: string[] = [],
): Promise<BuildFromFilesResult> {
  const manifest = await assembleManifest(input, roster, key, now, new Set(photos.keys()))
  if (!manifest.ok)
    return {
      ok: false,
      lines: ['会话数据无效 / the session does not validate:', ...manifest.problems.map((p) => `  ${p.text}`)],
    }
  const built = await writePackage(manifest.manifest, photos, key, out)
  if (!built.ok) return { ok: false, lines: built.problems.map((p) => p.text) }
  const photoNotes = built.summary.photoWarnings.map(
    (w) =>
      `${w.admitCardNo}: 照片不符合规格 / photo off spec: ${w.problems.map((p) => PHOTO_PROBLEM_TEXT[p]).join('；')}`,
  )
  const groupNotes = unmatchedGroupTimes(manifest.manifest.groupTimes, manifest.manifest.candidates).map(
    (g) =>
      `分组考试时间「${g.occupation} ${g.level}」${SUBJECT_NAMES[g.subject]}：名单中没有这样的考生 / group times match no candidate`,
  )
  return { ok: true, summary: built.summary, notes: [...notes, ...photoNotes, ...groupNotes] }
}

/** Count values, most frequent first, as `key ×n` lines. */
function tally(values: string[]): string[] {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN')).map(([k, n]) => `${k} ×${n}`)
}

/** The build summary, as the person at HQ reads it. */
export function printBuildSummary(summary: BuildSummary, notes: string[]): void {
  const m = summary.manifest
  const retakes = m.candidates.filter((c) => c.sittings.length === 1).length
  const lines = [
    `已生成考试包 / package written: ${summary.out}  (${(summary.bytes / 1024 / 1024).toFixed(1)} MB)`,
    `  场次 session   ${m.session.name}  [${m.session.id}]  ${m.session.date}  v${m.packageVersion}`,
    `  考点 venue     ${m.venue.name}  [${m.venue.id}]`,
    `  认定机构 body  ${m.body.name}`,
    `  签名密钥 key   ${summary.keyId}   manifest sha256 ${summary.manifestSha256}`,
    `  考生 candidates ${summary.candidates}（补考/单科 ${retakes}），照片 photos ${summary.photos}，考场 rooms ${m.rooms.length}，工作人员 staff ${m.staff.length}`,
    `  职业/等级:`,
    ...tally(m.candidates.map((c) => `${c.occupation}${c.workType ? `（${c.workType}）` : ''} ${c.level}`)).map(
      (l) => `    ${l}`,
    ),
    `  科目 subjects: ${tally(m.candidates.flatMap((c) => c.sittings.map((s) => (s.subject === 'theory' ? '理论知识' : '技能考核')))).join('，')}`,
    `  需要发票 invoices: ${m.candidates.filter((c) => c.invoiceRequested).length}，已作废准考证 revoked: ${m.revokedAdmitCards.length}`,
    ...(m.groupTimes ?? []).map(
      (g) =>
        `  分组时间 group times: ${g.occupation} ${g.level} ${SUBJECT_NAMES[g.subject]} ${g.start.slice(11, 16)}–${g.end.slice(11, 16)}`,
    ),
  ]
  if (notes.length > 0)
    lines.push(`  提示 ${notes.length} 条 / ${notes.length} note(s):`, ...notes.slice(0, 50).map((n) => `    ${n}`))
  if (notes.length > 50) lines.push(`    … 另有 ${notes.length - 50} 条`)
  console.log(lines.join('\n'))
}
