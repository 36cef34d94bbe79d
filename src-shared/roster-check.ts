/**
 * Content rules of a roster, checked after the signature and the schema held: what the site manager
 * must see before confirming an import. Problems are warnings on a candidate (never silent drops),
 * except the few that make the roster unusable, which refuse the package.
 */
import { validateIdDocument } from './id-documents'
import type { Manifest } from './package-format'
import type { PhotoProblem } from './photo'
import type { Candidate, SubjectCode } from './schemas'

/** Warning codes on a candidate. The UI translates each. */
export const CANDIDATE_WARNINGS = [
  'invalidIdNumber', // the document number fails its format or check digit
  'idBirthDateMismatch', // the number encodes another birth date than the registration
  'idSexMismatch', // the number encodes another sex
  'duplicateDocument', // another candidate has the same document number
  'photoMissing', // no photo in the package
  'photoNotJpeg',
  'photoFileSize',
  'photoDimensions',
  'unknownRoom', // a sitting names a room the package does not list
  'seatOutOfRange', // the seat number is past the room's seats
  'seatTaken', // two candidates share a room and seat for one subject
  'subjectNotHeld', // a sitting for a subject the session does not hold
] as const
export type CandidateWarning = (typeof CANDIDATE_WARNINGS)[number]

/** Problems that refuse the whole package. */
export const ROSTER_REFUSALS = ['duplicateAdmitCardNo', 'noCandidates'] as const
export type RosterRefusal = (typeof ROSTER_REFUSALS)[number]

export interface RosterSummary {
  candidates: number
  retakes: number
  byOccupationLevel: { occupation: string; workType?: string; level: string; count: number }[]
  bySubject: Partial<Record<SubjectCode, number>>
  byRoom: { roomId: string; roomName: string; subject: SubjectCode; count: number; seats: number }[]
  warnings: Record<string, CandidateWarning[]>
  warningCount: number
}

export type RosterCheck =
  { ok: true; summary: RosterSummary } | { ok: false; reason: RosterRefusal; admitCardNos: string[] }

/**
 * Check a manifest's roster. `photoProblemsOf` answers for each candidate's photo (read and checked
 * by the caller, who holds the bytes): undefined when the package has no photo for that candidate.
 */
export function checkRoster(
  manifest: Manifest,
  photoProblemsOf: (c: Candidate) => PhotoProblem[] | undefined,
  today?: string,
): RosterCheck {
  const { candidates, rooms, subjects } = manifest
  if (candidates.length === 0) return { ok: false, reason: 'noCandidates', admitCardNos: [] }

  const seenNo = new Map<string, number>()
  for (const c of candidates)
    seenNo.set(c.admitCardNo.toUpperCase(), (seenNo.get(c.admitCardNo.toUpperCase()) ?? 0) + 1)
  const dupNos = [...seenNo].filter(([, n]) => n > 1).map(([no]) => no)
  if (dupNos.length > 0) return { ok: false, reason: 'duplicateAdmitCardNo', admitCardNos: dupNos }

  const warnings: Record<string, CandidateWarning[]> = {}
  const warn = (c: Candidate, w: CandidateWarning) => {
    const list = (warnings[c.admitCardNo] ??= [])
    if (!list.includes(w)) list.push(w)
  }

  const roomById = new Map(rooms.map((r) => [r.id, r]))
  const held = new Set(subjects.map((s) => s.code))
  const byDoc = new Map<string, Candidate[]>()
  const bySeat = new Map<string, Candidate[]>()
  const occ = new Map<string, RosterSummary['byOccupationLevel'][number]>()
  const bySubject: RosterSummary['bySubject'] = {}
  const byRoom = new Map<string, RosterSummary['byRoom'][number]>()
  let retakes = 0

  for (const c of candidates) {
    const v = validateIdDocument(c.idDocument.type, c.idDocument.number, today)
    if (!v.ok) warn(c, 'invalidIdNumber')
    else {
      if (v.birthDate && v.birthDate !== c.birthDate) warn(c, 'idBirthDateMismatch')
      if (v.sex && v.sex !== c.sex) warn(c, 'idSexMismatch')
      const key = `${c.idDocument.type === 'cn_social_security_card' ? 'cn_resident_id' : c.idDocument.type}:${v.lifetimeNumber ?? v.normalized}`
      byDoc.set(key, [...(byDoc.get(key) ?? []), c])
    }
    const photo = photoProblemsOf(c)
    if (photo === undefined) warn(c, 'photoMissing')
    else for (const p of photo) warn(c, p)

    if (c.sittings.length < subjects.length) retakes++
    for (const s of c.sittings) {
      if (!held.has(s.subject)) warn(c, 'subjectNotHeld')
      bySubject[s.subject] = (bySubject[s.subject] ?? 0) + 1
      const room = roomById.get(s.roomId)
      if (!room) {
        warn(c, 'unknownRoom')
        continue
      }
      if (s.seat > room.seats) warn(c, 'seatOutOfRange')
      const seatKey = `${s.subject}|${s.roomId}|${s.seat}`
      bySeat.set(seatKey, [...(bySeat.get(seatKey) ?? []), c])
      const roomKey = `${s.subject}|${s.roomId}`
      const r = byRoom.get(roomKey) ?? {
        roomId: room.id,
        roomName: room.name,
        subject: s.subject,
        count: 0,
        seats: room.seats,
      }
      r.count++
      byRoom.set(roomKey, r)
    }
    const occKey = `${c.occupation}|${c.workType ?? ''}|${c.level}`
    const o = occ.get(occKey) ?? {
      occupation: c.occupation,
      ...(c.workType ? { workType: c.workType } : {}),
      level: c.level,
      count: 0,
    }
    o.count++
    occ.set(occKey, o)
  }
  for (const group of byDoc.values()) {
    // The same person registered twice under two admit cards is for HQ to explain, not for us to merge.
    if (group.length > 1) for (const c of group) warn(c, 'duplicateDocument')
  }
  for (const group of bySeat.values()) if (group.length > 1) for (const c of group) warn(c, 'seatTaken')

  return {
    ok: true,
    summary: {
      candidates: candidates.length,
      retakes,
      byOccupationLevel: [...occ.values()].sort((a, b) => b.count - a.count),
      bySubject,
      byRoom: [...byRoom.values()].sort(
        (a, b) => a.subject.localeCompare(b.subject) || a.roomName.localeCompare(b.roomName, 'zh'),
      ),
      warnings,
      warningCount: Object.keys(warnings).length,
    },
  }
}
