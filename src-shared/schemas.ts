/**
 * The domain model of an exam day, as zod schemas. This is the only place where raw JSON
 * (a session package, an IPC payload, an HQ response) becomes a typed value.
 * Words follow the glossary of domain.md: body, session, venue, room, subject, candidate, admitCardNo.
 */
import { z } from 'zod'

/** The two sittings of every occupation + level: 理论知识 and 技能考核. */
export const SubjectCode = z.enum(['theory', 'skills'])
export type SubjectCode = z.infer<typeof SubjectCode>
export const SUBJECT_CODES: readonly SubjectCode[] = SubjectCode.options

/** Type codes of every accepted identity document (id-documents.md). */
export const IdDocumentType = z.enum([
  'cn_resident_id',
  'cn_social_security_card',
  'hkmo_residence_permit',
  'tw_residence_permit',
  'foreign_permanent_residence_id',
  'hk_identity_card',
  'mo_identity_card',
  'hkmo_home_return_permit',
  'tw_mainland_travel_permit',
  'passport',
])
export type IdDocumentType = z.infer<typeof IdDocumentType>
export const ID_DOCUMENT_TYPES: readonly IdDocumentType[] = IdDocumentType.options

/** `YYYY-MM-DD`, a real calendar date. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
  }, 'not a calendar date')

/** An instant with an explicit offset, e.g. `2024-12-14T09:00:00+08:00`. */
export const IsoDateTime = z.iso.datetime({ offset: true })

export const Sex = z.enum(['M', 'F'])
export type Sex = z.infer<typeof Sex>

const Id = z.string().min(1).max(64)
const Name = z.string().min(1).max(100)

export const Body = z.object({ id: Id, name: Name })
export type Body = z.infer<typeof Body>

export const Venue = z.object({ id: Id, name: Name, address: z.string().max(200).optional() })
export type Venue = z.infer<typeof Venue>

/** A room (考场) with its seats numbered 1..seats. */
export const Room = z.object({
  id: Id,
  name: Name,
  seats: z.number().int().min(1).max(1000),
})
export type Room = z.infer<typeof Room>

/** One sitting of the session: its times and the late-entry cutoff after the start. */
export const Subject = z.object({
  code: SubjectCode,
  doorsOpen: IsoDateTime,
  start: IsoDateTime,
  end: IsoDateTime,
  lateEntryCutoffMinutes: z.number().int().min(0).max(240),
})
export type Subject = z.infer<typeof Subject>

/**
 * One occupation + level's own times for a subject, when they differ from the session-wide `Subject`
 * (e.g. a later skills sitting for one group). Matched on the candidate's exact `occupation` and `level`;
 * a missing cutoff means the session-wide subject's cutoff. Rules: subject-times.ts.
 */
export const GroupTimes = z.object({
  subject: SubjectCode,
  occupation: Name,
  level: Name,
  doorsOpen: IsoDateTime,
  start: IsoDateTime,
  end: IsoDateTime,
  lateEntryCutoffMinutes: z.number().int().min(0).max(240).optional(),
})
export type GroupTimes = z.infer<typeof GroupTimes>

export const Session = z.object({
  id: Id,
  name: Name,
  date: IsoDate,
  bodyId: Id,
  venueId: Id,
})
export type Session = z.infer<typeof Session>

export const IdDocument = z.object({
  type: IdDocumentType,
  number: z.string().min(1).max(40),
  /** ISO 3166 alpha-3 issuing country, for passports. */
  issuingCountry: z.string().max(3).optional(),
})
export type IdDocument = z.infer<typeof IdDocument>

/** A subject the candidate sits, where. Retake candidates (补考) have only one. */
export const Sitting = z.object({
  subject: SubjectCode,
  roomId: Id,
  seat: z.number().int().min(1).max(1000),
})
export type Sitting = z.infer<typeof Sitting>

export const Candidate = z.object({
  admitCardNo: z.string().regex(/^[0-9A-Za-z-]{4,32}$/, 'admit card number: 4–32 letters or digits'),
  name: Name,
  sex: Sex,
  birthDate: IsoDate,
  idDocument: IdDocument,
  occupation: Name,
  workType: z.string().max(100).optional(),
  level: Name,
  sittings: z.array(Sitting).min(1).max(2),
  group: z.string().max(100).optional(),
  /** File name of the registration photo inside the package. */
  photo: z.string().max(200).optional(),
  invoiceRequested: z.boolean().default(false),
})
export type Candidate = z.infer<typeof Candidate>

export const StaffRole = z.enum(['proctor', 'siteManager'])
export type StaffRole = z.infer<typeof StaffRole>

/** A PIN is never stored: PBKDF2-SHA256 over the PIN with a per-person salt. */
export const PinHash = z.object({
  alg: z.literal('PBKDF2-SHA256'),
  iterations: z.number().int().min(1000).max(10_000_000),
  salt: z.string().min(8).max(200),
  hash: z.string().min(8).max(200),
})
export type PinHash = z.infer<typeof PinHash>

export const Staff = z.object({ id: Id, name: Name, role: StaffRole, pin: PinHash })
export type Staff = z.infer<typeof Staff>

// ───────────────────────────── events ─────────────────────────────

/** How the candidate was found at the desk. */
export const ScanMethod = z.enum(['qr', 'admitCardNo', 'idDocument', 'search', 'cardReader'])
export type ScanMethod = z.infer<typeof ScanMethod>

/** What the proctor confirmed with their own eyes before admitting. */
export const Checklist = z.object({
  faceMatches: z.boolean(),
  originalDocumentSeen: z.boolean(),
})

const Reasons = z.array(z.string().max(64)).max(32)

