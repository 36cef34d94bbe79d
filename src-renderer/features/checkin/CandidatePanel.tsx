import { useTranslation } from 'react-i18next'
import { maskIdNumber, normalizeIdNumber } from '../../../src-shared/id-documents'
import type { Candidate, SubjectCode } from '../../../src-shared/schemas'
import { hasOwnTimes, subjectTimesFor } from '../../../src-shared/subject-times'
import { localTime } from '../../clock'
import type { SessionRecord } from '../../db/roster'
import { usePhotoUrl } from './usePhotoUrl'

interface Props {
  session: SessionRecord
  candidate: Candidate
  subject: SubjectCode
  revealed: boolean
  chipPhoto?: Uint8Array
  warnings?: readonly string[]
  /** 已领取 with time and staff, once the invoice was handed over. */
  invoiceStatus?: string
}

/** The person in front of the desk: the registration photo large, and what the registration says. */
export function CandidatePanel({
  session,
  candidate: c,
  subject,
  revealed,
  chipPhoto,
  warnings,
  invoiceStatus,
}: Props) {
  const { t } = useTranslation()
  const photo = usePhotoUrl(session.activeRosterId, c.admitCardNo)
  const chip = usePhotoUrl(undefined, undefined, chipPhoto)
  const number = normalizeIdNumber(c.idDocument.number)
  const roomName = (id: string) => session.rooms.find((r) => r.id === id)?.name ?? id
  // The candidate's own time for a subject, shown only when their group's differs from the session-wide one.
  const ownTimes = (code: SubjectCode): string | null => {
    if (!hasOwnTimes(session.subjects, session.groupTimes, c, code)) return null
    const own = subjectTimesFor(session.subjects, session.groupTimes, c, code)
    return own ? t('checkin.ownTimes', { start: localTime(own.start), end: localTime(own.end) }) : null
  }
  return (
    <div className="candidate-panel" data-testid="candidate-panel">
      <div className="photos">
        <figure>
          {photo ? (
            <img src={photo} alt={t('checkin.registrationPhoto')} data-testid="registration-photo" />
          ) : (
            <div className="no-photo">{t('checkin.noPhoto')}</div>
          )}
          <figcaption>{t('checkin.registrationPhoto')}</figcaption>
        </figure>
        {chip && (
          <figure>
            <img src={chip} alt={t('checkin.chipPhoto')} />
            <figcaption>{t('checkin.chipPhoto')}</figcaption>
          </figure>
        )}
      </div>
      <div className="details">
        <p className="candidate-name" data-testid="candidate-name">
          {c.name}
        </p>
        <dl className="facts">
          <dt>{t('candidate.admitCardNo')}</dt>
          <dd className="mono" data-testid="candidate-admit-card">
            {c.admitCardNo}
          </dd>
          <dt>{t('candidate.sex')}</dt>
          <dd>{t(`sex.${c.sex}`)}</dd>
          <dt>{t('candidate.birthDate')}</dt>
          <dd>{c.birthDate}</dd>
          <dt>{t('candidate.document')}</dt>
          <dd>
            {t(`docType.${c.idDocument.type}`)}{' '}
            <span className="mono" data-testid="candidate-id-number">
              {revealed ? number : maskIdNumber(number)}
            </span>{' '}
            <span className="key-hint">{t(revealed ? 'checkin.hideKey' : 'checkin.revealKey')}</span>
          </dd>
          <dt>{t('candidate.occupation')}</dt>
          <dd>
            {c.occupation}
            {c.workType ? `（${c.workType}）` : ''} · {c.level}
          </dd>
          <dt>{t('candidate.subjects')}</dt>
          <dd>
            {c.sittings.map((s) => {
              const own = ownTimes(s.subject)
              return (
                <span key={s.subject} className={s.subject === subject ? 'sitting current' : 'sitting'}>
                  {t(`subject.${s.subject}`)} {roomName(s.roomId)} {t('checkin.seatN', { seat: s.seat })}
                  {own && (
                    <>
                      {' '}
                      <span className="own-times" data-testid={`own-times-${s.subject}`}>
                        {own}
                      </span>
                    </>
                  )}
                </span>
              )
            })}
          </dd>
          {c.group && (
            <>
              <dt>{t('candidate.group')}</dt>
              <dd>{c.group}</dd>
            </>
          )}
          <dt>{t('candidate.invoice')}</dt>
          <dd data-testid="candidate-invoice">
            {c.invoiceRequested ? t('candidate.invoiceYes') : t('candidate.invoiceNo')}
            {invoiceStatus && (
              <>
                {' · '}
                <span data-testid="invoice-status">{invoiceStatus}</span>
              </>
            )}
          </dd>
        </dl>
        {warnings && warnings.length > 0 && <p className="warn">{warnings.map((w) => t(`warning.${w}`)).join('；')}</p>}
      </div>
    </div>
  )
}
