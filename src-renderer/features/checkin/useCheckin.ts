/**
 * Runs the check-in machine (src-shared/checkin-machine.ts) at the desk: builds the facts of the moment
 * for each action, and carries out the effects — verify a QR, read the card, sign and append an event
 * (resolved only after its strict transaction committed), beep, start the success screen's timer. It
 * decides nothing itself.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { verifyAdmitCardQr, keyIdOf } from '../../../src-shared/admit-card'
import { lastCheckInOf } from '../../../src-shared/checkin-dialogs'
import {
  checkinStep,
  INITIAL,
  type CheckinAction,
  type CheckinContext,
  type CheckinState,
  type Effect,
} from '../../../src-shared/checkin-machine'
import { importPublicKeyRaw } from '../../../src-shared/crypto'
import type { EventPayload, SubjectCode } from '../../../src-shared/schemas'
import { searchCandidates } from '../../../src-shared/search'
import type { SessionRecord, StaffRecord } from '../../db/roster'
import { record } from '../../desk'
import { platform } from '../../platform'
import { simulatedReader } from '../../platform/simulated-reader'
import { beep } from '../../sound'
import type { DeskData } from '../../state/desk-data'

export interface CheckinDeps {
  session: SessionRecord
  data: DeskData
  subject: SubjectCode
  rooms: readonly string[]
  deviceId: string
  staff: StaffRecord
}

const trustedQrKeys = new Map<string, Promise<{ keyId: string; publicKey: CryptoKey }[]>>()

/** The session's admit-card keys, imported once. */
function qrKeys(session: SessionRecord) {
  const cacheKey = session.hqKeys.join(',')
  let keys = trustedQrKeys.get(cacheKey)
  if (!keys) {
    keys = Promise.all(
      session.hqKeys.map(async (raw) => ({ keyId: await keyIdOf(raw), publicKey: await importPublicKeyRaw(raw) })),
    )
    trustedQrKeys.set(cacheKey, keys)
  }
  return keys
}

export function useCheckin(deps: CheckinDeps) {
  const [state, setState] = useState<CheckinState>(INITIAL)
  const stateRef = useRef(state)
  const depsRef = useRef(deps)
  depsRef.current = deps
  const timer = useRef<number | undefined>(undefined)

  /** The facts now: this instant, the desk's index as it stands, who is logged in. */
  const context = useCallback((): CheckinContext => {
    const { data, subject, deviceId, rooms, staff } = depsRef.current
    return {
      roster: data.rosterView(subject, deviceId, rooms),
      ledger: data.ledgerView,
      now: new Date(),
      staff: { id: staff.id, role: staff.role },
      search: (q) => searchCandidates(data.search, q, 20),
      lastCheckIn: () => lastCheckInOf(data.index, deviceId, subject),
      eventById: (id) => data.index.byEventId.get(id),
    }
  }, [])

  const dispatch = useCallback((action: CheckinAction) => {
    const step = checkinStep(stateRef.current, action, context())
    stateRef.current = step.state
    setState(step.state)
    for (const effect of step.effects) void run(effect)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const run = async (effect: Effect): Promise<void> => {
    const { session } = depsRef.current
    try {
      switch (effect.kind) {
        case 'verifyQr': {
          const check = await verifyAdmitCardQr(effect.text, await qrKeys(session))
          return dispatch({ type: 'qrChecked', text: effect.text, check })
        }
        case 'readCard': {
          // A demo session reads the training reader, never a real one (its cards are not on the demo roster).
          const r = session.demo ? await simulatedReader.read() : await platform.readCard()
          return dispatch(
            r.ok ? { type: 'cardRead', card: r.card, chipPhoto: r.photo } : { type: 'cardFailed', reason: r.reason },
          )
        }
        case 'record': {
          const { type, payload, actor, at } = effect.event
          const event = await record(session.id, type, payload as EventPayload<typeof type>, actor, at)
          return dispatch({ type: 'recorded', event })
        }
        case 'beep':
          return beep(effect.outcome)
        case 'startTimer':
          window.clearTimeout(timer.current)
          timer.current = window.setTimeout(() => dispatch({ type: 'timeout' }), effect.ms)
          return
      }
    } catch (err) {
      dispatch({ type: 'failed', message: err instanceof Error ? err.message : String(err) })
    }
  }

  useEffect(() => () => window.clearTimeout(timer.current), [])

  return { state, dispatch }
}