export const CheckInPayload = z.object({
  admitCardNo: z.string().max(32),
  subject: SubjectCode,
  method: ScanMethod,
  /** Every way the candidate was identified when more than one (a QR, then the card on the reader). */
  methods: z.array(ScanMethod).min(2).max(5).optional(),
  /** `attention` when admitted despite attention reasons (late, overridden, mismatch shown). */
  verdict: z.enum(['admit', 'attention']),
  reasons: Reasons,
  checklist: Checklist,
  /** The override event this check-in relies on, if any. */
  overrideEventId: z.string().max(64).optional(),
  /** Raw strings as presented (name on the chip, typed number): kept, never normalised away. */
  presented: z.record(z.string().max(64), z.string().max(400)).optional(),
})
export const VoidPayload = z.object({
  targetEventId: z.string().min(1).max(64),
  reason: z.string().min(1).max(500),
  approvedBy: z.string().max(64).optional(),
})
export const OverridePayload = z.object({
  admitCardNo: z.string().max(32),
  subject: SubjectCode,
  /** The refusal reasons the site manager allows past. */
  reasons: Reasons,
  reason: z.string().min(1).max(500),
  approvedBy: z.string().min(1).max(64),
})
export const RefusalPayload = z.object({
  admitCardNo: z.string().max(32).optional(),
  subject: SubjectCode,
  reasons: Reasons,
  reason: z.string().max(500).optional(),
  method: ScanMethod.optional(),
  methods: z.array(ScanMethod).min(2).max(5).optional(),
  presented: z.record(z.string().max(64), z.string().max(400)).optional(),
})
/**
 * An invoice (发票) handed over on exam day. `reason` and `approvedBy` (the site manager) are there when the
 * candidate had not asked for one; optional, so ledgers written before them still verify.
 */
export const InvoiceHandedOverPayload = z.object({
  admitCardNo: z.string().max(32),
  reason: z.string().min(1).max(500).optional(),
  approvedBy: z.string().max(64).optional(),
})
export const SubjectClosedPayload = z.object({ subject: SubjectCode })
export const SubjectReopenedPayload = z.object({
  subject: SubjectCode,
  reason: z.string().min(1).max(500),
})
export const NotePayload = z.object({
  admitCardNo: z.string().max(32).optional(),
  text: z.string().min(1).max(2000),
})
export const LoginPayload = z.object({ staffId: z.string().max(64) })
export const LogoutPayload = z.object({
  staffId: z.string().max(64),
  cause: z.enum(['manual', 'idle']),
})
export const PackageImportedPayload = z.object({
  sessionId: z.string().max(64),
  version: z.number().int().min(1),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
  candidates: z.number().int().min(0),
})

/** Every event type and its payload schema: the ledger accepts nothing else. */
export const EVENT_PAYLOADS = {
  checkIn: CheckInPayload,
  void: VoidPayload,
  override: OverridePayload,
  refusal: RefusalPayload,
  invoiceHandedOver: InvoiceHandedOverPayload,
  subjectClosed: SubjectClosedPayload,
  subjectReopened: SubjectReopenedPayload,
  note: NotePayload,
  login: LoginPayload,
  logout: LogoutPayload,
  packageImported: PackageImportedPayload,
} as const
export type EventType = keyof typeof EVENT_PAYLOADS
export const EventType = z.enum(Object.keys(EVENT_PAYLOADS) as [EventType, ...EventType[]])
export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_PAYLOADS)[T]>

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits')

/** The part of an event that is hashed and signed. */
export const UnsignedEvent = z.object({
  deviceId: z.string().min(8).max(64),
  seq: z.number().int().min(1),
  eventId: z.string().min(8).max(64),
  sessionId: z.string().max(64),
  type: EventType,
  payload: z.record(z.string(), z.unknown()),
  /** Staff id of who did it; null for what the desk does by itself. */
  actor: z.string().max(64).nullable(),
  deviceTime: IsoDateTime,
  prevHash: Hex64,
})
export type UnsignedEvent = z.infer<typeof UnsignedEvent>

export const LedgerEvent = UnsignedEvent.extend({
  hash: Hex64,
  /** Ed25519 signature over the 32 hash bytes, base64url. */
  sig: z.string().min(80).max(100),
})
type EventEnvelope = Omit<z.infer<typeof LedgerEvent>, 'type' | 'payload'>
/** A signed event whose payload has the type of its `type`: `e.type === 'void'` gives `e.payload.targetEventId`. */
export type LedgerEvent = { [T in EventType]: EventEnvelope & { type: T; payload: EventPayload<T> } }[EventType]

/** Parse an event's payload against the schema of its type. */
export function parsePayload<T extends EventType>(type: T, payload: unknown): EventPayload<T> {
  return EVENT_PAYLOADS[type].parse(payload) as EventPayload<T>
}

/** The events of one type: `EventOf<'void'>` has a typed `payload.targetEventId`. */
export type EventOf<T extends EventType> = Extract<LedgerEvent, { type: T }>

/** The candidate an event is about, if its type names one (a note may, a login never does). */
export function admitCardNoOf(e: LedgerEvent): string | undefined {
  return 'admitCardNo' in e.payload && typeof e.payload.admitCardNo === 'string' ? e.payload.admitCardNo : undefined
}

/** The site manager who approved an event, if its type records one (override, void, invoice). */
export function approvedByOf(e: LedgerEvent): string | undefined {
  return 'approvedBy' in e.payload ? e.payload.approvedBy : undefined
}

/** The subject an event is about, if its type names one. */
export function subjectOf(e: LedgerEvent): SubjectCode | undefined {
  return 'subject' in e.payload ? e.payload.subject : undefined
}
