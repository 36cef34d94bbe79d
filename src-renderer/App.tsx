import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from './features/settings/LanguageSwitch'
import { LoginScreen } from './features/login/LoginScreen'
import { AuthProvider, useAuth } from './state/auth'
import { useActiveSession } from './state/session'
import { useDeskSettings } from './state/settings'
import type { SessionRecord } from './db/roster'
import type { DeskSettings } from './state/settings'

// Loaded when first shown: the login screen needs neither the desk's pages nor the import (zip, package
// checks), so a desk starts on the small part of the code it needs first (npm run bench -- first-screen).
const FirstScreen = lazy(() => import('./features/session/FirstScreen').then((m) => ({ default: m.FirstScreen })))
const DeskShell = lazy(() => import('./DeskShell').then((m) => ({ default: m.DeskShell })))

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
        <Suspense fallback={null}>
          {session === undefined || settings === undefined ? null : session === null ? (
            <FirstScreen />
          ) : (
            <AuthProvider session={session} idleMinutes={settings.idleMinutes}>
              <LoggedIn session={session} settings={settings} />
            </AuthProvider>
          )}
        </Suspense>
      </main>
    </div>
  )
}

function LoggedIn({ session, settings }: { session: SessionRecord; settings: DeskSettings }) {
  const { staff } = useAuth()
  return staff ? <DeskShell session={session} settings={settings} staff={staff} /> : <LoginScreen session={session} />
}
