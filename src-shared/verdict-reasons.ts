/**
 * Every reason the check-in verdict can give, with its severity and whether a site manager's override
 * can let it through. The UI translates `code` in its locale files and formats the details.
 *
 * | code                      | severity  | overridable | meaning                                                            |
 * | ------------------------- | --------- | ----------- | ------------------------------------------------------------------ |
 * | `notOnRoster`             | refuse    | never       | no candidate with this admit card / document number in the session |
 * | `otherSession`            | refuse    | no          | a genuine admit card of another session (or venue, or body)       |
 * | `forgedAdmitCard`         | refuse    | never       | a complete QR with an unknown key or a bad signature               |
 * | `incompleteQr`            | refuse    | no          | a truncated or misread QR: scan again (nothing is recorded)        |
 * | `unsupportedAdmitCard`    | refuse    | no          | QR of a format version this app does not know: type the number    |
 * | `revokedAdmitCard`        | refuse    | yes         | HQ revoked this admit card after printing                          |
 * | `invalidCheckDigit`       | refuse    | no          | typed/read number with a wrong check digit: a typo, not "not found"|
 * | `invalidDocumentNumber`   | refuse    | no          | number empty, malformed, 17/19 chars of an ID number, or an impossible birth date |
 * | `ambiguousDocument`       | attention | no          | the number matches several candidates: pick one by search          |
 * | `notRegisteredForSubject` | refuse    | no          | retake candidate: registered for the other subject only            |
 * | `alreadyCheckedIn`        | refuse    | never       | a valid check-in for this subject exists (desk, time, proctor)     |
 * | `subjectClosed`           | refuse    | no          | the site manager closed the subject (reopen it instead)            |
 * | `beforeDoorsOpen`         | refuse    | yes         | earlier than the subject's doors-open time                         |
 * | `lateEntryClosed`         | refuse    | yes         | at or past start + late-entry cutoff ("09:30 停止入场": 09:30:00 is refused) |
 * | `late`                    | attention | —           | after the start, within the cutoff                                 |
 * | `wrongDocumentType`       | refuse    | yes         | a document of another type than registered                         |
 * | `documentTypeMismatch`    | attention | —           | resident ID for social security card or back: same number          |
 * | `documentNumberMismatch`  | refuse    | yes         | the presented number is not the registered one                     |
 * | `nameMismatch`            | refuse    | yes         | name on the card differs (both spellings and review flags)         |
 * | `birthDateMismatch`       | refuse    | yes         | birth date on the card / in the number differs                     |
 * | `cardReaderMismatch`      | refuse    | yes         | sex or birth date on the chip disagrees with registration/number   |
 * | `documentExpired`         | refuse    | yes         | the document's validity ended before the exam day (valid-to inclusive) |
 * | `documentNotYetValid`     | refuse    | yes         | the document's validity starts after the exam day (valid-from inclusive) |
 * | `otherRoom`               | attention | —           | the candidate sits in a room this desk does not serve              |
 * | `photoMissing`            | attention | —           | no registration photo to compare the face with                     |
 * | `previouslyRefused`       | attention | —           | refused earlier for this subject (with the earlier reasons)        |
 * | `overridden`              | attention | —           | a site manager's override let the listed refuse reasons through    |
 *
 * "never" is the rule book's list (alreadyCheckedIn, notOnRoster, forgedAdmitCard); "no" are reasons an
 * override cannot sensibly reach: there is no candidate to override for, the registration itself must be
 * fixed by HQ, or (subjectClosed) the audited way is to reopen the subject.
 */
import type { NameReviewFlag } from './names'
import type { IdDocumentType, SubjectCode } from './schemas'

export type Severity = 'refuse' | 'attention'

