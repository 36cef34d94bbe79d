/**
 * The sync page's state: the ledger's pending/acknowledged counts (live), the HQ URL setting, and the
 * two actions, upload and export, wired to the platform (HTTP through main or the web host's /hq proxy,
 * files through the save dialog).
 */
import { useLiveQuery } from 'dexie-react-hooks'
import { useCallback, useState } from 'react'
import type { Receipt } from '../../../src-shared/sync-format'
import { localDate } from '../../clock'
import { ledger } from '../../db'
import { readSetting, writeSettings } from '../../db/settings'
import { enrolWithHq, syncToHq, type SyncProgress, type SyncReason } from '../../db/sync'
import { buildExportFile, type DeskKey } from '../../db/sync-batches'
import { platform } from '../../platform'
import { trustedHqKeys } from '../../trust'
import { headSeq, lastReceipt, syncState } from '../../db/reads'

export type SyncOutcome =
  | { kind: 'synced'; receipt: Receipt | null; progress: SyncProgress }
  | { kind: 'failed'; reason: SyncReason; detail?: string }
  | { kind: 'exported'; events: number }
  | { kind: 'enrolled' }
  | { kind: 'enrolFailed'; reason: string }

async function deskKey(): Promise<DeskKey> {
  const id = await platform.deskIdentity()
  return { ...id, sign: (d) => platform.signDigest(d) }
}

/** State and actions of the sync page. */
export function useSync(deskName: string) {
  const status = useLiveQuery(async () => {
    const [seq, sync, last] = await Promise.all([headSeq(), syncState(), lastReceipt()])
    const hqUrl = await readSetting('hqUrl')
    return { headSeq: seq, ackedSeq: sync?.ackedSeq ?? 0, lastError: sync?.lastError ?? null, lastReceipt: last, hqUrl }
  }, [])
  const [progress, setProgress] = useState<SyncProgress | null>(null)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<SyncOutcome | null>(null)

  const upload = useCallback(async () => {
    setBusy(true)
    setOutcome(null)
    try {
      const r = await syncToHq({
        db: ledger,
        key: await deskKey(),
        hqUrl: await readSetting('hqUrl'),
        request: (req) => platform.hqRequest(req),
        trusted: trustedHqKeys,
        onProgress: setProgress,
      })
      setOutcome(
        r.ok
          ? { kind: 'synced', receipt: r.receipt, progress: r.progress }
          : { kind: 'failed', reason: r.reason, ...(r.detail ? { detail: r.detail } : {}) },
      )
    } finally {
      setBusy(false)
    }
  }, [])

  const exportFile = useCallback(async () => {
    setBusy(true)
    setOutcome(null)
    try {
      const key = await deskKey()
      const { bytes, events } = await buildExportFile(ledger, key, new Date())
      const name = `examdesk-${key.deviceId.slice(0, 8)}-${localDate(new Date())}.examdesk-log`
      const saved = await platform.saveFile(name, bytes, [{ name: 'ExamDesk 事件导出', extensions: ['examdesk-log'] }])
      if (saved) setOutcome({ kind: 'exported', events })
    } finally {
      setBusy(false)
    }
  }, [])

  const enrol = useCallback(
    async (token: string) => {
      const r = await enrolWithHq({
        hqUrl: await readSetting('hqUrl'),
        token,
        key: await deskKey(),
        name: deskName,
        request: (req) => platform.hqRequest(req),
      })
      setOutcome(r.ok ? { kind: 'enrolled' } : { kind: 'enrolFailed', reason: r.reason })
      return r.ok
    },
    [deskName],
  )

  const setHqUrl = useCallback((url: string) => writeSettings({ hqUrl: url.trim() }), [])

  return { status, progress, busy, outcome, upload, exportFile, enrol, setHqUrl }
}
