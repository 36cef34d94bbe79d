import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { readSetting, writeSettings } from '../../db/settings'
import { LANGUAGES, isLanguage } from '../../i18n'

/** zh-CN by default; the choice is kept on the desk and restored on start. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation()

  useEffect(() => {
    void readSetting('language').then((lng) => {
      if (isLanguage(lng) && lng !== i18n.language) void i18n.changeLanguage(lng)
    })
  }, [i18n])

  useEffect(() => {
    document.documentElement.lang = i18n.language
  }, [i18n.language])

  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          aria-pressed={i18n.language === lng}
          onClick={() => {
            void i18n.changeLanguage(lng)
            void writeSettings({ language: lng })
          }}
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </div>
  )
}
