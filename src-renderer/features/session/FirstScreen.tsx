import { DeskCard } from './DeskCard'
import { SessionCard } from './SessionCard'

/**
 * The first screen: which session is loaded (and importing one), and who this desk is. Before any session
 * is loaded nobody can log in, so anyone may import; once logged in, only a site manager may (`canImport`).
 */
export function FirstScreen({ canImport = true }: { canImport?: boolean }) {
  return (
    <div className="first-screen">
      <SessionCard canImport={canImport} />
      <DeskCard />
    </div>
  )
}
