/** Desk settings kept in the ledger database (strict durability): they are part of the desk's record. */
import { useLiveQuery } from 'dexie-react-hooks'
import type { SubjectCode } from '../../src-shared/schemas'
import { readSettings, writeSettings } from '../db/settings'

export interface DeskSettings {
  deskName: string
  /** The subject this desk admits for now; null until set up. */
  subject: SubjectCode | null
  /** Room ids this desk serves; empty = every room. */
  rooms: string[]
  /** Minutes without activity before the desk locks itself; 0 = never. */
  idleMinutes: number
}

const KEYS = ['deskName', 'subject', 'rooms', 'idleMinutes'] as const satisfies readonly (keyof DeskSettings)[]

/** The desk's own settings (the keys and their defaults are in db/settings.ts). */
export function loadDeskSettings(): Promise<DeskSettings> {
  return readSettings(KEYS)
}

export async function saveDeskSettings(patch: Partial<DeskSettings>): Promise<void> {
  await writeSettings(patch)
}

/** The desk settings, kept current. Undefined while loading. */
export function useDeskSettings(): DeskSettings | undefined {
  return useLiveQuery(loadDeskSettings, [])
}
