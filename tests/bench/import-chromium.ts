/**
 * Issue 4 benchmark: import a 5,000-candidate session package with photos into the web host in real
 * Chromium, through the import screen. Prints the time, candidates/s and peak memory of the browser.
 * Targets: ≥ 250 candidates/s with photos, peak memory ≤ 400 MB. `npx tsx tests/bench/import-chromium.ts [N]`
 */
import { startE2E } from '../e2e/harness'
import { rssOf, samplePackage } from './common'

const N = Number(process.argv[2] ?? 5000)
const today = new Date().toISOString().slice(0, 10)
const built0 = performance.now()
const { path, manifest } = await samplePackage(N, { photos: true, date: today })
console.log(
  `sample package: ${manifest.candidates.length} candidates (${((performance.now() - built0) / 1000).toFixed(1)} s to build or reuse) — ${path}`,
)

const e2e = await startE2E()
let peak = { totalMb: 0, largestMb: 0 }
const sampler = setInterval(() => {
  const now = rssOf(e2e.userDataDir)
  peak = { totalMb: Math.max(peak.totalMb, now.totalMb), largestMb: Math.max(peak.largestMb, now.largestMb) }
}, 100)
try {
  const page = e2e.page
  await page.goto(e2e.host.url)
  const before = rssOf(e2e.userDataDir)
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: '导入场次包…' }).click()
  const t0 = performance.now()
  await (await chooser).setFiles(path)
  await page.getByTestId('import-progress').waitFor()
  let sawProgress = 0
  while (!(await page.getByTestId('import-summary').isVisible())) {
    const value = await page
      .getByTestId('import-progress')
      .getAttribute('value', { timeout: 50 }) // the bar goes away when the summary comes
      .catch(() => null)
    if (value) sawProgress = Math.max(sawProgress, Number(value))
    await page.waitForTimeout(200)
  }
  const tPrepared = performance.now()
  const peakWhilePreparing = { ...peak }
  await page.getByRole('button', { name: /确认导入/ }).click()
  // Once the roster is live the desk asks who is working: the login screen means the import committed.
  await page
    .getByTestId('pin')
    .waitFor({ timeout: 120_000 })
    .catch(async (err: Error) => {
      await page.screenshot({ path: '/tmp/import-bench-failure.png' })
      throw err
    })
  const t1 = performance.now()
  const seconds = (t1 - t0) / 1000
  console.log(`import of ${N} candidates with photos in Chromium:`)
  console.log(
    `  verify + read + stage: ${((tPrepared - t0) / 1000).toFixed(1)} s; confirm: ${((t1 - tPrepared) / 1000).toFixed(1)} s; total ${seconds.toFixed(1)} s`,
  )
  console.log(`  throughput: ${(N / seconds).toFixed(0)} candidates/s (target ≥ 250)`)
  console.log(`  progress bar reached ${sawProgress}%`)
  console.log(
    `  memory: the page's process peaked at ${peak.largestMb.toFixed(0)} MB (target ≤ 400 MB); all of Chromium's processes ` +
      `${before.totalMb.toFixed(0)} MB before, ${peak.totalMb.toFixed(0)} MB at peak (+${(peak.totalMb - before.totalMb).toFixed(0)} MB; RSS, shared pages counted in each process)`,
  )
  console.log(
    `  of which while verifying, reading and staging: ${peakWhilePreparing.largestMb.toFixed(0)} MB (page's process)`,
  )
  console.log(`  console errors: ${e2e.consoleErrors.length}`)
} finally {
  clearInterval(sampler)
  await e2e.close()
}
