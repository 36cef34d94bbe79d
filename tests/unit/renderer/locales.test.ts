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

describe('every key the screens use', () => {
  it('is in the locale files (each literal t("…") key of src-renderer)', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs')
    const { join } = await import('node:path')
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => {
        const p = join(dir, f)
        return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : []
      })
    const used = new Set<string>()
    for (const f of files('src-renderer')) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w]*(?:\.[\w]+)+)'/g)) used.add(m[1]!)
    }
    expect(used.size).toBeGreaterThan(200)
    // A key with a count resolves to its plural forms (_one, _other) when the bare key is absent.
    const missing = (lng: string) =>
      [...used].filter((k) => !i18n.exists(k, { lng }) && !i18n.exists(`${k}_other`, { lng })).sort()
    expect(missing('zh-CN')).toEqual([])
    expect(missing('en')).toEqual([])
  })
})
