import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLedgerDb, getSetting, setSetting } from '../../../src-renderer/db/ledger'
import { createRosterDb } from '../../../src-renderer/db/roster'

let n = 0
const fresh = (prefix: string) => `${prefix}-${++n}-${Math.random().toString(36).slice(2)}`

/** Capture the durability IndexedDB is asked for on every transaction. */
function spyDurability() {
  const seen: (string | undefined)[] = []
  const original = IDBDatabase.prototype.transaction
  vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
    this: IDBDatabase,
    stores: string | Iterable<string>,
    mode?: IDBTransactionMode,
    options?: IDBTransactionOptions,
  ) {
    if (mode === 'readwrite') seen.push(options?.durability)
    return original.call(this, stores, mode, options)
  })
  return seen
}

afterEach(() => vi.restoreAllMocks())

describe('the ledger database', () => {
  it('commits every write with strict durability: a check-in must survive a power cut', async () => {
    const seen = spyDurability()
    const db = createLedgerDb(fresh('ledger'))
    await setSetting(db, 'deskName', '一号签到台')
    await db.head.put({ id: 'head', seq: 1, hash: '0'.repeat(64) })
    expect(seen.length).toBeGreaterThanOrEqual(2)
    expect(new Set(seen)).toEqual(new Set(['strict']))
    expect(await getSetting(db, 'deskName', '')).toBe('一号签到台')
    db.close()
  })

  it('has the tables of the event log, its head, sync state, receipts, settings and the desk key', async () => {
    const db = createLedgerDb(fresh('ledger'))
    await db.open()
    expect(db.tables.map((t) => t.name).sort()).toEqual(['events', 'head', 'keys', 'receipts', 'settings', 'sync'])
    expect(db.events.schema.primKey.keyPath).toBe('seq')
    expect(db.events.schema.idxByName['eventId']?.unique).toBe(true)
    db.close()
  })

  it('refuses a second event with the same eventId', async () => {
    const db = createLedgerDb(fresh('ledger'))
    const e = { seq: 1, eventId: 'e1', payload: {} } as never
    await db.events.add(e)
    await expect(db.events.add({ ...(e as object), seq: 2 } as never)).rejects.toThrow()
    db.close()
  })
})

describe('the roster database', () => {
  it('uses relaxed durability: it is re-created from the package if lost', async () => {
    const seen = spyDurability()
    const db = createRosterDb(fresh('roster'))
    await db.sessions.put({ id: 's1' } as never)
    expect(new Set(seen)).toEqual(new Set(['relaxed']))
    db.close()
  })

  it('finds a candidate by admit card number and by document within one roster', async () => {
    const db = createRosterDb(fresh('roster'))
    await db.candidates.bulkAdd([
      { rosterId: 's1', admitCardNo: 'A001', docKey: '11010519491231002X' } as never,
      { rosterId: 's2', admitCardNo: 'A001', docKey: '11010519491231002X' } as never,
    ])
    expect(await db.candidates.get(['s1', 'A001'])).toMatchObject({ rosterId: 's1' })
    expect(await db.candidates.where('[rosterId+docKey]').equals(['s2', '11010519491231002X']).count()).toBe(1)
    db.close()
  })
})
