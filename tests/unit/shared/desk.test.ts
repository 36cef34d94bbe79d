import { describe, expect, it } from 'vitest'
import { DeskSettingsForm } from '../../../src-shared/desk'

const errorsOf = (v: unknown) => {
  const r = DeskSettingsForm.safeParse(v)
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`)
}

describe("the desk's settings", () => {
  it('takes a name and the idle minutes, trimming the name', () => {
    expect(DeskSettingsForm.parse({ name: ' 一号签到台 ', idleMinutes: 15 })).toEqual({
      name: '一号签到台',
      idleMinutes: 15,
    })
  })

  it('accepts 0 idle minutes: the desk never locks by itself', () => {
    expect(errorsOf({ name: '一号签到台', idleMinutes: 0 })).toEqual([])
  })

  it('refuses idle minutes that are negative, fractional, past two hours or not a number', () => {
    for (const idleMinutes of [-1, 2.5, 121, Number.NaN]) {
      expect(errorsOf({ name: '一号签到台', idleMinutes })).toEqual(['idleMinutes:idleMinutesRange'])
    }
  })

  it('refuses an empty name, a name past 30 characters, and control characters', () => {
    expect(errorsOf({ name: '  ', idleMinutes: 10 })).toEqual(['name:deskNameEmpty'])
    expect(errorsOf({ name: '台'.repeat(31), idleMinutes: 10 })).toEqual(['name:deskNameTooLong'])
    expect(errorsOf({ name: '一号\u0007', idleMinutes: 10 })).toEqual(['name:deskNameChars'])
  })
})
