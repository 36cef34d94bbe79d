import type { Approvers } from '../../components/ApprovalDialog'
import { DeskCard } from './DeskCard'
import { SessionCard } from './SessionCard'

/**
 * The first screen: which session is loaded (and importing one), and who this desk is. Before any session
 * is loaded nobody can log in and anyone may import; once staff are logged in (`approvers`), a proctor
 * needs a site manager's PIN to import a package or change the desk's settings.
 */
export function FirstScreen({ approvers }: { approvers?: Approvers }) {
  return (
    <div className="first-screen">
      <SessionCard approvers={approvers} />
      <DeskCard approvers={approvers} />
    </div>
  )
}
