/**
 * `npm run hq` / `npm run hq -- serve [--port N] [--data dir] [--key file] [--allow-origin url]
 * [--package file.examdesk]… [--token T]`: HQ on localhost, PGlite in a data directory (or PostgreSQL
 * when DATABASE_URL is set), the development key by default. Prints its URL and the enrolment token;
 * closes the database cleanly on SIGINT/SIGTERM.
 */
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { FILE_KINDS, keyFileProblem, readInputFile } from './cli-errors'
import { readHqKeyFile, readTrustedKeys } from './keys'
import { startHq } from './server'

export const DEMO_PACKAGE = 'resources/demo-session.examdesk'

/** Run the server until a signal; resolves with the exit code. */
export async function serveCommand(args: string[], defaults: { demoPackage: boolean }): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '8787' },
      data: { type: 'string', default: '.hq-data' },
      key: { type: 'string', default: 'resources/dev-hq-key.json' },
      keys: { type: 'string', default: 'resources/hq-keys.json' },
      'allow-origin': { type: 'string' },
      package: { type: 'string', multiple: true },
      token: { type: 'string' },
    },
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError('--port: 0–65535')
  const key = await readHqKeyFile(values.key!)
  if (!key.ok) {
    console.error(`HQ 密钥无法使用 / HQ key unusable: ${keyFileProblem(values.key!, key)}`)
    return 1
  }
  const packagePaths = values.package ?? (defaults.demoPackage && existsSync(DEMO_PACKAGE) ? [DEMO_PACKAGE] : [])
  const url = process.env.DATABASE_URL
  const hq = await startHq({
    db: url ? { url } : { dataDir: values.data! },
    key: key.key,
    trusted: await readTrustedKeys(values.keys!),
    port,
    packages: await Promise.all(
      packagePaths.map(async (p) => new Uint8Array(await readInputFile(FILE_KINDS.package, p))),
    ),
    ...(values['allow-origin'] ? { allowOrigin: values['allow-origin'] } : {}),
    ...(values.token ? { enrolToken: values.token } : {}),
  })
  console.log(`ExamDesk HQ: ${hq.url}  (${url ? 'PostgreSQL' : `PGlite ${values.data}`}; Ctrl+C to stop)`)
  console.log(`  登记码 / enrolment token: ${hq.enrolToken}`)
  if (packagePaths.length) console.log(`  名单包 / packages: ${packagePaths.join(', ')}`)
  if (key.key.file.warning) console.log(`  注意 / note: ${key.key.file.warning}`)
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      console.log(`\n${signal}: 正在关闭 / closing…`)
      hq.close().then(
        () => resolve(0),
        (err: Error) => {
          console.error(err.message)
          resolve(1)
        },
      )
    }
    process.once('SIGINT', () => stop('SIGINT'))
    process.once('SIGTERM', () => stop('SIGTERM'))
  })
}
