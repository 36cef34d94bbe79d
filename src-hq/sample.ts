/**
 * A realistic synthetic session, the same for the same seed: occupations and levels of the seed
 * notices, groups, ~8 % retake candidates (one subject only), ~10 % asking for an invoice, rooms of
 * 30–40 seats filled occupation by occupation, 4 staff with documented PINs, and a photo for everyone.
 */
import type { Candidate, GroupTimes, Room, Sitting, Subject, SubjectCode } from '../src-shared/schemas'
import type { PhotoSources } from './package-build'
import type { Roster } from './roster-file'
import { makePerson, makePersonOfKind, type PersonKind } from './sample-people'
import { makePortraitPool, withComment } from './sample-photos'
import { intBetween, mulberry32, pickOne, pickWeighted, type Random } from './random'
import type { SessionInput, StaffInput } from './session-input'

export interface SampleOptions {
  candidates: number
  seed: number
  /** Demo mode: the session is marked 【演示】 and its id starts with `demo-`. */
  demo?: boolean
  /** Exam date, YYYY-MM-DD. */
  date?: string
  /** How many distinct portraits to encode (each candidate's photo still has its own bytes). */
  photoVariants?: number
  /** Give 人工智能训练师 五级/初级 its own, later skills sitting (`groupTimes`): 14:30–16:30, doors 14:00. */
  groupTimes?: boolean
}

export interface Sample {
  input: SessionInput
  roster: Roster
  photos: PhotoSources
}

/** Occupation, work type, level, a two-digit code for admit card numbers, and a weight. */
const TRACKS: readonly (readonly [{ occupation: string; workType?: string; level: string; code: string }, number])[] = [
  [{ occupation: '区块链应用操作员', level: '四级/中级', code: '11' }, 28],
  [{ occupation: '区块链应用操作员', level: '三级/高级', code: '12' }, 14],
  [{ occupation: '信息安全测试员', workType: '渗透测试员', level: '四级/中级', code: '21' }, 20],
  [{ occupation: '信息安全测试员', workType: '渗透测试员', level: '三级/高级', code: '22' }, 10],
  [{ occupation: '人工智能训练师', level: '五级/初级', code: '31' }, 28],
]
const GROUPS = [
  '北京市信息技术职业学校',
  '北京数联科技有限公司',
  '中电智安（北京）网络安全有限公司',
  '首都职业技能实训基地',
  '北京链安教育科技有限公司',
  '海淀区社区学院',
]

/** The sample's staff. PINs are for the sample and the demo only: print them, never reuse them. */
export const SAMPLE_STAFF: readonly StaffInput[] = [
  { id: 'staff-01', name: '王建国', role: 'siteManager', pin: '888888' },
  { id: 'staff-02', name: '李晓燕', role: 'proctor', pin: '123456' },
  { id: 'staff-03', name: '张伟', role: 'proctor', pin: '123456' },
  { id: 'staff-04', name: '陈静', role: 'proctor', pin: '123456' },
]

function subjects(date: string): Subject[] {
  const at = (hm: string) => `${date}T${hm}:00+08:00`
  return [
    { code: 'theory', doorsOpen: at('08:00'), start: at('09:00'), end: at('10:30'), lateEntryCutoffMinutes: 30 },
    { code: 'skills', doorsOpen: at('12:30'), start: at('13:30'), end: at('15:30'), lateEntryCutoffMinutes: 30 },
  ]
}

/** The sample's group times: the AI trainers sit the skills assessment an hour after everyone else. */
function laterSkills(date: string): GroupTimes[] {
  const at = (hm: string) => `${date}T${hm}:00+08:00`
  return [
    {
      subject: 'skills',
      occupation: '人工智能训练师',
      level: '五级/初级',
      doorsOpen: at('14:00'),
      start: at('14:30'),
      end: at('16:30'),
    },
  ]
}

