import { useTranslation } from 'react-i18next'
import { FirstScreen } from './features/session/FirstScreen'
import { LanguageSwitch } from './features/settings/LanguageSwitch'
import { DeskShell } from './DeskShell'
import { LoginScreen } from './features/login/LoginScreen'
import { AuthProvider, useAuth } from './state/auth'
import { useActiveSession } from './state/session'
import { useDeskSettings } from './state/settings'
import type { SessionRecord } from './db/roster'
import type { DeskSettings } from './state/settings'

export function App() {
  const { t } = useTranslation()
  const session = useActiveSession()
  const settings = useDeskSettings()
  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="subtitle">{t('app.subtitle')}</p>
        </div>
        <LanguageSwitch />
      </header>
      <main className="app-main">
        {session === undefined || settings === undefined ? null : session === null ? (
          <FirstScreen />
        ) : (
          <AuthProvider session={session} idleMinutes={settings.idleMinutes}>
            <LoggedIn session={session} settings={settings} />
          </AuthProvider>
        )}
      </main>
    </div>
  )
}

function LoggedIn({ session, settings }: { session: SessionRecord; settings: DeskSettings }) {
  const { staff } = useAuth()
  return staff ? <DeskShell session={session} settings={settings} staff={staff} /> : <LoginScreen session={session} />
}
