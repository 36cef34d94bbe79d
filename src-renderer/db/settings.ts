/**
 * The desk's settings, in one place: every key with its zod schema and its default. They live in the
 * ledger database (strict durability: they are part of the desk's record). A stored value that no longer
 * parses (an older version wrote it, or it was edited) reads as the default, never as a crash.
 */
import { z } from 'zod'
import { DESK_NAME_MAX, IDLE_MINUTES_MAX } from '../../src-shared/desk'
import { SubjectCode } from '../../src-shared/schemas'
import { ledger } from './index'
import { getSettings, setSettings } from './ledger'

const PinAttempts = z.object({ failures: z.number().int().min(0), lockedUntil: z.string().nullable() })

/** Every setting: its schema, and what it is before it was ever set. */
export const SETTINGS = {
  deskName: { schema: z.string().max(DESK_NAME_MAX), fallback: '' },
  /** The subject this desk admits for now; null until set up. */
  subject: { schema: SubjectCode.nullable(), fallback: null },
  /** Room ids this desk serves; empty = every room. */
  rooms: { schema: z.array(z.string()), fallback: [] as string[] },
  /** Minutes without activity before the desk locks itself; 0 = never. */
  idleMinutes: { schema: z.number().int().min(0).max(IDLE_MINUTES_MAX), fallback: 10 },
  language: { schema: z.enum(['zh-CN', 'en']), fallback: 'zh-CN' as const },
  /** Who is logged in at this desk, so a restart mid-day keeps them. */
  currentLogin: { schema: z.object({ staffId: z.string(), sessionId: z.string() }).nullable(), fallback: null },
  /** The venue this desk serves: fixed by the first real session imported. */
  venueId: { schema: z.string().nullable(), fallback: null },
  hqUrl: { schema: z.string(), fallback: 'http://localhost:8787' },
} as const

export type SettingKey = keyof typeof SETTINGS
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>

const valueOf = <K extends SettingKey>(key: K, raw: unknown): SettingValue<K> => {
  const r = SETTINGS[key].schema.safeParse(raw)
  return (r.success ? r.data : SETTINGS[key].fallback) as SettingValue<K>
}

export async function readSetting<K extends SettingKey>(key: K): Promise<SettingValue<K>> {
  const [raw] = await getSettings(ledger, [key])
  return valueOf(key, raw)
}

/** Several settings at once. */
export async function readSettings<K extends SettingKey>(keys: readonly K[]): Promise<{ [P in K]: SettingValue<P> }> {
  const raws = await getSettings(ledger, keys)
  return Object.fromEntries(keys.map((k, i) => [k, valueOf(k, raws[i])])) as { [P in K]: SettingValue<P> }
}

/** Write settings; a value its schema refuses throws before anything is written. */
export async function writeSettings(values: { [K in SettingKey]?: SettingValue<K> }): Promise<void> {
  const parsed = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, SETTINGS[k as SettingKey].schema.parse(v)]),
  )
  await setSettings(ledger, parsed)
}

/** The PIN attempts of one person at this desk (the lockout of staff-rules.ts), kept per staff id. */
const pinKey = (staffId: string) => `pinAttempts:${staffId}`
export async function readPinAttempts(staffId: string): Promise<z.infer<typeof PinAttempts>> {
  const [raw] = await getSettings(ledger, [pinKey(staffId)])
  const r = PinAttempts.safeParse(raw)
  return r.success ? r.data : { failures: 0, lockedUntil: null }
}
export async function writePinAttempts(staffId: string, attempts: z.infer<typeof PinAttempts>): Promise<void> {
  await setSettings(ledger, { [pinKey(staffId)]: PinAttempts.parse(attempts) })
}
