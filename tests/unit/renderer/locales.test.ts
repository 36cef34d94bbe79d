import { describe, expect, it } from 'vitest'
import i18n, { mergeMessages } from '../../../src-renderer/i18n'

const keysOf = (o: Record<string, unknown>, at = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keysOf(v as Record<string, unknown>, `${at}${k}.`) : [`${at}${k}`],
  )

describe('the screen text', () => {
  it("keeps the base file's strings of a namespace a feature adds to", () => {
    // The desk feature adds desk.screen.* beside the base file's desk.pendingN: both are there.
    expect(i18n.t('desk.pendingN', { count: 3 })).toBe('待上传 3 条')
    expect(i18n.t('desk.screen.alreadyIn')).not.toBe('desk.screen.alreadyIn')
  })

  it('has every string in Chinese and in English', () => {
    const zh = keysOf(i18n.getResourceBundle('zh-CN', 'translation') as Record<string, unknown>)
    const en = keysOf(i18n.getResourceBundle('en', 'translation') as Record<string, unknown>)
    expect(zh.filter((k) => !en.includes(k))).toEqual([])
    expect(en.filter((k) => !zh.includes(k))).toEqual([])
  })

  it('refuses a string with two homes', () => {
    expect(() => mergeMessages({ desk: { name: '签到台名称' } }, { desk: { name: '台名' } })).toThrow(/desk\.name/)
    expect(mergeMessages({ desk: { name: 'a' } }, { desk: { screen: { x: 'b' } } })).toEqual({
      desk: { name: 'a', screen: { x: 'b' } },
    })
  })
})
