/**
 * `npm run hq -- <command>`: the HQ tools for session packages (docs/session-package.md) and the HQ server.
 *   (no command)   serve on localhost:8787 with the demo session loaded
 *   serve [--port N] [--data dir] [--key key.json] [--allow-origin url] [--package file.examdesk]… [--token T]
 *   keygen --out <key.json>
 *   package build --roster <csv|xlsx> --photos <dir> --session <session.json> --key <key.json> --out <file.examdesk> [--seats N]
 *   package verify <file.examdesk> [--keys resources/hq-keys.json]
 *   admit-cards --package <file.examdesk> --key <key.json> --out <file.pdf> [--per-page 1|2] [--font <ttc|ttf>]
 *   ingest <file.examdesk-log> [--url http://localhost:8787] --token <T>   (a desk's USB export, to a running HQ)
 * Exit code 0 on success, 1 when the input is refused, 2 on a usage error.
 */
import { parseArgs } from 'node:util'
import { renderAdmitCardsCommand } from './admit-cards-cli'
import { InputError } from './cli-errors'
import { ingestCommand } from './ingest-cli'
import { generateHqKeyFile, writeHqKeyFile } from './keys'
import { serveCommand } from './serve-cli'
import { buildPackageFromFiles, printBuildSummary } from './package-build-cli'
import { verifyPackageFile } from './package-verify'

const USAGE = `用法 / usage:
  npm run hq                      (总部服务器 + 演示场次 / HQ server with the demo session)
  npm run hq -- serve [--port 8787] [--data .hq-data] [--key resources/dev-hq-key.json] [--allow-origin <url>] [--package <file.examdesk>]… [--token <登记码>]
  npm run hq -- keygen --out <key.json>
  npm run hq -- package build --roster <名单.csv|xlsx> --photos <照片目录> --session <session.json> --key <key.json> --out <file.examdesk> [--seats N]
  npm run hq -- package verify <file.examdesk> [--keys resources/hq-keys.json]
  npm run hq -- admit-cards --package <file.examdesk> --key <key.json> --out <file.pdf> [--per-page 1|2] [--font <path>]
  npm run hq -- ingest <签到台导出文件.examdesk-log> [--url http://localhost:8787] --token <登记码>`

class UsageError extends Error {}

function need(values: Record<string, unknown>, ...names: string[]): void {
  const missing = names.filter((n) => typeof values[n] !== 'string' || values[n] === '')
  if (missing.length > 0) throw new UsageError(`缺少参数 / missing option: ${missing.map((n) => `--${n}`).join(' ')}`)
}

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv
  if (command === undefined) return serveCommand([], { demoPackage: true })
  if (command === 'serve') return serveCommand(argv.slice(1), { demoPackage: false })
  if (command === 'ingest') return ingestCommand(argv.slice(1))
  if (command === 'keygen') {
    const { values } = parseArgs({ args: argv.slice(1), options: { out: { type: 'string' } } })
    need(values, 'out')
    const key = await generateHqKeyFile(new Date())
    const written = await writeHqKeyFile(values.out!, key)
    if (!written.ok) {
      console.error(`文件已存在，不会覆盖 / refusing to overwrite an existing file: ${values.out}`)
      return 1
    }
    console.log(
      `已生成 HQ 密钥 / HQ key written: ${values.out} (mode 0600)\n  keyId     ${key.keyId}\n  publicKey ${key.publicKey}`,
    )
    return 0
  }
  if (command === 'package' && sub === 'build') {
    const { values } = parseArgs({
      args: rest,
      options: {
        roster: { type: 'string' },
        photos: { type: 'string' },
        session: { type: 'string' },
        key: { type: 'string' },
        out: { type: 'string' },
        seats: { type: 'string' },
      },
    })
    need(values, 'roster', 'photos', 'session', 'key', 'out')
    const seats = values.seats === undefined ? undefined : Number(values.seats)
    if (seats !== undefined && !(Number.isInteger(seats) && seats >= 1 && seats <= 1000))
      throw new UsageError('--seats: 1–1000')
    const result = await buildPackageFromFiles({
      roster: values.roster!,
      photos: values.photos!,
      session: values.session!,
      key: values.key!,
      out: values.out!,
      ...(seats !== undefined ? { seats } : {}),
    })
    if (!result.ok) {
      console.error(result.lines.join('\n'))
      return 1
    }
    printBuildSummary(result.summary, result.notes)
    return 0
  }
  if (command === 'package' && sub === 'verify') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { keys: { type: 'string' } },
    })
    if (positionals.length !== 1) throw new UsageError('package verify <file.examdesk>')
    return verifyPackageFile(positionals[0]!, values.keys ?? 'resources/hq-keys.json')
  }
  if (command === 'admit-cards') {
    const { values } = parseArgs({
      args: argv.slice(1),
      options: {
        package: { type: 'string' },
        key: { type: 'string' },
        out: { type: 'string' },
        'per-page': { type: 'string' },
        font: { type: 'string' },
        limit: { type: 'string' },
      },
    })
    need(values, 'package', 'key', 'out')
    const perPage = values['per-page'] === undefined ? 2 : Number(values['per-page'])
    if (perPage !== 1 && perPage !== 2) throw new UsageError('--per-page: 1 or 2')
    return renderAdmitCardsCommand({
      packagePath: values.package!,
      keyPath: values.key!,
      out: values.out!,
      perPage,
      font: values.font ?? process.env.EXAMDESK_CJK_FONT,
      ...(values.limit ? { limit: Number(values.limit) } : {}),
    })
  }
  throw new UsageError(
    command ? `未知命令 / unknown command: ${[command, sub].filter(Boolean).join(' ')}` : '缺少命令 / no command',
  )
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof InputError) {
      console.error(err.lines.join('\n'))
      process.exit(1)
    }
    if (
      err instanceof UsageError ||
      (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      console.error(`${err.message}\n\n${USAGE}`)
      process.exit(2)
    }
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  },
)
