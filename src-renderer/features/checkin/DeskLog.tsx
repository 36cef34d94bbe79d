import { useLiveQuery } from 'dexie-react-hooks'
import { useTranslation } from 'react-i18next'
import type { LedgerEvent } from '../../../src-shared/schemas'
import { ledger } from '../../db'
import type { CandidateRecord } from '../../db/roster'
import { localTime } from '../../clock'

const SHOWN = ['checkIn', 'refusal', 'void', 'override', 'invoiceHandedOver', 'note'] as const
const LIMIT = 12

interface Props {
  sessionId: string
  byAdmitCardNo: ReadonlyMap<string, CandidateRecord>
  onVoid: (e: LedgerEvent) => void
}

/** The last actions at this desk, newest first; a check-in not yet voided can be voided from here. */
export function DeskLog({ sessionId, byAdmitCardNo, onVoid }: Props) {
  const { t } = useTranslation()
  const recent = useLiveQuery(
    () =>
      ledger.events
        .orderBy('seq')
        .reverse()
        .filter((e) => e.sessionId === sessionId && (SHOWN as readonly string[]).includes(e.type))
        .limit(LIMIT * 3)
        .toArray(),
    [sessionId],
    [] as LedgerEvent[],
  )
  const voided = new Set(recent.filter((e) => e.type === 'void').map((e) => String(e.payload['targetEventId'])))
  const nameOf = (e: LedgerEvent) => {
    const no = e.payload['admitCardNo']
    return typeof no === 'string' ? (byAdmitCardNo.get(no)?.name ?? no) : ''
  }
  return (
    <section className="desk-log" aria-label={t('log.title')}>
      <h3>{t('log.title')}</h3>
      {recent.length === 0 && <p className="hint">{t('log.empty')}</p>}
      <ol data-testid="desk-log">
        {recent.slice(0, LIMIT).map((e) => (
          <li key={e.eventId} className={voided.has(e.eventId) ? 'voided' : undefined} data-type={e.type}>
            <span className="time">{localTime(e.deviceTime)}</span>
            <span className="what">
              {t(`log.${e.type}`, { subject: t(`subject.${String(e.payload['subject'] ?? '')}`) })}
            </span>
            <span className="who">{nameOf(e)}</span>
            {e.type === 'checkIn' && !voided.has(e.eventId) && (
              <button type="button" className="small" onClick={() => onVoid(e)}>
                {t('log.void')}
              </button>
            )}
            {voided.has(e.eventId) && <span className="tag">{t('log.voided')}</span>}
          </li>
        ))}
      </ol>
    </section>
  )
}
