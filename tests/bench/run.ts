/**
 * `npm run bench`: every benchmark, one after another, each in its own process (so one's memory and
 * warm caches never flatter the next). They print figures against their targets; none of them fails
 * the build: speed is measured here, never asserted in tests.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const BENCHES: { file: string; args: string[]; what: string }[] = [
  { file: 'tests/bench/import-chromium.ts', args: ['5000'], what: 'issue 4 — import 5,000 candidates with photos' },
  { file: 'tests/bench/desk-chromium.ts', args: ['10000', '300'], what: 'issue 5 — scan → verdict, admit commit' },
  { file: 'tests/bench/sync.ts', args: ['20000'], what: 'issue 6 — 20,000 events desk → HQ' },
  { file: 'tests/bench/board.ts', args: [], what: 'issue 7 — board recompute, 10,000 × 2 subjects' },
  { file: 'tests/bench/first-screen.ts', args: [], what: 'issue 11 — JavaScript the first and login screens load' },
]

const only = process.argv.slice(2)
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'inherit', shell: false }).status ?? 1

if (!existsSync('out/renderer/index.html') || process.env.BENCH_REBUILD) {
  console.log('building the renderer (electron-vite build)…')
  if (run('npx', ['electron-vite', 'build']) !== 0) process.exit(1)
}

let failures = 0
for (const b of BENCHES) {
  if (only.length > 0 && !only.some((o) => b.file.includes(o))) continue
  console.log(`\n━━ ${b.what} (${b.file})`)
  const status = run('npx', ['tsx', b.file, ...b.args])
  if (status !== 0) {
    failures++
    console.log(`   ✗ ${b.file} stopped with status ${status}`)
  }
}
process.exit(failures > 0 ? 1 : 0)
