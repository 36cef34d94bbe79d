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

/** Each feature may keep its own strings in features/<name>/locales/<lang>.json, merged in here. */
function withFeatures(base: Messages, lang: string): Messages {
  const modules = import.meta.glob<{ default: Messages }>('./features/*/locales/*.json', { eager: true })
  const merged: Messages = { ...base }
  for (const [path, mod] of Object.entries(modules)) {
    if (path.endsWith(`/${lang}.json`)) Object.assign(merged, mod.default)
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
