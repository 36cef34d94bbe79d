/**
 * The `roster` database: what a session package brings. Re-creatable from the package, so relaxed
 * durability is enough (a power cut costs at most a re-import, never an event).
 */
import { Dexie, type EntityTable } from 'dexie'
import type { Body, Candidate, GroupTimes, Room, Session, Staff, Subject, Venue } from '../../src-shared/schemas'

/** One loaded session with everything the package says about it besides candidates and photos. */
export interface SessionRecord {
  id: string
  version: number
  /**
   * Candidates, photos and staff of this session are the rows with this rosterId. An import writes a
   * new rosterId beside the old one and switches this pointer in one transaction, so an interrupted
   * import leaves the previous roster as it was.
   */
  activeRosterId: string
  manifestSha256: string
  keyId: string
  session: Session
  body: Body
  venue: Venue
  subjects: Subject[]
  /** An occupation + level's own times for a subject, when the package gives some (not indexed). */
  groupTimes?: GroupTimes[]
  rooms: Room[]
  /** HQ public keys (base64url raw) valid for admit-card QR codes of this session. */
  hqKeys: string[]
  revokedAdmitCards: string[]
  importedAt: string
  demo: boolean
}

export interface CandidateRecord extends Candidate {
  rosterId: string
  /** Normalised lifetime number of the document, for lookup by a typed or read ID. */
  docKey: string
  /** Warnings found at import (photo off spec, invalid number…), shown on the candidate. */
  warnings: string[]
}

export interface PhotoRecord {
  rosterId: string
  admitCardNo: string
  blob: Blob
  width: number
  height: number
}

export interface StaffRecord extends Staff {
  rosterId: string
}

export type RosterDb = Dexie & {
  sessions: EntityTable<SessionRecord, 'id'>
  candidates: Dexie.Table<CandidateRecord, [string, string]>
  photos: Dexie.Table<PhotoRecord, [string, string]>
  staff: Dexie.Table<StaffRecord, [string, string]>
}

export interface DexieDeps {
  indexedDB?: IDBFactory
  IDBKeyRange?: typeof IDBKeyRange
}

/** Open (or create) the roster database. Tests pass fake-indexeddb through `deps`. */
export function createRosterDb(name = 'roster', deps: DexieDeps = {}): RosterDb {
  const db = new Dexie(name, { ...deps, chromeTransactionDurability: 'relaxed' }) as RosterDb
  db.version(1).stores({
    sessions: 'id',
    candidates: '[rosterId+admitCardNo], rosterId, [rosterId+docKey]',
    photos: '[rosterId+admitCardNo], rosterId',
    staff: '[rosterId+id], rosterId',
  })
  return db
}