export const REASON_CODES = {
  notOnRoster: { severity: 'refuse', overridable: false },
  otherSession: { severity: 'refuse', overridable: false },
  forgedAdmitCard: { severity: 'refuse', overridable: false },
  incompleteQr: { severity: 'refuse', overridable: false },
  unsupportedAdmitCard: { severity: 'refuse', overridable: false },
  revokedAdmitCard: { severity: 'refuse', overridable: true },
  invalidCheckDigit: { severity: 'refuse', overridable: false },
  invalidDocumentNumber: { severity: 'refuse', overridable: false },
  ambiguousDocument: { severity: 'attention', overridable: false },
  notRegisteredForSubject: { severity: 'refuse', overridable: false },
  alreadyCheckedIn: { severity: 'refuse', overridable: false },
  subjectClosed: { severity: 'refuse', overridable: false },
  beforeDoorsOpen: { severity: 'refuse', overridable: true },
  lateEntryClosed: { severity: 'refuse', overridable: true },
  late: { severity: 'attention', overridable: false },
  wrongDocumentType: { severity: 'refuse', overridable: true },
  documentTypeMismatch: { severity: 'attention', overridable: false },
  documentNumberMismatch: { severity: 'refuse', overridable: true },
  nameMismatch: { severity: 'refuse', overridable: true },
  birthDateMismatch: { severity: 'refuse', overridable: true },
  cardReaderMismatch: { severity: 'refuse', overridable: true },
  documentExpired: { severity: 'refuse', overridable: true },
  documentNotYetValid: { severity: 'refuse', overridable: true },
  otherRoom: { severity: 'attention', overridable: false },
  photoMissing: { severity: 'attention', overridable: false },
  previouslyRefused: { severity: 'attention', overridable: false },
  overridden: { severity: 'attention', overridable: false },
} as const satisfies Record<string, { severity: Severity; overridable: boolean }>

export type ReasonCode = keyof typeof REASON_CODES

type Who = { eventId: string; deviceId: string; at: string; staffId: string | null }
type Doc = { type: IdDocumentType; number: string }

/** The details each reason carries, by code. */
export interface ReasonDetails {
  notOnRoster: { lookup: 'admitCardNo' | 'idDocument'; value: string }
  otherSession: {
    sessionId: string
    expectedSessionId: string
    admitCardNo: string
    /** Only when the desk knows that session (e.g. an earlier package). */
    otherBody?: boolean
    otherVenue?: boolean
    date?: string
  }
  forgedAdmitCard: { check: 'malformed' | 'unknownKey' | 'badSignature'; claimedAdmitCardNo?: string }
  incompleteQr: Record<never, never>
  unsupportedAdmitCard: { check: 'unknownVersion'; claimedAdmitCardNo?: string }
  revokedAdmitCard: { admitCardNo: string }
  invalidCheckDigit: { type: IdDocumentType; raw: string }
  invalidDocumentNumber: {
    type?: IdDocumentType
    raw: string
    validation: 'empty' | 'format' | 'birthDate' | 'length'
    /** With `length`: how many characters were typed (an ID number has 18). */
    length?: number
  }
  ambiguousDocument: { admitCardNos: string[] }
  notRegisteredForSubject: { subject: SubjectCode; registeredSubjects: SubjectCode[] }
  alreadyCheckedIn: Who & { sameDesk: boolean }
  subjectClosed: { subject: SubjectCode }
  beforeDoorsOpen: { doorsOpen: string; minutesEarly: number }
  lateEntryClosed: { start: string; cutoff: string; minutesLate: number }
  late: { start: string; cutoff: string; minutesLate: number }
  wrongDocumentType: { registered: IdDocumentType; presented: IdDocumentType }
  documentTypeMismatch: { registered: IdDocumentType; presented: IdDocumentType }
  documentNumberMismatch: { registered: Doc; presented: Doc }
  nameMismatch: { registered: string; presented: string; flags: NameReviewFlag[] }
  birthDateMismatch: { registered: string; presented: string; source: 'card' | 'documentNumber' }
  cardReaderMismatch: {
    field: 'sex' | 'birthDate'
    expected: string
    presented: string
    /** What the chip was compared with. */
    source: 'registration' | 'documentNumber'
  }
  documentExpired: { validTo: string; examDate: string }
  documentNotYetValid: { validFrom: string; examDate: string }
  otherRoom: { roomId: string; deskRooms: string[] }
  photoMissing: Record<never, never>
  previouslyRefused: Who & { reasons: readonly string[]; reason?: string }
  overridden: Who & { approvedBy: string; reason: string; codes: ReasonCode[] }
}

/** One reason: its code, its severity (an overridden refuse reason becomes attention) and its details. */
export type Reason = {
  [C in ReasonCode]: { code: C; severity: Severity; overriddenBy?: string } & ReasonDetails[C]
}[ReasonCode]

/** Build a reason with the severity of the table. */
export function reason<C extends ReasonCode>(code: C, details: ReasonDetails[C]): Reason {
  return { code, severity: REASON_CODES[code].severity, ...details } as Reason
}
