import { describe, expect, it } from 'vitest'
import { ledger } from '../../../src-renderer/db'
import { setSettings } from '../../../src-renderer/db/ledger'
import {
  readPinAttempts,
  readSetting,
  readSettings,
  writePinAttempts,
  writeSettings,
} from '../../../src-renderer/db/settings'

describe("the desk's settings", () => {
  it('read as their defaults before they were ever set', async () => {
    await ledger.settings.clear()
    expect(await readSettings(['deskName', 'subject', 'rooms', 'idleMinutes'])).toEqual({
      deskName: '',
      subject: null,
      rooms: [],
      idleMinutes: 10,
    })
    expect(await readSetting('language')).toBe('zh-CN')
    expect(await readSetting('hqUrl')).toBe('http://localhost:8787')
  })

  it('keep what was written, typed', async () => {
    await writeSettings({ deskName: '一号签到台', idleMinutes: 25, language: 'en' })
    expect(await readSetting('deskName')).toBe('一号签到台')
    expect(await readSetting('idleMinutes')).toBe(25)
    expect(await readSetting('language')).toBe('en')
  })

  it('read a stored value that no longer parses as the default, never as a crash', async () => {
    await setSettings(ledger, { idleMinutes: 'ten', language: 'fr', currentLogin: { staffId: 7 } })
    expect(await readSetting('idleMinutes')).toBe(10)
    expect(await readSetting('language')).toBe('zh-CN')
    expect(await readSetting('currentLogin')).toBeNull()
  })

  it('refuse a value out of range and write nothing of that call', async () => {
    await writeSettings({ deskName: '二号签到台', idleMinutes: 30 })
    await expect(writeSettings({ deskName: '三号签到台', idleMinutes: 999 })).rejects.toThrow()
    expect(await readSettings(['deskName', 'idleMinutes'])).toEqual({ deskName: '二号签到台', idleMinutes: 30 })
  })

  it("keep each person's PIN attempts apart", async () => {
    await writePinAttempts('proctor-1', { failures: 3, lockedUntil: null })
    expect(await readPinAttempts('proctor-1')).toEqual({ failures: 3, lockedUntil: null })
    expect(await readPinAttempts('proctor-2')).toEqual({ failures: 0, lockedUntil: null })
  })
})
