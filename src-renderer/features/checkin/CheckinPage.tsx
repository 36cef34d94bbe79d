import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { canBeOverridden } from '../../../src-shared/overrides'
import { DEFAULT_SCAN_OPTIONS, ScanDetector } from '../../../src-shared/scan-detector'
import { voidAction, canDo } from '../../../src-shared/staff-rules'
import type { LedgerEvent, SubjectCode } from '../../../src-shared/schemas'
import type { SessionRecord, StaffRecord } from '../../db/roster'
import { simulatedReader } from '../../platform/simulated-reader'
import { TrainingReader } from './TrainingReader'
import { platform } from '../../platform'
import { beep } from '../../sound'
import type { DeskData } from '../../state/desk-data'
import { ApprovalDialog, type ApprovalRequest } from '../../components/ApprovalDialog'
import { CandidatePanel } from './CandidatePanel'
import { DeskLog } from './DeskLog'
import { SearchResults } from './SearchResults'
import { useCheckin } from './useCheckin'
import { VerdictBanner } from './VerdictBanner'

interface Props {
  session: SessionRecord
  data: DeskData
  subject: SubjectCode
  rooms: readonly string[]
  staff: StaffRecord
  deviceId: string
  deskName: string
}

type Dialog = { kind: 'override' } | { kind: 'refuse' } | { kind: 'note' } | { kind: 'void'; target: LedgerEvent }

const ADMITTED_SHOWN_MS = 6000

