/** Screen text comes only from the locale files; zh-CN is the default, English on request. */
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import en from './locales/en.json'
import zhCN from './locales/zh-CN.json'

export const LANGUAGES = ['zh-CN', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v)
}

type Messages = Record<string, unknown>

/**
 * Each feature may keep its own strings in features/<name>/locales/<lang>.json, merged in here key by key:
 * a feature may add to a namespace of the base file (`desk.screen.*` beside `desk.pendingN`), never replace
 * a string the base file has. Two homes for one string are a mistake, so a clash throws at start-up.
 */
export function mergeMessages(base: Messages, extra: Messages, at = ''): Messages {
  const merged: Messages = { ...base }
  for (const [key, value] of Object.entries(extra)) {
    const old = merged[key]
    if (old === undefined) merged[key] = value
    else if (isObject(old) && isObject(value)) merged[key] = mergeMessages(old, value, `${at}${key}.`)
    else throw new Error(`The string ${at}${key} has two homes: the base locale file and a feature's`)
  }
  return merged
}

const isObject = (v: unknown): v is Messages => typeof v === 'object' && v !== null && !Array.isArray(v)

function withFeatures(base: Messages, lang: string): Messages {
  const modules = import.meta.glob<{ default: Messages }>('./features/*/locales/*.json', { eager: true })
  let merged = base
  for (const [path, mod] of Object.entries(modules)) {
    if (path.endsWith(`/${lang}.json`)) merged = mergeMessages(merged, mod.default)
  }
  return merged
}

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: withFeatures(zhCN, 'zh-CN') }, en: { translation: withFeatures(en, 'en') } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
})

export default i18next
