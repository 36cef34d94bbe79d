/**
 * `npm run sample -- --candidates N [--out file] [--seed S] [--demo] [--group-times] [--date YYYY-MM-DD] [--key key.json]`:
 * a synthetic session package signed with the development key (resources/dev-hq-key.json).
 */
import { parseArgs } from 'node:util'
import { readHqKeyFile } from './keys'
import { buildPackage, printBuildSummary } from './package-build-cli'
import { generateSample } from './sample'

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      candidates: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      demo: { type: 'boolean', default: false },
      'group-times': { type: 'boolean', default: false },
      date: { type: 'string' },
      key: { type: 'string', default: 'resources/dev-hq-key.json' },
    },
  })
  const candidates = Number(values.candidates)
  const seed = Number(values.seed)
  if (!Number.isInteger(candidates) || candidates < 1 || candidates > 15_000 || !Number.isInteger(seed)) {
    console.error(
      '用法 / usage: npm run sample -- --candidates N (1–15000) [--out file] [--seed S] [--demo] [--group-times] [--date YYYY-MM-DD]',
    )
    return 2
  }
  const key = await readHqKeyFile(values.key)
  if (!key.ok) {
    console.error(`密钥文件无效 / bad key file (${key.reason}): ${values.key}`)
    return 1
  }
  const started = performance.now()
  const sample = generateSample({
    candidates,
    seed,
    demo: values.demo,
    groupTimes: values['group-times'],
    ...(values.date ? { date: values.date } : {}),
  })
  const out = values.out ?? `sample-${candidates}.examdesk`
  const built = await buildPackage(sample.input, sample.roster, sample.photos, key.key, out, new Date())
  if (!built.ok) {
    console.error(built.lines.join('\n'))
    return 1
  }
  printBuildSummary(built.summary, built.notes)
  console.log(`  用时 time ${((performance.now() - started) / 1000).toFixed(1)} s`)
  console.log('  工作人员 staff (sample PINs — 仅供示例/演示):')
  for (const s of sample.input.staff)
    console.log(
      `    ${s.name}  ${s.role === 'siteManager' ? '考点主任 site manager' : '监考 proctor'}  id ${s.id}  PIN ${s.pin}`,
    )
  return 0
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  },
)