/** The check-in desk: one field that takes every scan, the person, the verdict, and the actions. */
export function CheckinPage({ session, data, subject, rooms, staff, deviceId, deskName }: Props) {
  const { t } = useTranslation()
  const checkin = useCheckin({ session, data, subject, deviceId, staff })
  const { state } = checkin
  const [text, setText] = useState('')
  const [revealed, setRevealed] = useState(false)
  const [checklist, setChecklist] = useState({ faceMatches: false, originalDocumentSeen: false })
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const field = useRef<HTMLInputElement>(null)
  const detector = useMemo(() => new ScanDetector(), [])

  const siteManagers = useMemo(
    () => [...data.staffById.values()].filter((s) => s.role === 'siteManager'),
    [data.staffById],
  )
  const names = useMemo(
    () => ({
      desk: (id: string) =>
        id === deviceId ? deskName || t('checkin.thisDesk') : t('checkin.otherDesk', { id: id.slice(0, 8) }),
      staff: (id: string | null) => (id ? (data.staffById.get(id)?.name ?? id) : '—'),
    }),
    [deviceId, deskName, data.staffById, t],
  )

  // A fresh verdict: new checklist, ID masked again, and the sound of the outcome.
  useEffect(() => {
    if (state.step === 'verdict') {
      setChecklist({ faceMatches: false, originalDocumentSeen: false })
      setRevealed(false)
      beep(state.verdict.outcome)
    }
  }, [state])

  // After an admit, the room and seat stay large for a few seconds, then the desk is ready again.
  useEffect(() => {
    if (state.step !== 'admitted') return
    const timer = window.setTimeout(checkin.reset, ADMITTED_SHOWN_MS)
    return () => window.clearTimeout(timer)
  }, [state.step, checkin.reset])

  // The scan field is always focused unless a dialog is open.
  useEffect(() => {
    if (!dialog) field.current?.focus()
  }, [dialog, state])

  const guard = useCallback(
    async (what: () => Promise<unknown>) => {
      setNotice(null)
      try {
        await what()
      } catch (err) {
        setNotice(t('checkin.failed', { message: err instanceof Error ? err.message : String(err) }))
      }
    },
    [t],
  )

  const submitText = useCallback(
    (value: string) => {
      setText('')
      void guard(() => checkin.enter(value))
    },
    [checkin, guard],
  )

  const decide = useCallback(() => {
    if (state.step === 'results') {
      const hit = state.hits[state.selected]
      if (hit) checkin.pick(hit.admitCardNo)
      return
    }
    if (state.step === 'admitted' || state.step === 'refused') return checkin.reset()
    if (state.step !== 'verdict') return
    const v = state.verdict
    if (v.outcome === 'refuse') return void guard(() => checkin.refuse())
    if (!v.candidate) return
    if (v.outcome === 'attention' && !(checklist.faceMatches && checklist.originalDocumentSeen)) {
      setNotice(t('checkin.checklistFirst'))
      return
    }
    // Green: pressing Enter is the proctor's word that face and original document were checked.
    void guard(() => checkin.admit({ faceMatches: true, originalDocumentSeen: true }))
  }, [state, checklist, checkin, guard, t])

  const readCard = useCallback(() => {
    void guard(async () => {
      // A demo session reads the training reader, never a real one (its cards are not on the demo roster).
      const r = session.demo ? await simulatedReader.read() : await platform.readCard()
      if (!r.ok) return setNotice(t(`reader.${r.reason}`))
      checkin.cardRead(r.card, r.photo)
    })
  }, [checkin, guard, t, session.demo])

  const undoLast = useCallback(() => {
    if (state.step === 'admitted') setDialog({ kind: 'void', target: state.event })
  }, [state])

  // Function keys work wherever focus is; Enter on an empty field decides.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialog) return
      if (e.altKey && (e.key === '1' || e.key === '2')) {
        e.preventDefault()
        setChecklist((c) =>
          e.key === '1'
            ? { ...c, faceMatches: !c.faceMatches }
            : { ...c, originalDocumentSeen: !c.originalDocumentSeen },
        )
        return
      }
      const actions: Record<string, () => void> = {
        F2: readCard,
        F3: () => setRevealed((r) => !r),
        F4: () => state.step === 'verdict' && setDialog({ kind: 'refuse' }),
        F6: () => state.step === 'verdict' && canBeOverridden(state.verdict) && setDialog({ kind: 'override' }),
        F7: () => {
          const c = state.step === 'verdict' || state.step === 'admitted' ? state.verdict.candidate : undefined
          if (c)
            void guard(
              async () => (
                await checkin.invoiceHandedOver(c.admitCardNo),
                setNotice(t('checkin.invoiceRecorded', { name: c.name }))
              ),
            )
        },
        F8: () => setDialog({ kind: 'note' }),
        F9: undoLast,
        Escape: () => {
          setText('')
          checkin.reset()
        },
      }
      const action = actions[e.key]
      if (action) {
        e.preventDefault()
        action()
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (state.step === 'results') {
          e.preventDefault()
          checkin.moveSelection(e.key === 'ArrowDown' ? 1 : -1)
        }
      }
      // A scanner typing while focus is elsewhere (a button): its code still reaches the desk.
      if (document.activeElement !== field.current) {
        const scan = detector.key(e.key, e.timeStamp)
        if (scan?.kind === 'scan') submitText(scan.text)
      }
    }
    window.addEventListener('keydown', onKey, { capture: true })
    return () => window.removeEventListener('keydown', onKey, { capture: true })
  }, [dialog, state, readCard, undoLast, checkin, guard, detector, submitText, t])

  // Scanners that send no Enter: a pause after fast keys in the field ends the scan.
  // A generous pause: a busy PC can hold keys back mid-scan, and cutting a code in two is worse than waiting.
  const fieldDetector = useMemo(() => new ScanDetector({ ...DEFAULT_SCAN_OPTIONS, endPauseMs: 400 }), [])
  useEffect(() => {
    const timer = window.setInterval(() => {
      const scan = fieldDetector.tick(performance.now())
      if (scan?.kind === 'scan' && field.current?.value === scan.text) submitText(scan.text)
    }, 50)
    return () => window.clearInterval(timer)
  }, [fieldDetector, submitText])

  const closeDialog = async (result: { reason: string; approvedBy: string } | null) => {
    const d = dialog
    setDialog(null)
    if (!result || !d) return
    await guard(async () => {
      if (d.kind === 'override') {
        await checkin.override(result.approvedBy, result.reason)
      } else if (d.kind === 'refuse') {
        await checkin.refuse(result.reason)
      } else if (d.kind === 'note') {
        const c = state.step === 'verdict' || state.step === 'admitted' ? state.verdict.candidate : undefined
        await checkin.note(result.reason, c?.admitCardNo)
        setNotice(t('checkin.noteRecorded'))
      } else {
        await checkin.voidEvent(d.target, result.reason, result.approvedBy === staff.id ? undefined : result.approvedBy)
        setNotice(t('checkin.voided'))
        checkin.reset()
      }
    })
  }

  const dialogRequest = (d: Dialog): ApprovalRequest => {
    switch (d.kind) {
      case 'override':
        return {
          title: t('checkin.overrideTitle'),
          needsSiteManager: !canDo(staff.role, 'override'),
          confirmLabel: t('checkin.overrideConfirm'),
        }
      case 'refuse':
        return { title: t('checkin.refuseTitle'), needsSiteManager: false, confirmLabel: t('checkin.refuseConfirm') }
      case 'note':
        return { title: t('checkin.noteTitle'), needsSiteManager: false, confirmLabel: t('checkin.noteConfirm') }
      case 'void':
        return {
          title: t('checkin.voidTitle'),
          needsSiteManager: !canDo(staff.role, voidAction(d.target.deviceTime, new Date())),
          confirmLabel: t('checkin.voidConfirm'),
        }
    }
  }

  const shown = state.step === 'verdict' || state.step === 'admitted' || state.step === 'refused' ? state.verdict : null
  const candidate = shown?.candidate
  const record = candidate ? data.byAdmitCardNo.get(candidate.admitCardNo) : undefined
  const sitting = candidate?.sittings.find((s) => s.subject === subject)
  const otherRoom = sitting && rooms.length > 0 && !rooms.includes(sitting.roomId)

  return (
    <div className="checkin-page">
      <div className="checkin-left">
        <form
          className="scan-form"
          onSubmit={(e) => {
            e.preventDefault()
            if (text.trim()) submitText(text)
            else decide()
          }}
        >
          <label htmlFor="scan" className="scan-label">
            {t('checkin.scanLabel')}
          </label>
          <input
            id="scan"
            ref={field}
            className="scan-field"
            value={text}
            autoComplete="off"
            spellCheck={false}
            placeholder={t('checkin.scanPlaceholder')}
            data-testid="scan"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key.length === 1) fieldDetector.key(e.key, performance.now())
            }}
            onBlur={(e) => {
              // The training reader's list keeps focus while the trainer picks; everything else gives it back.
              if ((e.relatedTarget as HTMLElement | null)?.closest('[data-keeps-focus]')) return
              if (!dialog) window.setTimeout(() => !document.querySelector('.dialog') && field.current?.focus(), 0)
            }}
          />
        </form>
        {notice && (
          <p className="notice" role="status" data-testid="notice">
            {notice}
          </p>
        )}
        {state.step === 'results' && (
          <SearchResults hits={state.hits} selected={state.selected} data={data} onPick={checkin.pick} />
        )}
        <DeskLog
          sessionId={session.id}
          byAdmitCardNo={data.byAdmitCardNo}
          onVoid={(e) => setDialog({ kind: 'void', target: e })}
        />
        <KeyHelp />
        {session.demo && (
          <TrainingReader session={session} candidates={data.candidates} currentAdmitCardNo={candidate?.admitCardNo} />
        )}
      </div>
      <div className="checkin-right">
        {state.step === 'admitted' && sitting && (
          <div className="admitted" role="status" data-testid="admitted">
            <p className="admitted-title">{t('checkin.admitted', { name: candidate?.name })}</p>
            <p className="admitted-seat" data-testid="admitted-seat">
              {session.rooms.find((r) => r.id === sitting.roomId)?.name ?? sitting.roomId}{' '}
              {t('checkin.seatN', { seat: sitting.seat })}
            </p>
            <p className="hint">{t('checkin.undoHint')}</p>
          </div>
        )}
        {state.step === 'refused' && (
          <div className="refused-recorded" role="status" data-testid="refusal-recorded">
            {t('checkin.refusalRecorded')}
          </div>
        )}
        {state.step === 'verdict' && <VerdictBanner verdict={state.verdict} names={names} />}
        {state.step === 'verdict' && state.verdict.outcome !== 'refuse' && candidate && (
          <div className="next-step">
            {state.verdict.outcome === 'attention' ? (
              <div className="checklist" data-testid="checklist">
                <label>
                  <input
                    type="checkbox"
                    checked={checklist.faceMatches}
                    onChange={(e) => setChecklist((c) => ({ ...c, faceMatches: e.target.checked }))}
                  />
                  {t('checkin.faceMatches')} <span className="key-hint">Alt+1</span>
                </label>
                <label>
                  <input
                    type="checkbox"
                    checked={checklist.originalDocumentSeen}
                    onChange={(e) => setChecklist((c) => ({ ...c, originalDocumentSeen: e.target.checked }))}
                  />
                  {t('checkin.originalSeen')} <span className="key-hint">Alt+2</span>
                </label>
              </div>
            ) : null}
            <button type="button" className="primary big" data-testid="admit" onClick={decide}>
              {t('checkin.admitButton', { subject: t(`subject.${subject}`) })} <span className="key-hint">Enter</span>
            </button>
          </div>
        )}
        {state.step === 'verdict' && state.verdict.outcome === 'refuse' && (
          <div className="next-step">
            <button type="button" className="danger big" onClick={decide} data-testid="record-refusal">
              {t('checkin.recordRefusal')} <span className="key-hint">Enter</span>
            </button>
            {canBeOverridden(state.verdict) && (
              <button type="button" onClick={() => setDialog({ kind: 'override' })} data-testid="override">
                {t('checkin.override')} <span className="key-hint">F6</span>
              </button>
            )}
          </div>
        )}
        {otherRoom && <p className="warn">{t('checkin.otherRoom')}</p>}
        {candidate && (
          <CandidatePanel
            session={session}
            candidate={candidate}
            subject={subject}
            revealed={revealed}
            {...(state.step === 'verdict' && state.chipPhoto ? { chipPhoto: state.chipPhoto } : {})}
            {...(record?.warnings.length ? { warnings: record.warnings } : {})}
          />
        )}
        {state.step === 'ready' && <p className="ready-hint">{t('checkin.ready')}</p>}
      </div>
      {dialog && (
        <ApprovalDialog
          request={dialogRequest(dialog)}
          current={staff}
          siteManagers={siteManagers}
          onDone={(r) => void closeDialog(r)}
        />
      )}
    </div>
  )
}

function KeyHelp() {
  const { t } = useTranslation()
  return (
    <p className="key-help">
      {(['Enter', 'F2', 'F3', 'F4', 'F6', 'F7', 'F8', 'F9', 'Esc'] as const).map((k) => (
        <span key={k}>
          <kbd>{k}</kbd> {t(`keys.${k}`)}
        </span>
      ))}
    </p>
  )
}
