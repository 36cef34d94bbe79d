/**
 * The `ledger` database: the append-only event log of this desk. It cannot be re-created from
 * anywhere, so every transaction is committed with strict durability: a check-in on screen must
 * survive a power cut a second later.
 */
import { Dexie, type EntityTable } from 'dexie'
import type { LedgerEvent } from '../../src-shared/schemas'
import type { DexieDeps } from './roster'

/** The last event of the chain; absent before the first event. */
export interface HeadRecord {
  id: 'head'
  seq: number
  hash: string
}

/** Where upload to HQ stands (sync-protocol.md "Upload"). */
export interface SyncRecord {
  id: 'sync'
  ackedSeq: number
  headHash: string | null
  lastError: string | null
  lastAttemptAt: string | null
}

export interface ReceiptRecord {
  id?: number
  receivedAt: string
  ackedSeq: number
  receipt: string
}

export interface SettingRecord {
  key: string
  value: unknown
}

/** The web host's desk key: a non-extractable CryptoKeyPair stored as is (IndexedDB clones it). */
export interface KeyRecord {
  id: 'desk'
  keyPair: CryptoKeyPair
  deviceId: string
  publicKey: string
}

export type LedgerDb = Dexie & {
  events: EntityTable<LedgerEvent, 'seq'>
  head: EntityTable<HeadRecord, 'id'>
  sync: EntityTable<SyncRecord, 'id'>
  receipts: EntityTable<ReceiptRecord, 'id'>
  settings: EntityTable<SettingRecord, 'key'>
  keys: EntityTable<KeyRecord, 'id'>
}

/** Open (or create) the ledger database. Tests pass fake-indexeddb through `deps`. */
export function createLedgerDb(name = 'ledger', deps: DexieDeps = {}): LedgerDb {
  const db = new Dexie(name, { ...deps, chromeTransactionDurability: 'strict' }) as LedgerDb
  db.version(1).stores({
    events: 'seq, &eventId, type, sessionId, payload.admitCardNo, deviceTime',
    head: 'id',
    sync: 'id',
    receipts: '++id',
    settings: 'key',
    keys: 'id',
  })
  return db
}

export async function getSetting<T>(db: LedgerDb, key: string, fallback: T): Promise<T> {
  const row = await db.settings.get(key)
  return row === undefined ? fallback : (row.value as T)
}

export async function setSetting(db: LedgerDb, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value })
}

/** Several settings at once, in the order asked (undefined where a setting was never set). */
export async function getSettings(db: LedgerDb, keys: readonly string[]): Promise<unknown[]> {
  const rows = await db.settings.bulkGet([...keys])
  return rows.map((r) => r?.value)
}

/** Several settings in one transaction. */
export async function setSettings(db: LedgerDb, values: Record<string, unknown>): Promise<void> {
  await db.settings.bulkPut(Object.entries(values).map(([key, value]) => ({ key, value })))
}
