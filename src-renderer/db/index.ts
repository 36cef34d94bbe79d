/** The desk's two databases, opened once for the whole renderer. */
import { createLedgerDb, type LedgerDb } from './ledger'
import { createRosterDb, type RosterDb } from './roster'

export const roster: RosterDb = createRosterDb()
export const ledger: LedgerDb = createLedgerDb()
