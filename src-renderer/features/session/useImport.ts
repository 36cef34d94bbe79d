/**
 * The import of a session package as a small state machine: choose → verify/read (progress) →
 * summary → confirm or cancel. Decisions live in db/import.ts and src-shared; this only sequences.
 */
import { useCallback, useRef, useState } from 'react'
import { roster } from '../../db'
import { prepareImport, type ImportPhase, type ImportRefusal, type PreparedImport } from '../../db/import'
import { readSetting, writeSettings } from '../../db/settings'
import { trustedHqKeys } from '../../trust'
import { localDate } from '../../clock'
import { record } from '../../desk'
import { PackageError } from '../../../src-shared/package-reader'
import { classifyFailure, type ImportFailure } from './import-messages'

export type ImportState =
  | { step: 'idle' }
  | { step: 'working'; phase: ImportPhase; done: number; total: number; fileName: string }
  | { step: 'summary'; prepared: PreparedImport; fileName: string; demo: boolean }
  | { step: 'refused'; refusal: ImportRefusal; fileName: string }
  | { step: 'failed'; failure: ImportFailure; fileName: string }
  | { step: 'done'; sessionName: string; candidates: number }

export function useImport() {
  const [state, setState] = useState<ImportState>({ step: 'idle' })
  const busy = useRef(false)

  const start = useCallback(async (file: Blob, fileName: string, demo: boolean) => {
    if (busy.current) return
    busy.current = true
    try {
      setState({ step: 'working', phase: 'verifying', done: 0, total: 1, fileName })
      const now = new Date()
      const result = await prepareImport(roster, file, {
        trusted: trustedHqKeys,
        deskVenueId: await readSetting('venueId'),
        demo,
        today: localDate(now),
        nowIso: now.toISOString(),
        onProgress: (p) => setState({ step: 'working', ...p, fileName }),
      })
      setState(
        result.ok
          ? { step: 'summary', prepared: result, fileName, demo }
          : { step: 'refused', refusal: result, fileName },
      )
    } catch (err) {
      setState(failed(err, fileName))
    } finally {
      busy.current = false
    }
  }, [])

  const confirm = useCallback(async () => {
    if (state.step !== 'summary' || busy.current) return
    busy.current = true
    const { prepared, fileName, demo } = state
    try {
      setState({ step: 'working', phase: 'committing', done: 0, total: 1, fileName })
      const loaded = await prepared.commit()
      await record(
        loaded.id,
        'packageImported',
        {
          sessionId: loaded.id,
          version: loaded.version,
          manifestSha256: loaded.manifestSha256,
          candidates: prepared.summary.candidates,
        },
        null,
      )
      // The first real session fixes the venue this desk serves; demo sessions never do.
      if (!demo && (await readSetting('venueId')) === null) {
        await writeSettings({ venueId: loaded.venue.id })
      }
      setState({ step: 'done', sessionName: loaded.session.name, candidates: prepared.summary.candidates })
    } catch (err) {
      setState(failed(err, fileName))
    } finally {
      busy.current = false
    }
  }, [state])

  const cancel = useCallback(async () => {
    if (state.step === 'summary') await state.prepared.discard()
    setState({ step: 'idle' })
  }, [state])

  return { state, start, confirm, cancel }
}

/**
 * An exception while importing. A PackageError still has a reason the site manager can read (e.g. another
 * window imported a newer version meanwhile); anything else is an unexpected failure.
 */
function failed(err: unknown, fileName: string): ImportState {
  if (err instanceof PackageError) {
    return {
      step: 'refused',
      refusal: { ok: false, reason: err.reason, ...(err.detail ? { detail: err.detail } : {}) },
      fileName,
    }
  }
  return { step: 'failed', failure: classifyFailure(err), fileName }
}
