/**
 * Printable admit cards (准考证), A4, one or two per page, from a verified session package. Each card
 * carries the registration photo and a QR code HQ signs (encodeAdmitCardQr), which the desk checks
 * offline; the admit card number is printed as text too, for typing when a QR will not scan.
 */
import { existsSync } from 'node:fs'
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import { encodeAdmitCardQr } from '../src-shared/admit-card'
import { maskIdNumber } from '../src-shared/id-documents'
import type { Manifest } from '../src-shared/package-format'
import type { Candidate } from '../src-shared/schemas'
import { subjectTimesFor } from '../src-shared/subject-times'
import { ID_TYPE_LABELS } from './roster-columns'

export const DEFAULT_CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
/** The face inside the .ttc collection to use (simplified Chinese glyph shapes). */
const TTC_FACE = 'NotoSansCJKsc-Regular'

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = 36
const SUBJECT_NAMES: Record<string, string> = { theory: '理论知识', skills: '技能考核' }

export interface AdmitCardSigner {
  privateKey: CryptoKey
  publicKey: string
}

export interface AdmitCardOptions {
  perPage: 1 | 2
  fontPath: string
  /** Photo bytes of a candidate, or null when the package has none. */
  photoOf: (c: Candidate) => Promise<Uint8Array | null>
}

/** Throws with a message naming the option to set when the CJK font is missing. */
export function assertFont(path: string): void {
  if (!existsSync(path)) {
    throw new Error(
      `找不到中文字体 / CJK font not found: ${path}\n` +
        `  请安装 fonts-noto-cjk，或用 --font <字体文件> / EXAMDESK_CJK_FONT 指定一个 .ttf/.otf/.ttc 字体`,
    )
  }
}

/** `2024-12-14T09:00:00+08:00` → `09:00`, as written at the venue (the offset is the venue's). */
function clock(iso: string): string {
  return iso.slice(11, 16)
}

/** Render the cards of `candidates` into a PDF stream; resolves when the last page is written. */
export async function renderAdmitCards(
  manifest: Manifest,
  candidates: readonly Candidate[],
  signer: AdmitCardSigner,
  options: AdmitCardOptions,
  out: NodeJS.WritableStream,
): Promise<void> {
  assertFont(options.fontPath)
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: { Title: `准考证 ${manifest.session.name}`, Author: manifest.body.name },
  })
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', () => resolve())
    out.on('error', reject)
  })
  doc.pipe(out)
  const isCollection = options.fontPath.toLowerCase().endsWith('.ttc')
  doc.registerFont('cjk', options.fontPath, isCollection ? TTC_FACE : undefined)
  doc.font('cjk')
  const cardHeight = options.perPage === 2 ? A4.height / 2 : A4.height
  for (let i = 0; i < candidates.length; i++) {
    const slot = i % options.perPage
    if (slot === 0) doc.addPage()
    const top = slot * cardHeight
    if (slot === 1) {
      doc
        .save()
        .dash(4, { space: 4 })
        .moveTo(MARGIN / 2, top)
        .lineTo(A4.width - MARGIN / 2, top)
        .strokeColor('#999')
        .stroke()
        .restore()
    }
    await drawCard(doc, manifest, candidates[i]!, signer, options, top + MARGIN * 0.8)
  }
  doc.end()
  await done
}

