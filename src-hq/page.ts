/**
 * HQ's own page: plain server-rendered HTML, no script at all, one inline stylesheet allowed by its
 * hash in a strict CSP. Sessions, devices (acked seq, clock offset), attendance merged across desks per
 * subject, conflicts, quarantined events and alarms. Everything printed is escaped.
 */
import { createHash } from 'node:crypto'
import { ATTENDANCE_STATES, type Attendance } from '../src-shared/attendance'
import type { AlarmView, DeviceView, QuarantinedView, SessionRow } from './views'

const STYLE = `body{font:14px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;margin:1.5rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}h3{font-size:1rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
th{background:#f3f3f3}.warn{color:#a40000;font-weight:bold}.muted{color:#777}code{font-size:.9em}`

/** The CSP of the page: nothing but this one stylesheet. */
export const PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
/** Escape text for HTML content and attribute values. */
export function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

function table(head: string[], rows: unknown[][], empty = '（无）'): string {
  if (rows.length === 0) return `<p class="muted">${esc(empty)}</p>`
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('')
  const trs = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')
  return `<table><thead><tr>${th}</tr></thead><tbody>${trs}</tbody></table>`
}

const STATE_ZH: Record<string, string> = {
  expected: '待到',
  present: '已到',
  late: '迟到入场',
  absent: '缺考',
  refused: '拒绝入场',
  notRegistered: '未报此科',
}
const SUBJECT_ZH: Record<string, string> = { theory: '理论知识', skills: '技能考核' }
const short = (id: string) => id.slice(0, 8)

function offset(ms: number | null): string {
  if (ms === null) return '—'
  const s = Math.round(ms / 1000)
  return `${s > 0 ? '+' : ''}${s} 秒`
}

export interface SessionSection {
  session: SessionRow
  attendance: Attendance | null
  quarantined: QuarantinedView[]
}

function attendanceSection({ session, attendance, quarantined }: SessionSection): string {
  const title = `<h2>${esc(session.name ?? session.sessionId)} <span class="muted">${esc(session.sessionId)}</span></h2>`
  const facts = `<p>考点 ${esc(session.venueId ?? '—')} · 名单版本 ${esc(session.packageVersion ?? '—')} · 事件 ${esc(session.events)} · 签到台 ${esc(session.devices)}</p>`
  if (attendance === null) return `${title}${facts}<p class="warn">总部没有此场次的名单包，无法合并考勤。</p>`
  const subjects = Object.keys(attendance.totals.bySubject)
  const totals = table(
    ['科目', ...ATTENDANCE_STATES.map((s) => STATE_ZH[s]!)],
    subjects.map((s) => [
      SUBJECT_ZH[s] ?? s,
      ...ATTENDANCE_STATES.map((st) => attendance.totals.bySubject[s as 'theory']?.[st] ?? 0),
    ]),
  )
  const perSubject = subjects
    .map((s) => {
      const rows = attendance.candidates.flatMap((c) => {
        const a = c.subjects[s as 'theory']
        if (!a || a.state === 'expected' || a.state === 'notRegistered') return []
        const ci = a.checkIn
        return [
          [
            c.candidate.admitCardNo,
            c.candidate.name,
            STATE_ZH[a.state],
            ci?.at ?? '',
            ci ? short(ci.deviceId) : '',
            a.duplicateCheckIns.length > 0 ? '重复签到' : '',
          ],
        ]
      })
      return `<h3>${esc(SUBJECT_ZH[s] ?? s)}</h3>${table(['准考证号', '姓名', '状态', '签到时间', '签到台', '复核'], rows, '尚无签到')}`
    })
    .join('')
  const conflicts = table(
    ['准考证号', '科目', '计入的签到', '其他签到'],
    attendance.conflicts.map((c) => [
      c.admitCardNo,
      SUBJECT_ZH[c.subject] ?? c.subject,
      `${short(c.counted.deviceId)} #${c.counted.seq} ${c.counted.at}`,
      c.others.map((o) => `${short(o.deviceId)} #${o.seq} ${o.at}`).join('；'),
    ]),
  )
  const anomalies = table(
    ['类型', '签到台', '事件', '准考证号'],
    attendance.anomalies.map((a) => [a.code, short(a.deviceId), a.eventId, a.admitCardNo ?? '']),
  )
  const q = table(
    ['签到台', '序号', '类型', '原因', '准考证号'],
    quarantined.map((e) => [short(e.deviceId), e.seq, e.type, e.quarantine, e.admitCardNo ?? '']),
  )
  return `${title}${facts}${totals}<h3 class="${attendance.conflicts.length ? 'warn' : ''}">冲突（待复核）：${attendance.conflicts.length}</h3>${conflicts}${perSubject}<h3>异常</h3>${anomalies}<h3>隔离的事件</h3>${q}`
}

/** The whole page. */
export function renderPage(p: {
  url: string
  sessions: SessionSection[]
  devices: DeviceView[]
  alarms: AlarmView[]
  now: Date
}): string {
  const devices = table(
    ['签到台', '名称', '登记方式', '已确认序号', '时钟偏差', '最近上传'],
    p.devices.map((d) => [
      d.deviceId,
      d.name ?? '',
      d.enrolledBy === 'file' ? 'U盘文件' : '登记码',
      d.ackedSeq,
      offset(d.clockOffsetMs),
      d.lastUploadAt ?? '—',
    ]),
  )
  const alarms = table(
    ['时间', '签到台', '类型', '详情'],
    p.alarms.map((a) => [a.at, a.deviceId ? short(a.deviceId) : '', a.kind, a.detail]),
  )
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>ExamDesk 总部</title><style>${STYLE}</style></head><body>
<h1>ExamDesk 总部 · 考点签到汇总</h1><p class="muted">${esc(p.url)} · ${esc(p.now.toISOString())}</p>
<h2>场次</h2>${table(
    ['场次', '名称', '考点', '名单版本', '事件', '签到台'],
    p.sessions.map((s) => [
      s.session.sessionId,
      s.session.name ?? '',
      s.session.venueId ?? '',
      s.session.packageVersion ?? '—',
      s.session.events,
      s.session.devices,
    ]),
  )}
<h2>签到台</h2>${devices}
<h2 class="${p.alarms.length ? 'warn' : ''}">告警：${p.alarms.length}</h2>${alarms}
${p.sessions.map(attendanceSection).join('\n')}
</body></html>`
}
