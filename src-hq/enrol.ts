/**
 * Device enrolment. HQ prints an enrolment token when it starts (or takes `--token`); whoever holds it
 * acts as HQ's operator: a site manager types it once at the desk (`POST /v1/devices`), or the operator
 * ingests a USB export file, which carries the desk's public key. Either way the deviceId is derived
 * from the public key, so a desk cannot claim another desk's id.
 */
import { timingSafeEqual, randomBytes } from 'node:crypto'
import { deviceIdFromPublicKey, importPublicKeyRaw } from '../src-shared/crypto'
import { ZERO_HASH } from '../src-shared/ledger'
import type { Queryable } from './db/query'

/** A fresh enrolment token: 128 random bits, base64url, easy to read out and type. */
export function newEnrolToken(): string {
  return randomBytes(16).toString('base64url')
}

/** Does the request carry `Authorization: Bearer <token>`? Constant time in the token's content. */
export function hasToken(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '', 'utf8')
  const expected = Buffer.from(token, 'utf8')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** Enrol a desk by its public key (idempotent); null when the key is not an Ed25519 public key. */
export async function enrolDevice(
  db: Queryable,
  publicKey: string,
  opts: { name?: string; by: 'token' | 'file'; now: Date },
): Promise<{ deviceId: string; created: boolean } | null> {
  try {
    await importPublicKeyRaw(publicKey)
  } catch {
    return null
  }
  const deviceId = await deviceIdFromPublicKey(publicKey)
  const rows = await db.query(
    `INSERT INTO devices (device_id, public_key, name, enrolled_at, enrolled_by, head_hash)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (device_id) DO NOTHING RETURNING device_id`,
    [deviceId, publicKey, opts.name ?? null, opts.now.toISOString(), opts.by, ZERO_HASH],
  )
  return { deviceId, created: rows.length > 0 }
}
