import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { candidateOf } from '../../../src-shared/checkin-machine'
import { invoiceHandOver } from '../../../src-shared/invoice'
import type { SubjectCode } from '../../../src-shared/schemas'
import { localTime } from '../../clock'
import type { SessionRecord, StaffRecord } from '../../db/roster'
import type { DeskData } from '../../state/desk-data'
import { CandidatePanel } from './CandidatePanel'
import { CandidateRecord } from './CandidateRecord'
import { CheckinDialog } from './CheckinDialog'
import { DeskLog } from './DeskLog'
import { KeyLegend } from './KeyLegend'
import { NextStep } from './NextStep'
import { noticeText } from './noticeText'
import { ScanField } from './ScanField'
import { SearchResults } from './SearchResults'
import { TrainingReader } from './TrainingReader'
import { useCheckin } from './useCheckin'
import { useDeskKeys } from './useDeskKeys'
import { useDeskNames } from './useDeskNames'
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

/** The check-in desk, layout only: the machine (useCheckin) decides, this renders its state and dispatches. */
export function CheckinPage({ session, data, subject, rooms, staff, deviceId, deskName }: Props) {
  const { t } = useTranslation()
  const { state, dispatch } = useCheckin({ session, data, subject, rooms, deviceId, staff })
  const { view, dialog, notice } = state
  const [text, setText] = useState('')
  const field = useRef<HTMLInputElement>(null)
  const names = useDeskNames(session, data, deviceId, deskName)
  const siteManagers = useMemo(
    () => [...data.staffById.values()].filter((s) => s.role === 'siteManager'),
    [data.staffById],
  )
  const voidFromLog = useCallback(
    (eventId: string) => dispatch({ type: 'openDialog', kind: 'void', targetEventId: eventId }),
    [dispatch],
  )
  useDeskKeys({
    dialogOpen: dialog !== undefined,
    dispatch,
    takeField: () => {
      const held = document.activeElement === field.current ? (field.current?.value ?? null) : null
      setText('')
      return held
    },
  })

  // The scan field has the focus unless a dialog is open.
  useEffect(() => {
    if (!dialog) field.current?.focus()
  }, [dialog, view])

  const shown = view.step === 'verdict' ? view : view.step === 'admitted' || view.step === 'refused' ? view.shown : null
  const candidate = candidateOf(view)
  const events = candidate ? data.ledgerView.eventsFor(candidate.admitCardNo) : []
  const record = candidate ? data.byAdmitCardNo.get(candidate.admitCardNo) : undefined
  const invoice = candidate ? invoiceHandOver(events) : undefined
  const sitting = candidate?.sittings.find((s) => s.subject === subject)

  return (
    <div className="checkin-page">
      <div className="checkin-left">
        <ScanField
          ref={field}
          text={text}
          onText={setText}
          dialogOpen={dialog !== undefined}
          onSubmit={(value) => {
            setText('')
            dispatch(value.trim() ? { type: 'scan', text: value } : { type: 'decide' })
          }}
        />
        {notice && (
          <p className="notice" role="status" data-testid="notice">
            {noticeText(t, notice, names)}
          </p>
        )}
        {view.step === 'results' && (
          <SearchResults
            hits={view.hits}
            selected={view.selected}
            data={data}
            onPick={(admitCardNo) => dispatch({ type: 'pick', admitCardNo })}
          />
        )}
        <DeskLog sessionId={session.id} byAdmitCardNo={data.byAdmitCardNo} names={names} onVoid={voidFromLog} />
        <KeyLegend />
        {session.demo && (
          <TrainingReader session={session} candidates={data.candidates} currentAdmitCardNo={candidate?.admitCardNo} />
        )}
      </div>
      <div className="checkin-right">
        {view.step === 'admitted' && sitting && (
          <div className="admitted" role="status" data-testid="admitted">
            <p className="admitted-title">{t('checkin.admitted', { name: candidate?.name })}</p>
            <p className="admitted-seat" data-testid="admitted-seat">
              {names.room(sitting.roomId)} {t('checkin.seatN', { seat: sitting.seat })}
            </p>
            <p className="hint">{t('checkin.undoHint')}</p>
          </div>
        )}
        {view.step === 'refused' && (
          <div className="refused-recorded" role="status" data-testid="refusal-recorded">
            {t('checkin.refusalRecorded')}
          </div>
        )}
        {view.step === 'verdict' && <VerdictBanner verdict={view.verdict} names={names} />}
        {view.step === 'verdict' && <NextStep shown={view} subject={subject} dispatch={dispatch} />}
        {candidate && shown && (
          <CandidatePanel
            session={session}
            candidate={candidate}
            subject={subject}
            revealed={shown.revealed}
            {...(shown.chipPhoto ? { chipPhoto: shown.chipPhoto } : {})}
            {...(record?.warnings.length ? { warnings: record.warnings } : {})}
            {...(invoice
              ? {
                  invoiceStatus: t('desk.invoice.handedOver', {
                    time: localTime(invoice.at),
                    staff: names.staffWithRole(invoice.staffId),
                  }),
                }
              : {})}
          />
        )}
        {candidate && <CandidateRecord events={events} names={names} dispatch={dispatch} />}
        {view.step === 'ready' && <p className="ready-hint">{t('checkin.ready')}</p>}
      </div>
      {dialog && (
        <CheckinDialog
          dialog={dialog}
          view={view}
          staff={staff}
          siteManagers={siteManagers}
          names={names}
          dispatch={dispatch}
        />
      )}
    </div>
  )
}
