import { useTranslation } from 'react-i18next'
import type { Arrivals } from '../../../src-shared/board'
import { localTime } from '../../clock'

const W = 720
const H = 180
const PAD = { left: 32, right: 12, top: 18, bottom: 26 }

/** Check-ins per 5 minutes as bars (late ones stacked in amber), with the start and the cutoff marked. */
export function ArrivalsChart({ data }: { data: Arrivals }) {
  const { t } = useTranslation()
  const n = data.buckets.length
  const first = data.buckets[0]!.from
  const span = n * data.bucketMinutes * 60_000
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const x = (ms: number) => PAD.left + ((ms - first) / span) * plotW
  const y = (v: number) => PAD.top + plotH - (v / data.max) * plotH
  const bw = Math.max(1, plotW / n - 2)
  const iso = (ms: number) => new Date(ms).toISOString()
  // Label every 15 minutes at most, fewer when the span is long.
  const every = Math.max(1, Math.ceil(n / 12))
  return (
    <figure className="arrivals" data-testid="arrivals-chart">
      <figcaption>{t('board.arrivals', { minutes: data.bucketMinutes })}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('board.arrivals', { minutes: data.bucketMinutes })}>
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} className="axis" />
        <text x={PAD.left - 4} y={y(data.max) + 4} className="tick" textAnchor="end">
          {data.max}
        </text>
        <text x={PAD.left - 4} y={y(0)} className="tick" textAnchor="end">
          0
        </text>
        {data.buckets.map((b, i) => {
          const bx = x(b.from) + 1
          return (
            <g key={b.from}>
              {b.onTime > 0 && (
                <rect x={bx} width={bw} y={y(b.onTime)} height={y(0) - y(b.onTime)} className="bar-on-time">
                  <title>{`${localTime(iso(b.from))} ${t('board.state.present')} ${b.onTime}`}</title>
                </rect>
              )}
              {b.late > 0 && (
                <rect
                  x={bx}
                  width={bw}
                  y={y(b.onTime + b.late)}
                  height={y(b.onTime) - y(b.onTime + b.late)}
                  className="bar-late"
                >
                  <title>{`${localTime(iso(b.from))} ${t('board.state.late')} ${b.late}`}</title>
                </rect>
              )}
              {i % every === 0 && (
                <text x={bx} y={H - 8} className="tick">
                  {localTime(iso(b.from))}
                </text>
              )}
            </g>
          )
        })}
        <Marker
          x={x(data.start)}
          label={t('board.start', { time: localTime(iso(data.start)) })}
          className="mark-start"
        />
        <Marker
          x={x(data.cutoff)}
          label={t('board.cutoff', { time: localTime(iso(data.cutoff)) })}
          className="mark-cutoff"
        />
      </svg>
    </figure>
  )
}

function Marker({ x, label, className }: { x: number; label: string; className: string }) {
  return (
    <g className={className}>
      <line x1={x} x2={x} y1={PAD.top - 6} y2={H - PAD.bottom} />
      {/* Near the right edge the label goes to the left of its line, so it is not cut off. */}
      <text x={x > W - 120 ? x - 3 : x + 3} y={PAD.top - 6} textAnchor={x > W - 120 ? 'end' : 'start'}>
        {label}
      </text>
    </g>
  )
}
