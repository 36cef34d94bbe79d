import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CandidateRecord, SessionRecord } from '../../db/roster'
import { simulatedReader } from '../../platform/simulated-reader'
import { TRAINING_CARDS, trainingCard, type TrainingCard } from '../../../src-shared/simulated-card-reader'
import { photoOf } from '../../db/reads'

interface Props {
  session: SessionRecord
  candidates: readonly CandidateRecord[]
  /** The candidate on screen, offered first. */
  currentAdmitCardNo?: string | undefined
}

/**
 * Demo sessions only: the trainer puts a candidate's ID card on the simulated reader (their own card, an
 * expired one, or one with another name), and the proctor reads it with F2 as at a real desk.
 */
export function TrainingReader({ session, candidates, currentAdmitCardNo }: Props) {
  const { t } = useTranslation()
  const [picked, setPicked] = useState<string>('')
  const [status, setStatus] = useState<string | null>(null)
  const chosen = candidates.find((c) => c.admitCardNo === (picked || currentAdmitCardNo)) ?? candidates[0]

  const put = async (variant: TrainingCard) => {
    if (!chosen) return
    const card = trainingCard(chosen, variant, session.session.date)
    if (!card) return setStatus(t('training.noChip', { name: chosen.name }))
    const photo = await photoOf(session.activeRosterId, chosen.admitCardNo)
    simulatedReader.remove()
    if (photo) simulatedReader.present(card, new Uint8Array(await photo.arrayBuffer()))
    else simulatedReader.present(card)
    setStatus(t('training.onReader', { name: chosen.name, card: t(`training.card.${variant}`) }))
  }

  return (
    <details className="training-reader" data-testid="training-reader">
      <summary>{t('training.title')}</summary>
      <label>
        {t('training.candidate')}
        <select
          value={chosen?.admitCardNo ?? ''}
          onChange={(e) => setPicked(e.target.value)}
          data-keeps-focus // picking from the list keeps focus; the card buttons hand it back to the scan field
        >
          {candidates.map((c) => (
            <option key={c.admitCardNo} value={c.admitCardNo}>
              {c.name} · {c.admitCardNo}
            </option>
          ))}
        </select>
      </label>
      <div className="training-cards">
        {TRAINING_CARDS.map((v) => (
          <button key={v} type="button" onClick={() => void put(v)}>
            {t(`training.card.${v}`)}
          </button>
        ))}
      </div>
      {status && (
        <p className="hint" role="status" data-testid="training-status">
          {status}
        </p>
      )}
    </details>
  )
}