async function drawCard(
  doc: PDFKit.PDFDocument,
  m: Manifest,
  c: Candidate,
  signer: AdmitCardSigner,
  options: AdmitCardOptions,
  top: number,
): Promise<void> {
  const left = MARGIN
  const width = A4.width - 2 * MARGIN
  doc.fillColor('#000').fontSize(11).text(m.body.name, left, top, { width, align: 'center' })
  doc.fontSize(18).text('职业技能等级认定  准考证', left, top + 16, { width, align: 'center' })
  doc
    .fontSize(10)
    .fillColor('#333')
    .text(`${m.session.name}    考试日期 ${m.session.date}`, left, top + 42, { width, align: 'center' })
  doc
    .moveTo(left, top + 60)
    .lineTo(left + width, top + 60)
    .strokeColor('#000')
    .lineWidth(0.8)
    .stroke()

  const rows: [string, string][] = [
    ['准考证号', c.admitCardNo],
    ['姓　　名', c.name],
    ['性　　别', c.sex === 'M' ? '男' : '女'],
    ['证件类型', ID_TYPE_LABELS[c.idDocument.type]],
    ['证件号码', maskIdNumber(c.idDocument.number)],
    ['职　　业', c.occupation],
    ['工　　种', c.workType ?? '—'],
    ['等　　级', c.level],
    ['考　　点', m.venue.name],
  ]
  if (m.venue.address) rows.push(['地　　址', m.venue.address])
  let y = top + 72
  for (const [label, value] of rows) {
    doc.fillColor('#555').fontSize(10).text(label, left, y, { width: 60 })
    doc
      .fillColor('#000')
      .fontSize(label === '准考证号' || label === '姓　　名' ? 13 : 11)
      .text(value, left + 64, y - (label === '准考证号' || label === '姓　　名' ? 2 : 0), { width: 300 })
    y += 19
  }

  // Photo and QR in the right column: the proctor compares the face; the scanner reads the code.
  const photoW = 90
  const photoH = 126
  const photoX = left + width - photoW - 120
  const photo = await options.photoOf(c)
  if (photo)
    doc.image(Buffer.from(photo), photoX, top + 72, { fit: [photoW, photoH], align: 'center', valign: 'center' })
  else
    doc
      .fontSize(9)
      .fillColor('#999')
      .text('无照片', photoX, top + 72 + photoH / 2 - 5, { width: photoW, align: 'center' })
  doc
    .rect(photoX, top + 72, photoW, photoH)
    .lineWidth(0.5)
    .strokeColor('#888')
    .stroke()
  const qrText = await encodeAdmitCardQr(
    { admitCardNo: c.admitCardNo, sessionId: m.session.id },
    signer.privateKey,
    signer.publicKey,
  )
  const qr = await QRCode.toBuffer(qrText, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 4 })
  const qrX = left + width - 110
  doc.image(qr, qrX, top + 72, { width: 110, height: 110 })
  doc
    .fillColor('#000')
    .fontSize(9)
    .text(c.admitCardNo, qrX, top + 184, { width: 110, align: 'center' })

  y = Math.max(y, top + 72 + photoH) + 10
  y = drawSittings(doc, m, c, left, y, width)
  doc
    .fillColor('#333')
    .fontSize(8.5)
    .text(
      '考生须知：请提前 1 小时到达考点接受考前检查；凭本准考证（纸质或手机出示）和报名时所用有效身份证件原件入场，' +
        '证件上的姓名、出生日期须与报名信息一致；开考后超过规定时间不得入场；补考考生只参加所报科目。',
      left,
      y + 6,
      { width, lineGap: 2 },
    )
}

function drawSittings(
  doc: PDFKit.PDFDocument,
  m: Manifest,
  c: Candidate,
  left: number,
  y: number,
  width: number,
): number {
  const cols = [80, 110, 60, 130, 80]
  const heads = ['科目', '考场', '座位号', '考试时间', '迟到截止']
  const x = (i: number) => left + cols.slice(0, i).reduce((s, w) => s + w, 0)
  const tableWidth = cols.reduce((s, w) => s + w, 0)
  doc.rect(left, y, Math.min(tableWidth, width), 18).fillColor('#eee').fill()
  heads.forEach((h, i) =>
    doc
      .fillColor('#000')
      .fontSize(10)
      .text(h, x(i) + 4, y + 4, { width: cols[i]! - 8 }),
  )
  y += 18
  for (const cells of sittingRows(m, c)) {
    cells.forEach((t, i) =>
      doc
        .fillColor('#000')
        .fontSize(11)
        .text(t, x(i) + 4, y + 5, { width: cols[i]! - 8 }),
    )
    doc
      .moveTo(left, y + 22)
      .lineTo(left + tableWidth, y + 22)
      .lineWidth(0.4)
      .strokeColor('#aaa')
      .stroke()
    y += 22
  }
  if (c.sittings.length === 1) {
    doc
      .fillColor('#a00')
      .fontSize(9)
      .text('补考：仅参加以上科目', left, y + 3)
    y += 14
  }
  return y
}

/**
 * The cells of the sittings table, one row per subject the candidate sits: subject, room, seat, the
 * candidate's own exam time (their occupation + level's when the package gives one) and entry cutoff.
 */
export function sittingRows(
  m: Pick<Manifest, 'subjects' | 'groupTimes' | 'rooms'>,
  c: Candidate,
): [string, string, string, string, string][] {
  const rooms = new Map(m.rooms.map((r) => [r.id, r.name]))
  return c.sittings.map((s) => {
    const subject = subjectTimesFor(m.subjects, m.groupTimes, c, s.subject)
    const cutoff = subject ? new Date(Date.parse(subject.start) + subject.lateEntryCutoffMinutes * 60_000) : null
    return [
      SUBJECT_NAMES[s.subject] ?? s.subject,
      rooms.get(s.roomId) ?? s.roomId,
      String(s.seat),
      subject ? `${clock(subject.start)}–${clock(subject.end)}` : '—',
      subject && cutoff ? offsetClock(subject.start, cutoff) : '—',
    ]
  })
}

/** HH:MM of an instant, in the UTC offset written in `reference` (the venue's clock). */
function offsetClock(reference: string, instant: Date): string {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(reference)
  const offsetMin = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0
  return new Date(instant.getTime() + offsetMin * 60_000).toISOString().slice(11, 16)
}
