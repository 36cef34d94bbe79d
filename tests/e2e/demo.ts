/** The demo session as the tests see it: its candidates, and admit-card QR codes signed like HQ's. */
import { openAsBlob } from 'node:fs'
import { readFileSync } from 'node:fs'
import { encodeAdmitCardQr } from '../../src-shared/admit-card'
import { importPrivateKeyPkcs8 } from '../../src-shared/crypto'
import { openPackage } from '../../src-shared/package-reader'
import type { Manifest } from '../../src-shared/package-format'
import type { Candidate } from '../../src-shared/schemas'

export const DEMO_PACKAGE = 'resources/demo-session.examdesk'

let manifest: Promise<Manifest> | null = null

export function demoManifest(): Promise<Manifest> {
  manifest ??= (async () => {
    const keys = JSON.parse(readFileSync('resources/hq-keys.json', 'utf8'))
    const r = await openPackage(await openAsBlob(DEMO_PACKAGE), keys)
    if (!r.ok) throw new Error(`demo package does not open: ${r.reason}`)
    await r.pkg.close()
    return r.pkg.manifest
  })()
  return manifest
}

/** A candidate of the demo: both subjects, or a retake candidate sitting only `only`. */
export async function demoCandidate(filter: (c: Candidate) => boolean, skip = 0): Promise<Candidate> {
  const found = (await demoManifest()).candidates.filter(filter)[skip]
  if (!found) throw new Error('no such demo candidate')
  return found
}

export const sitsBoth = (c: Candidate) => c.sittings.length === 2 && c.idDocument.type === 'cn_resident_id'
export const sitsOnly = (subject: 'theory' | 'skills') => (c: Candidate) =>
  c.sittings.length === 1 && c.sittings[0]!.subject === subject

/** The QR on a demo candidate's admit card, signed with the development HQ key. */
export async function admitCardQr(admitCardNo: string, sessionId?: string): Promise<string> {
  const key = JSON.parse(readFileSync('resources/dev-hq-key.json', 'utf8'))
  const m = await demoManifest()
  return encodeAdmitCardQr(
    { admitCardNo, sessionId: sessionId ?? m.session.id },
    await importPrivateKeyPkcs8(key.privateKeyPkcs8),
    key.publicKey,
  )
}
