import { useEffect, useState } from 'react'
import { importPublicKeyRaw } from '../../../src-shared/crypto'
import { verifyChain, type ChainCheck } from '../../../src-shared/ledger'
import type { LedgerEvent } from '../../../src-shared/schemas'
import { platform } from '../../platform'

/** The desk's whole chain checked against its own public key; re-checked when the log grows. */
export function useChainStatus(events: readonly LedgerEvent[] | undefined): ChainCheck | 'checking' | 'error' {
  const [status, setStatus] = useState<ChainCheck | 'checking' | 'error'>('checking')
  useEffect(() => {
    if (!events) return
    let cancelled = false
    setStatus('checking')
    void (async () => {
      try {
        const key = await importPublicKeyRaw((await platform.deskIdentity()).publicKey)
        const r = await verifyChain(events, key)
        if (!cancelled) setStatus(r)
      } catch {
        if (!cancelled) setStatus('error')
      }
    })()
    return () => {
      cancelled = true
    }
  }, [events])
  return status
}
