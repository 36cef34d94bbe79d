/**
 * `npm run hq -- ingest <file.examdesk-log> [--url http://localhost:8787] [--token T]`: HQ's operator
 * hands a desk's USB export file to a running HQ. It goes to `POST /v1/ingest`, so it takes the one path
 * every file and HTTP upload takes (ingestExportFile → ingestUpload); ingesting a file twice changes
 * nothing. The token is the enrolment token HQ printed (or EXAMDESK_HQ_TOKEN).
 */
import { parseArgs } from 'node:util'
import { FILE_KINDS, InputError, readInputFile } from './cli-errors'

const REFUSED: Record<string, string> = {
  unauthorized: '登记码不正确 / wrong enrolment token',
  badFile: '导出文件无效或签名不符 / not a valid, correctly signed desk export file',
  tooLarge: '文件超过 256 MB / the file is larger than 256 MB',
  rateLimited: '请求过于频繁，请稍后再试 / rate limited, try again shortly',
  fork: '总部在同一序号下已有另一事件（分叉），请联系技术支持 / HQ holds another event under one of its seqs (fork)',
  notEnrolled: '签到台未登记 / the desk is not enrolled',
}

/** Run the command; returns the exit code (1 refused or unreachable, 2 usage). */
export async function ingestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { url: { type: 'string', default: 'http://localhost:8787' }, token: { type: 'string' } },
  })
  const token = values.token ?? process.env.EXAMDESK_HQ_TOKEN
  if (positionals.length !== 1 || !token) {
    console.error(
      '用法 / usage: npm run hq -- ingest <file.examdesk-log> [--url http://localhost:8787] --token <登记码>（或 EXAMDESK_HQ_TOKEN）',
    )
    return 2
  }
  const file = positionals[0]!
  let bytes: Buffer
  try {
    bytes = await readInputFile(FILE_KINDS.export, file)
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    console.error(err.lines.join('\n'))
    return 1
  }
  const url = values.url!.replace(/\/+$/, '')
  let res: Response
  try {
    res = await fetch(`${url}/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: new Uint8Array(bytes),
      signal: AbortSignal.timeout(10 * 60_000),
    })
  } catch (err) {
    const why = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message
    console.error(`无法连接总部服务器 ${url}（${why}） / cannot reach HQ; is \`npm run hq\` running?`)
    return 1
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>
  if (res.status !== 200) {
    const error = String(body.error ?? res.status)
    const where = [
      body.detail ? String(body.detail) : '',
      body.batch !== undefined ? `批次 batch ${Number(body.batch) + 1}` : '',
      body.seq !== undefined ? `序号 seq ${String(body.seq)}` : '',
    ].filter(Boolean)
    console.error(
      `总部拒绝了 ${file} / HQ refused the file (${res.status} ${error}): ${REFUSED[error] ?? error}${where.length ? `\n  ${where.join('，')}` : ''}`,
    )
    return 1
  }
  const reply = (body.reply ?? {}) as { ackedSeq?: number }
  console.log(
    [
      `已导入 / ingested: ${file}`,
      `  签到台 device ${String(body.deviceId)}`,
      `  批次 batches ${String(body.batches)}，新存事件 stored ${String(body.stored)}（已有的不重复存 / already held: skipped），总部已确认序号 acked seq ${reply.ackedSeq ?? 0}`,
    ].join('\n'),
  )
  return 0
}
