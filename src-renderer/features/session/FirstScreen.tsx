import { DeskCard } from './DeskCard'
import { SessionCard } from './SessionCard'

/** The first screen: which session is loaded (and importing one), and who this desk is. */
export function FirstScreen() {
  return (
    <div className="first-screen">
      <SessionCard />
      <DeskCard />
    </div>
  )
}
