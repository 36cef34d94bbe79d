import { useMemo, useState } from 'react'
import { useAttendance } from '../../state/attendance'
import { useTranslation } from 'react-i18next'
import {
  arrivals,
  boardFilterOptions,
  boardNumbers,
  boardRows,
  closePreview,
  type BoardFilter,
} from '../../../src-shared/board'
import { boardExceptions } from '../../../src-shared/board-exceptions'
import type { SubjectCode } from '../../../src-shared/schemas'
import { ApprovalDialog } from '../../components/ApprovalDialog'
import type { SessionRecord, StaffRecord } from '../../db/roster'
import { record } from '../../desk'
import type { DeskData } from '../../state/desk-data'
import { ArrivalsChart } from './ArrivalsChart'
import { BoardFilters } from './BoardFilters'
import { BoardNumbers } from './BoardNumbers'
import { CandidateList } from './CandidateList'
import { CloseSubjectDialog } from './CloseSubjectDialog'
import { ExceptionsList } from './ExceptionsList'
import './board.css'

interface Props {
  session: SessionRecord
  data: DeskData
  staff: StaffRecord
  deviceId: string
  deskName: string
  initialSubject: SubjectCode | null
}

/** The site manager's live board for one subject: numbers, arrivals, the list, exceptions, close/reopen. */
export function BoardPage({ session, data, staff, deviceId, deskName, initialSubject }: Props) {
  const { t } = useTranslation()
  const att = useAttendance(session, data)
  const [subject, setSubject] = useState<SubjectCode>(initialSubject ?? session.subjects[0]!.code)
  const [filter, setFilter] = useState<BoardFilter>({})
  const [dialog, setDialog] = useState<'close' | 'reopen' | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const subjectDef = session.subjects.find((s) => s.code === subject) ?? session.subjects[0]!
  const closed = att.closedSubjects.includes(subject)

  const roomNames = useMemo(() => new Map(session.rooms.map((r) => [r.id, r.name])), [session.rooms])
  const roomName = (id: string) => roomNames.get(id) ?? id
  const staffName = (id: string | null) => (id ? (data.staffById.get(id)?.name ?? id) : '—')
  const deskLabel = (id: string) => (id === deviceId ? deskName || t('board.thisDesk') : id.slice(0, 8))
  const candidateName = (no: string | undefined) =>
    no === undefined ? '—' : `${att.byAdmitCardNo.get(no)?.candidate.name ?? t('board.unknownCandidate')} ${no}`
  const siteManagers = useMemo(
    () => [...data.staffById.values()].filter((s) => s.role === 'siteManager'),
    [data.staffById],
  )

  const view = useMemo(() => {
    const rows = boardRows(att, subject, filter, data.search)
    const unfiltered = { ...filter }
    delete unfiltered.state
    return {
      numbers: boardNumbers(
        att,
        subject,
        session.rooms.map((r) => r.id),
        filter,
        data.search,
      ),
      rows,
      chart: arrivals(filter.state ? boardRows(att, subject, unfiltered, data.search) : rows, subjectDef),
      options: boardFilterOptions(att, subject),
      exceptions: boardExceptions(att, data.index, subject),
    }
  }, [att, subject, filter, session.rooms, subjectDef, data.index, data.search])
  const absentees = useMemo(() => (dialog === 'close' ? closePreview(att, subject) : []), [att, subject, dialog])

  const closeOrReopen = async (type: 'subjectClosed' | 'subjectReopened', actor: string, reason?: string) => {
    setNotice(null)
    try {
      if (type === 'subjectClosed') await record(session.id, type, { subject }, actor)
      else await record(session.id, type, { subject, reason: reason ?? '' }, actor)
      setNotice(t(type === 'subjectClosed' ? 'board.closed' : 'board.reopened', { subject: t(`subject.${subject}`) }))
    } catch (err) {
      setNotice(t('board.failed', { message: err instanceof Error ? err.message : String(err) }))
    }
  }

  return (
    <div className="board-page" data-testid="board">
      <div className="board-head">
        <div className="subject-tabs" role="tablist">
          {session.subjects.map((s) => (
            <button
              key={s.code}
              type="button"
              role="tab"
              aria-selected={s.code === subject}
              onClick={() => setSubject(s.code)}
            >
              {t(`subject.${s.code}`)}
              {att.closedSubjects.includes(s.code) ? ` · ${t('board.closedTag')}` : ''}
            </button>
          ))}
        </div>
        <span className={closed ? 'subject-status closed' : 'subject-status open'} data-testid="subject-status">
          {closed ? t('board.statusClosed') : t('board.statusOpen')}
        </span>
        <span className="spacer" />
        {closed ? (
          <button type="button" onClick={() => setDialog('reopen')} data-testid="reopen-subject">
            {t('board.reopen')}
          </button>
        ) : (
          <button type="button" className="danger" onClick={() => setDialog('close')} data-testid="close-subject">
            {t('board.close', { subject: t(`subject.${subject}`) })}
          </button>
        )}
      </div>
      {notice && (
        <p className="notice" data-testid="board-notice">
          {notice}
        </p>
      )}
      <BoardFilters filter={filter} options={view.options} roomName={roomName} onChange={setFilter} />
      <div className="board-top">
        <BoardNumbers numbers={view.numbers} roomName={roomName} />
        <ArrivalsChart data={view.chart} />
      </div>
      <div className="board-bottom">
        <CandidateList rows={view.rows} roomName={roomName} staffName={staffName} deskName={deskLabel} />
        <ExceptionsList items={view.exceptions} candidateName={candidateName} staffName={staffName} />
      </div>
      {dialog === 'close' && (
        <CloseSubjectDialog
          subject={subject}
          absentees={absentees}
          current={staff}
          siteManagers={siteManagers}
          roomName={roomName}
          onDone={(approvedBy) => {
            setDialog(null)
            if (approvedBy) void closeOrReopen('subjectClosed', approvedBy)
          }}
        />
      )}
      {dialog === 'reopen' && (
        <ApprovalDialog
          request={{
            title: t('board.reopenTitle', { subject: t(`subject.${subject}`) }),
            needsSiteManager: true,
            confirmLabel: t('board.reopenConfirm'),
          }}
          current={staff}
          siteManagers={siteManagers}
          onDone={(r) => {
            setDialog(null)
            if (r) void closeOrReopen('subjectReopened', r.approvedBy, r.reason)
          }}
        />
      )}
    </div>
  )
}
