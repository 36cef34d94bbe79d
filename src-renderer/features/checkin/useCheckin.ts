/**
 * One desk interaction as a state machine: entry → (search) → verdict → admit / refuse / override →
 * ready for the next scan. The verdict and every rule come from src-shared; this sequences them and
 * records each decision as one ledger event. A check-in shows as done only after its strict
 * transaction committed.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { verifyAdmitCardQr, keyIdOf } from '../../../src-shared/admit-card'
import { importPublicKeyRaw } from '../../../src-shared/crypto'
import { classifyEntry } from '../../../src-shared/scan-input'
import type { ScanMethod, SubjectCode, LedgerEvent, EventPayload } from '../../../src-shared/schemas'
import { searchCandidates, type SearchHit } from '../../../src-shared/search'
import { canBeOverridden, overridableReasons } from '../../../src-shared/overrides'
import { verdict as decide, type CardRead, type ScanInput, type Verdict } from '../../../src-shared/verdict'
import { ledger } from '../../db'
import { appendEvent } from '../../db/append'
import type { SessionRecord, StaffRecord } from '../../db/roster'
import { deskSigner } from '../../desk'
import type { DeskData } from '../../state/desk-data'

export type CheckinState =
  | { step: 'ready' }
  | { step: 'results'; query: string; hits: SearchHit[]; selected: number }
  | { step: 'verdict'; input: ScanInput; method: ScanMethod; verdict: Verdict; chipPhoto?: Uint8Array }
  | { step: 'admitted'; verdict: Verdict; event: LedgerEvent }
  | { step: 'refused'; verdict: Verdict; event: LedgerEvent }

export interface Checklist {
  faceMatches: boolean
  originalDocumentSeen: boolean
}

interface Deps {
  session: SessionRecord
  data: DeskData
  subject: SubjectCode
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

function presented(input: ScanInput): Record<string, string> | undefined {
  if (input.kind === 'idDocument') return { typed: input.raw }
  if (input.kind === 'cardReader') {
    const c = input.card
    return {
      cardName: c.name,
      cardNumber: c.number,
      cardType: c.type,
      ...(c.birthDate ? { cardBirthDate: c.birthDate } : {}),
    }
  }
  return undefined
}

export function useCheckin(deps: Deps) {
  const [state, setState] = useState<CheckinState>({ step: 'ready' })
  const depsRef = useRef(deps)
  depsRef.current = deps
  const busy = useRef(false)
  /** The override just recorded, until the desk's index holds it. */
  const awaitingIndex = useRef<string | null>(null)

  const show = useCallback((input: ScanInput, method: ScanMethod, chipPhoto?: Uint8Array) => {
    const { data, subject, deviceId } = depsRef.current
    const v = decide(input, data.rosterView(subject, deviceId), data.ledgerView, new Date())
    setState({ step: 'verdict', input, method, verdict: v, ...(chipPhoto ? { chipPhoto } : {}) })
    return v
  }, [])

  /** A scan or a typed line. */
  const enter = useCallback(
    async (raw: string) => {
      const { data, session } = depsRef.current
      const entry = classifyEntry(raw, (no) => data.byAdmitCardNo.has(no))
      switch (entry.kind) {
        case 'empty':
          return
        case 'qr': {
          const check = await verifyAdmitCardQr(entry.text, await qrKeys(session))
          show({ kind: 'qr', check }, 'qr')
          return
        }
        case 'admitCardNo':
          show({ kind: 'admitCardNo', value: entry.value }, 'admitCardNo')
          return
        case 'idDocument':
          show({ kind: 'idDocument', raw: entry.raw }, 'idDocument')
          return
        case 'search': {
          const hits = searchCandidates(data.search, entry.query, 20)
          setState({ step: 'results', query: entry.query, hits, selected: 0 })
          return
        }
      }
    },
    [show],
  )

  const pick = useCallback((admitCardNo: string) => show({ kind: 'search', admitCardNo }, 'search'), [show])

  const moveSelection = useCallback((delta: number) => {
    setState((s) =>
      s.step === 'results' && s.hits.length > 0
        ? { ...s, selected: (s.selected + delta + s.hits.length) % s.hits.length }
        : s,
    )
  }, [])

  /** A card on the reader: alone, or with the admit card already on screen. */
  const cardRead = useCallback(
    (card: CardRead, chipPhoto?: Uint8Array) => {
      const current = state
      if (current.step === 'verdict' && current.input.kind !== 'cardReader' && current.input.kind !== 'idDocument') {
        show({ ...current.input, document: { kind: 'cardReader', card } }, current.method, chipPhoto)
      } else {
        show({ kind: 'cardReader', card }, 'cardReader', chipPhoto)
      }
    },
    [state, show],
  )

  /** Record an event; the promise resolves only after the strict transaction committed. */
  const record = useCallback(
    async <T extends Parameters<typeof appendEvent>[2]['type']>(type: T, payload: EventPayload<T>, actor?: string) => {
      const { session, staff, data } = depsRef.current
      const event = await appendEvent(ledger, await deskSigner(), {
        sessionId: session.id,
        type,
        payload,
        actor: actor ?? staff.id,
      })
      data.committed(event)
      return event
    },
    [],
  )

  const admit = useCallback(
    async (checklist: Checklist) => {
      if (state.step !== 'verdict' || busy.current) return null
      const v = state.verdict
      if (v.outcome === 'refuse' || !v.candidate) return null
      busy.current = true
      try {
        const overridden = v.reasons.find((r) => r.code === 'overridden')
        const p = presented(state.input)
        const event = await record('checkIn', {
          admitCardNo: v.candidate.admitCardNo,
          subject: depsRef.current.subject,
          method: state.method,
          verdict: v.outcome,
          reasons: v.reasons.map((r) => r.code),
          checklist,
          ...(overridden && 'eventId' in overridden ? { overrideEventId: overridden.eventId } : {}),
          ...(p ? { presented: p } : {}),
        })
        setState({ step: 'admitted', verdict: v, event })
        return event
      } finally {
        busy.current = false
      }
    },
    [state, record],
  )

  const refuse = useCallback(
    async (reasonText?: string) => {
      if (state.step !== 'verdict' || busy.current) return null
      busy.current = true
      try {
        const v = state.verdict
        const p = presented(state.input)
        const event = await record('refusal', {
          ...(v.candidate ? { admitCardNo: v.candidate.admitCardNo } : {}),
          subject: depsRef.current.subject,
          reasons: v.reasons.filter((r) => r.severity === 'refuse').map((r) => r.code),
          method: state.method,
          ...(reasonText ? { reason: reasonText } : {}),
          ...(p ? { presented: p } : {}),
        })
        setState({ step: 'refused', verdict: v, event })
        return event
      } finally {
        busy.current = false
      }
    },
    [state, record],
  )

  /** A site manager lets the overridable refuse reasons through; the verdict is shown again. */
  const override = useCallback(
    async (approvedBy: string, reasonText: string) => {
      if (state.step !== 'verdict' || !state.verdict.candidate || !canBeOverridden(state.verdict)) return null
      const v = state.verdict
      const event = await record(
        'override',
        {
          admitCardNo: v.candidate!.admitCardNo,
          subject: depsRef.current.subject,
          reasons: overridableReasons(v).map((r) => r.code),
          reason: reasonText,
          approvedBy,
        },
        approvedBy,
      )
      if (event) awaitingIndex.current = event.eventId
      return event
    },
    [state, record],
  )

  // Once the override is in the desk's index (the ledger's live query brings it), decide again on the
  // same input: the refusal becomes attention. No timer: the index says when it is there.
  const { data } = deps
  useEffect(() => {
    const id = awaitingIndex.current
    if (!id || !data.index.byEventId.has(id)) return
    awaitingIndex.current = null
    if (state.step === 'verdict') show(state.input, state.method, state.chipPhoto)
  }, [data.version, data.index, state, show])

  const invoiceHandedOver = useCallback(
    async (admitCardNo: string) => record('invoiceHandedOver', { admitCardNo }),
    [record],
  )

  const voidEvent = useCallback(
    async (target: LedgerEvent, reasonText: string, approvedBy?: string) =>
      record(
        'void',
        { targetEventId: target.eventId, reason: reasonText, ...(approvedBy ? { approvedBy } : {}) },
        approvedBy,
      ),
    [record],
  )

  const note = useCallback(
    async (text: string, admitCardNo?: string) => record('note', { text, ...(admitCardNo ? { admitCardNo } : {}) }),
    [record],
  )

  const reset = useCallback(() => setState({ step: 'ready' }), [])

  return {
    state,
    enter,
    pick,
    moveSelection,
    cardRead,
    admit,
    refuse,
    override,
    invoiceHandedOver,
    voidEvent,
    note,
    reset,
  }
}
