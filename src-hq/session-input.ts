/**
 * session.json: what HQ writes by hand (or exports) besides the roster — body, session, venue,
 * subjects (and an occupation + level's own times, `groupTimes`), staff with their plain PINs, version
 * and revocations. Plain PINs live only in this input
 * file; the package gets salted PBKDF2 hashes (hashPin).
 */
import { z } from 'zod'
import { isPinFormatValid } from '../src-shared/pin'
import { HqKey } from '../src-shared/package-format'
import { Body, GroupTimes, Session, StaffRole, Subject, Venue } from '../src-shared/schemas'
import { FILE_KINDS, readJsonInput } from './cli-errors'

export const StaffInput = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  role: StaffRole,
  pin: z.string().refine(isPinFormatValid, 'PIN 应为 4–8 位数字 / PIN must be 4–8 digits'),
})
export type StaffInput = z.infer<typeof StaffInput>

export const SessionInput = z.object({
  packageVersion: z.number().int().min(1),
  body: Body,
  session: Session,
  venue: Venue,
  subjects: z.array(Subject).min(1).max(2),
  /** Optional: an occupation + level's own times for a subject; passed to the manifest as they are. */
  groupTimes: z.array(GroupTimes).optional(),
  staff: z.array(StaffInput).min(1).max(500),
  revokedAdmitCards: z.array(z.string().max(32)).default([]),
  /** Further HQ keys whose admit-card QR codes stay valid (key rotation); the signing key is always listed. */
  additionalHqKeys: z.array(HqKey).max(9).default([]),
})
export type SessionInput = z.infer<typeof SessionInput>

/** Read session.json; throws InputError with one located line per problem when it is missing or not valid. */
export async function readSessionInput(path: string): Promise<SessionInput> {
  return readJsonInput(FILE_KINDS.session, path, SessionInput)
}
