import { useTranslation } from 'react-i18next'
import { checkInsOf } from '../../../src-shared/checkin-dialogs'
import type { CheckinAction } from '../../../src-shared/checkin-machine'
import { subjectOf, type LedgerEvent } from '../../../src-shared/schemas'
import { localTime } from '../../clock'
import type { Names } from './reasonText'

interface Props {
  /** The candidate's events as this desk holds them (its own and, later, the venue's). */
  events: readonly LedgerEvent[]
  names: Names
  dispatch(action: CheckinAction): void
}

/** How the candidate was identified: every method of the check-in (QR then card: both), in order. */
function methodsOf(e: LedgerEvent): readonly string[] {
  if (e.type !== 'checkIn') return []
  return e.payload.methods ?? [e.payload.method]
}

/**
 * The candidate's check-ins and invoice hand-over, each with 撤销 while it stands: anything the desk recorded
 * for them can be taken back from here, however old (older than the desk's limit with a site manager's PIN).
 */
export function CandidateRecord({ events, names, dispatch }: Props) {
  const { t } = useTranslation()
  const rows = checkInsOf(events)
  return (
    <section className="candidate-record" aria-label={t('desk.record.title')} data-testid="candidate-record">
      <h4>{t('desk.record.title')}</h4>
      {rows.length === 0 && <p className="hint">{t('desk.record.none')}</p>}
      <ul>
        {rows.map(({ event: e, what, voided }) => (
          <li key={e.eventId} className={voided ? 'voided' : undefined}>
            <span>
              {what === 'invoice'
                ? t('desk.record.invoiceRow', {
                    time: localTime(e.deviceTime),
                    desk: names.desk(e.deviceId),
                    staff: names.staffWithRole(e.actor),
                  })
                : t('desk.record.row', {
                    subject: t(`subject.${subjectOf(e) ?? ''}`),
                    time: localTime(e.deviceTime),
                    desk: names.desk(e.deviceId),
                    staff: names.staffWithRole(e.actor),
                    methods: methodsOf(e)
                      .map((m) => t(`desk.method.${m}`))
                      .join(' + '),
                  })}
            </span>
            {voided ? (
              <span className="tag">{t('desk.record.voided')}</span>
            ) : (
              <button
                type="button"
                className="small"
                data-testid={what === 'invoice' ? 'void-invoice' : 'void-check-in'}
                onClick={() => dispatch({ type: 'openDialog', kind: 'void', targetEventId: e.eventId })}
              >
                {t('desk.record.void')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
