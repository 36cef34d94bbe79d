/**
 * The session package (HQ → desk), format `examdesk-package/1`. One zip file (`*.examdesk`):
 *
 *   signature.json   { signed: SignedContent, keyId, sig }   — read and verified first
 *   manifest.json    the session, rooms, subjects, staff and roster (UTF-8 JSON)
 *   photos/<admitCardNo>.jpg   registration photos, stored as they are
 *
 * `sig` is Ed25519 by an HQ key over the RFC 8785 canonical bytes of `signed`, which holds the
 * SHA-256 of manifest.json and of every photo. So the desk verifies the signature on a few KB,
 * then checks every other byte of the file against a digest it already trusts, before it parses it.
 * docs/session-package.md is the human description of this file.
 */
import canonicalize from 'canonicalize'
import { z } from 'zod'
import { fromBase64Url, importPublicKeyRaw, sha256Hex, utf8, verifyBytes } from './crypto'
import { Body, Candidate, GroupTimes, IsoDateTime, Room, Session, Staff, Subject, Venue } from './schemas'
import { groupTimesProblems } from './subject-times'

export const PACKAGE_FORMAT = 'examdesk-package/1'
export const MANIFEST_FILE = 'manifest.json'
export const SIGNATURE_FILE = 'signature.json'
export const PHOTO_DIR = 'photos/'

/** Limits that keep a hostile file from exhausting the desk. */
export const PACKAGE_LIMITS = {
  maxCandidates: 20_000,
  maxManifestBytes: 64 * 1024 * 1024,
  maxSignatureBytes: 4 * 1024 * 1024,
  maxPhotoBytes: 2 * 1024 * 1024,
  maxEntries: 20_010,
} as const

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/)

/** What the HQ signature covers. */
export const SignedContent = z.object({
  format: z.literal(PACKAGE_FORMAT),
  sessionId: z.string().min(1).max(64),
  venueId: z.string().min(1).max(64),
  packageVersion: z.number().int().min(1),
  createdAt: IsoDateTime,
  manifestSha256: Sha256,
  /** Entry name (`photos/<file>`) → SHA-256 of its bytes. */
  photos: z.record(z.string().max(220), Sha256),
})
export type SignedContent = z.infer<typeof SignedContent>

export const PackageSignature = z.object({
  signed: SignedContent,
  /** keyId of the HQ key (16 hex chars: first 8 bytes of SHA-256 of its raw public key). */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  /** Ed25519 signature, base64url. */
  sig: z.string().min(80).max(100),
})
export type PackageSignature = z.infer<typeof PackageSignature>

/** An HQ public key the desk may trust: for packages (if shipped with the app) and admit-card QR codes. */
export const HqKey = z.object({
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  /** Raw Ed25519 public key, base64url (43 chars). */
  publicKey: z.string().min(40).max(50),
  name: z.string().max(100).optional(),
})
export type HqKey = z.infer<typeof HqKey>

export const Manifest = z
  .object({
    format: z.literal(PACKAGE_FORMAT),
    packageVersion: z.number().int().min(1),
    createdAt: IsoDateTime,
    body: Body,
    session: Session,
    venue: Venue,
    rooms: z.array(Room).min(1).max(500),
    subjects: z.array(Subject).min(1).max(2),
    /** Optional: an occupation + level's own times for a subject (subject-times.ts). Absent: everyone uses `subjects`. */
    groupTimes: z.array(GroupTimes).max(2000).optional(),
    staff: z.array(Staff).min(1).max(500),
    /** HQ keys valid for admit-card QR codes of this session (HQ may rotate keys). */
    hqKeys: z.array(HqKey).min(1).max(10),
    /** Admit cards cancelled after printing: their QR codes are refused. */
    revokedAdmitCards: z.array(z.string().max(32)).max(PACKAGE_LIMITS.maxCandidates).default([]),
    candidates: z.array(Candidate).max(PACKAGE_LIMITS.maxCandidates),
  })
  .superRefine((m, ctx) => {
    if (m.session.venueId !== m.venue.id) {
      ctx.addIssue({ code: 'custom', path: ['session', 'venueId'], message: 'session is for another venue' })
    }
    if (m.session.bodyId !== m.body.id) {
      ctx.addIssue({ code: 'custom', path: ['session', 'bodyId'], message: 'session is for another body' })
    }
    const codes = m.subjects.map((s) => s.code)
    if (new Set(codes).size !== codes.length) {
      ctx.addIssue({ code: 'custom', path: ['subjects'], message: 'a subject is listed twice' })
    }
    for (const p of groupTimesProblems(m.session, m.subjects, m.groupTimes ?? [])) {
      ctx.addIssue({ code: 'custom', path: ['groupTimes', p.index, p.field], message: p.message })
    }
  })
export type Manifest = z.infer<typeof Manifest>

/** The exact bytes the HQ signature covers. */
export function signedBytes(signed: SignedContent): Uint8Array {
  const text = canonicalize(signed)
  if (text === undefined) throw new Error('cannot canonicalize signed content')
  return utf8(text)
}

/** Why a package is refused. The UI maps each to one line of Chinese (or English). */
export const PACKAGE_REFUSALS = [
  'notAPackage', // not a zip, truncated, or no signature.json / manifest.json
  'tooLarge', // an entry or the whole file is past PACKAGE_LIMITS
  'unknownKey', // signed by a key this desk does not trust
  'badSignature', // signature does not verify: the file was altered or forged
  'digestMismatch', // manifest or a photo differs from what was signed
  'unsignedEntry', // the file holds an entry the signature does not list
  'missingEntry', // the signature lists an entry the file lacks
  'schema', // the manifest is not a valid session (after the signature held)
  'otherVenue', // the package is for another venue than this desk's
  'olderVersion', // an older (or the same) version of a session already loaded
] as const
export type PackageRefusal = (typeof PACKAGE_REFUSALS)[number]

export type SignatureCheck =
  { ok: true; signature: PackageSignature; key: HqKey } | { ok: false; reason: PackageRefusal; detail?: string }

/** Parse signature.json and verify it against the trusted HQ keys. Never throws. */
export async function verifyPackageSignature(
  signatureJson: Uint8Array,
  trusted: readonly HqKey[],
): Promise<SignatureCheck> {
  if (signatureJson.byteLength > PACKAGE_LIMITS.maxSignatureBytes) return { ok: false, reason: 'tooLarge' }
  let parsed: PackageSignature
  try {
    parsed = PackageSignature.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(signatureJson)))
  } catch {
    return { ok: false, reason: 'badSignature', detail: SIGNATURE_FILE }
  }
  const key = trusted.find((k) => k.keyId === parsed.keyId)
  if (!key) return { ok: false, reason: 'unknownKey', detail: parsed.keyId }
  let valid = false
  try {
    const publicKey = await importPublicKeyRaw(key.publicKey)
    valid = await verifyBytes(publicKey, fromBase64Url(parsed.sig), signedBytes(parsed.signed))
  } catch {
    valid = false
  }
  return valid ? { ok: true, signature: parsed, key } : { ok: false, reason: 'badSignature' }
}

/** SHA-256 of bytes compared with the signed digest. */
export async function matchesDigest(bytes: Uint8Array, expected: string): Promise<boolean> {
  return (await sha256Hex(bytes)) === expected
}

/** The photo entry name of a candidate's photo file. */
export function photoEntryName(photo: string): string {
  return `${PHOTO_DIR}${photo}`
}
