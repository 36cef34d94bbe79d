/** Desk settings kept in the ledger database (strict durability): they are part of the desk's record. */
import { useLiveQuery } from 'dexie-react-hooks'
import type { SubjectCode } from '../../src-shared/schemas'
import { ledger } from '../db'
import { getSettings, setSettings } from '../db/ledger'

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
  const values = await getSettings(ledger, KEYS)
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS }
  values.forEach((value, i) => {
    if (value !== undefined) out[KEYS[i]!] = value
  })
  return out as unknown as DeskSettings
}

export async function saveDeskSettings(patch: Partial<DeskSettings>): Promise<void> {
  await setSettings(ledger, patch)
}

/** The desk settings, kept current. Undefined while loading. */
export function useDeskSettings(): DeskSettings | undefined {
  return useLiveQuery(loadDeskSettings, [])
}
