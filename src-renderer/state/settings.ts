/** Desk settings kept in the ledger database (strict durability): they are part of the desk's record. */
import { useLiveQuery } from 'dexie-react-hooks'
import type { SubjectCode } from '../../src-shared/schemas'
import { ledger } from '../db'

export interface DeskSettings {
  deskName: string
  /** The subject this desk admits for now; null until set up. */
  subject: SubjectCode | null
  /** Room ids this desk serves; empty = every room. */
  rooms: string[]
  /** Minutes without activity before the desk locks itself; 0 = never. */
  idleMinutes: number
}

export const DEFAULT_SETTINGS: DeskSettings = { deskName: '', subject: null, rooms: [], idleMinutes: 10 }

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof DeskSettings)[]

export async function loadDeskSettings(): Promise<DeskSettings> {
  const rows = await ledger.settings.bulkGet(KEYS)
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS }
  rows.forEach((row, i) => {
    if (row !== undefined) out[KEYS[i]!] = row.value
  })
  return out as unknown as DeskSettings
}

export async function saveDeskSettings(patch: Partial<DeskSettings>): Promise<void> {
  await ledger.settings.bulkPut(Object.entries(patch).map(([key, value]) => ({ key, value })))
}

/** The desk settings, kept current. Undefined while loading. */
export function useDeskSettings(): DeskSettings | undefined {
  return useLiveQuery(loadDeskSettings, [])
}
