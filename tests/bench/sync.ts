/**
 * Sync benchmark: 20,000 events from one desk (fake-indexeddb ledger, the real sync client) to HQ
 * (the real server, embedded PGlite in a temp directory) over loopback HTTP. Prints events/s; target ≥ 5,000.
 * Runs on its own: `npx tsx tests/bench/sync.ts [events]` (DATABASE_URL set: against PostgreSQL).
 */
import { syncToHq } from '../../src-renderer/db/sync'
import { aDesk, DEMO_PACKAGE_BYTES, enrol, fetchRequest, record, TestHq, TRUSTED } from '../unit/hq/sync-helpers'

const N = Number(process.argv[2] ?? 20_000)
const TARGET = 5_000

async function main(): Promise<void> {
  const hq = new TestHq()
  await hq.start({ packages: [DEMO_PACKAGE_BYTES], rate: { capacity: 1e6, perSecond: 1e6 } })
  const desk = await aDesk()
  await enrol(hq, desk)
  const t0 = performance.now()
  const kinds = ['checkIn', 'note'] as const
  await record(
    desk,
    Array.from({ length: N }, (_, i) =>
      kinds[i % 2] === 'checkIn'
        ? {
            type: 'checkIn' as const,
            payload: {
              admitCardNo: `BENCH${String(i).padStart(8, '0')}`,
              subject: 'theory' as const,
              method: 'qr' as const,
              verdict: 'admit' as const,
              reasons: [],
              checklist: { faceMatches: true, originalDocumentSeen: true },
            },
          }
        : { type: 'note' as const, payload: { text: `第 ${i} 条备注：考生携带物品已检查` } },
    ),
  )
  const built = performance.now()
  const r = await syncToHq({ db: desk.db, key: desk, hqUrl: hq.url, request: fetchRequest, trusted: TRUSTED })
  const done = performance.now()
  const held = (await hq.events(desk.deviceId)).length
  await hq.dispose()
  if (!r.ok || held !== N) throw new Error(`sync failed: ${JSON.stringify(r)} (HQ holds ${held} of ${N})`)
  const seconds = (done - built) / 1000
  const rate = Math.round(N / seconds)
  console.log(
    `sync: ${N} events desk → HQ (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}) in ${seconds.toFixed(2)} s, ` +
      `${r.progress.batches} batches, ${(r.progress.bytes / 1024 / 1024).toFixed(1)} MiB: ${rate} events/s ` +
      `(target ≥ ${TARGET}) ${rate >= TARGET ? 'OK' : 'BELOW TARGET'}  [building and signing the log: ${((built - t0) / 1000).toFixed(1)} s]`,
  )
  process.exitCode = rate >= TARGET ? 0 : 1
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
