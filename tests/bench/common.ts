/** Shared by the benchmarks: a sample package on disk, and memory sampling of the browser's processes. */
import { execFileSync } from 'node:child_process'
import { existsSync, openAsBlob } from 'node:fs'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openPackage } from '../../src-shared/package-reader'
import type { Manifest } from '../../src-shared/package-format'
import { readHqKeyFile } from '../../src-hq/keys'
import { buildPackage } from '../../src-hq/package-build-cli'
import { generateSample } from '../../src-hq/sample'

/** Build (once, cached in the temp folder) a sample session package of `n` candidates. */
export async function samplePackage(
  n: number,
  opts: { photos: boolean; date: string },
): Promise<{ path: string; manifest: Manifest }> {
  const path = join(tmpdir(), `examdesk-bench-${n}-${opts.photos ? 'photos' : 'nophotos'}-${opts.date}.examdesk`)
  if (!existsSync(path)) {
    const key = await readHqKeyFile('resources/dev-hq-key.json')
    if (!key.ok) throw new Error('development key missing')
    const sample = generateSample({ candidates: n, seed: 7, date: opts.date })
    const built = await buildPackage(
      sample.input,
      sample.roster,
      opts.photos ? sample.photos : new Map(),
      key.key,
      path,
      new Date(),
    )
    if (!built.ok) throw new Error(built.lines.join('\n'))
  }
  const keys = JSON.parse(readFileSync('resources/hq-keys.json', 'utf8'))
  const r = await openPackage(await openAsBlob(path), keys)
  if (!r.ok) throw new Error(`sample does not open: ${r.reason}`)
  await r.pkg.close()
  return { path, manifest: r.pkg.manifest }
}

/**
 * Resident set size (MB) of the browser started with `marker` in its command line and every process
 * under it (renderer, GPU, utility): the total, and the largest single process (the page's renderer).
 */
export function rssOf(marker: string): { totalMb: number; largestMb: number } {
  let out = ''
  try {
    out = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })
  } catch {
    return { totalMb: 0, largestMb: 0 }
  }
  const procs = out
    .split('\n')
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), kb: Number(m[3]), args: m[4]! }))
  const inTree = new Set(procs.filter((p) => p.args.includes(marker)).map((p) => p.pid))
  for (let grew = true; grew;) {
    grew = false
    for (const p of procs) {
      if (inTree.has(p.pid) || !inTree.has(p.ppid)) continue
      inTree.add(p.pid)
      grew = true
    }
  }
  let total = 0
  let largest = 0
  for (const p of procs) {
    if (!inTree.has(p.pid)) continue
    total += p.kb
    largest = Math.max(largest, p.kb)
  }
  return { totalMb: total / 1024, largestMb: largest / 1024 }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

export const fmt = (ms: number) => `${ms.toFixed(1)} ms`