/** Generate the whole session for options.seed. */
export function generateSample(options: SampleOptions): Sample {
  const { candidates: count, seed } = options
  if (!Number.isInteger(count) || count < 1 || count > 15_000) throw new RangeError('candidates: 1–15000')
  const date = options.date ?? '2024-12-14'
  const rand = mulberry32(seed)
  const yymm = `${date.slice(2, 4)}${date.slice(5, 7)}`
  const people = Array.from({ length: count }, () => ({
    person: makePerson(rand, Number(date.slice(0, 4))),
    track: pickWeighted(rand, TRACKS),
  }))
  if (options.demo) {
    // A training session should show each kind of person at least once, whatever the seed gives.
    const kinds: PersonKind[] = ['middleDot', 'latinPassport', 'foreignCard', 'twResidencePermit', 'middleDot']
    kinds.forEach((kind, k) => {
      const slot = people[(k * 7 + 3) % people.length]
      if (slot) slot.person = makePersonOfKind(rand, Number(date.slice(0, 4)), kind)
    })
  }
  // Admit cards are numbered per track, as registration systems do; rooms are filled track by track.
  people.sort((a, b) => a.track.code.localeCompare(b.track.code))
  const perTrack = new Map<string, number>()
  const usedDocuments = new Set<string>()
  const seating = new Seating(rand)
  const candidates: Candidate[] = people.map(({ person, track }) => {
    const n = (perTrack.get(track.code) ?? 0) + 1
    perTrack.set(track.code, n)
    const admitCardNo = `${yymm}${track.code}${String(n).padStart(5, '0')}`
    // A generated number may repeat over thousands of people; a real roster never holds one twice.
    while (usedDocuments.has(`${person.idDocument.type}:${person.idDocument.number}`)) {
      Object.assign(person, makePerson(rand, Number(date.slice(0, 4))))
    }
    usedDocuments.add(`${person.idDocument.type}:${person.idDocument.number}`)
    const retake: SubjectCode | null = rand() < 0.08 ? pickOne(rand, ['theory', 'skills'] as const) : null
    const group = rand() < 0.3 ? pickOne(rand, GROUPS) : undefined
    return {
      admitCardNo,
      ...person,
      occupation: track.occupation,
      ...(track.workType ? { workType: track.workType } : {}),
      level: track.level,
      sittings: seating.seat(retake),
      ...(group ? { group } : {}),
      photo: `${admitCardNo}.jpg`,
      invoiceRequested: rand() < 0.1,
    }
  })
  const pool = makePortraitPool(seed, Math.max(2, Math.min(options.photoVariants ?? 32, count)))
  const photos = new Map<string, () => Promise<Uint8Array>>()
  candidates.forEach((c, i) => {
    // Mostly short hair for men and long hair for women, so the demo's faces look plausible.
    const longHair = (c.sex === 'F') !== (i % 7 === 0)
    const base = pool[((2 * i) % (pool.length - (pool.length % 2))) + (longHair ? 1 : 0)] ?? pool[0]!
    photos.set(c.admitCardNo, async () => withComment(base, `ExamDesk sample ${c.admitCardNo}`))
  })
  const demo = options.demo === true
  const month = `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月`
  return {
    input: {
      packageVersion: 1,
      body: { id: 'cecc', name: '中国电子商会' },
      session: {
        id: demo ? `demo-${date}` : `sample-${date}-${seed}`,
        name: demo ? `【演示】${month} 职业技能等级认定（培训用）` : `【示例】${month} 职业技能等级认定`,
        date,
        bodyId: 'cecc',
        venueId: 'venue-bj-haidian-01',
      },
      venue: {
        id: 'venue-bj-haidian-01',
        name: '北京市海淀区职业技能等级认定考点（示例）',
        address: '北京市海淀区示例路 1 号',
      },
      subjects: subjects(date),
      ...(options.groupTimes ? { groupTimes: laterSkills(date) } : {}),
      staff: [...SAMPLE_STAFF],
      revokedAdmitCards: [],
      additionalHqKeys: [],
    },
    roster: { candidates, rooms: seating.rooms() },
    photos,
  }
}

/** Rooms of 30–40 seats; both subjects use the same rooms, a candidate keeps one room and seat for both. */
class Seating {
  private readonly list: Room[] = []
  private used = 0
  constructor(private readonly rand: Random) {}

  seat(only: SubjectCode | null): Sitting[] {
    let room = this.list[this.list.length - 1]
    if (!room || this.used >= room.seats) {
      const no = String(this.list.length + 1).padStart(2, '0')
      room = { id: `第${no}考场`, name: `第${no}考场`, seats: intBetween(this.rand, 30, 40) }
      this.list.push(room)
      this.used = 0
    }
    const seat = ++this.used
    const codes: SubjectCode[] = only ? [only] : ['theory', 'skills']
    return codes.map((subject) => ({ subject, roomId: room.id, seat }))
  }

  rooms(): Room[] {
    return this.list
  }
}
