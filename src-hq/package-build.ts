/**
 * Building a session package exactly as src-shared/package-format.ts describes it:
 *   signature.json (deflated)  manifest.json (deflated)  photos/<admitCardNo>.jpg (stored, level 0)
 * Photos are read twice, one at a time: once to digest them (the signature must exist before it is
 * written first), once to copy them into the zip. So memory holds one photo, not five thousand.
 * The zip is written to `<out>.part` and renamed at the end: a failed build leaves no half file.
 *
 * Reason codes of BuildProblem.reason:
 * | reason          | meaning                                                                |
 * | --------------- | ---------------------------------------------------------------------- |
 * | `schema`        | the assembled manifest does not pass the Manifest schema                |
 * | `unknownRoom`   | a sitting names a room the manifest lacks                               |
 * | `unknownSubject`| a candidate sits a subject the session does not hold                    |
 * | `photoTooLarge` | a photo is past PACKAGE_LIMITS.maxPhotoBytes (the desk would refuse)    |
 */
import { createWriteStream } from 'node:fs'
import { readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { TextReader, Uint8ArrayReader, ZipWriter, configure } from '@zip.js/zip.js'
import { sha256Hex, signBytes, toBase64Url, utf8 } from '../src-shared/crypto'
import {
  MANIFEST_FILE,
  Manifest,
  PACKAGE_FORMAT,
  PACKAGE_LIMITS,
  SIGNATURE_FILE,
  photoEntryName,
  signedBytes,
  type PackageSignature,
  type SignedContent,
} from '../src-shared/package-format'
import { hashPin } from '../src-shared/pin'
import type { Candidate } from '../src-shared/schemas'
import { publicHqKey, type HqSigningKey } from './keys'
import { checkPhoto, type PhotoProblem } from './photo-spec'
import type { Roster } from './roster-file'
import type { SessionInput } from './session-input'

configure({ useWebWorkers: false })

/** Where one candidate's photo bytes come from (a file, a generator). */
export type PhotoSources = ReadonlyMap<string, () => Promise<Uint8Array>>

export interface BuildProblem {
  reason: string
  text: string
}

export interface BuildSummary {
  out: string
  bytes: number
  keyId: string
  manifestSha256: string
  candidates: number
  photos: number
  photoWarnings: { admitCardNo: string; problems: PhotoProblem[] }[]
  manifest: Manifest
}

export type BuildResult = { ok: true; summary: BuildSummary } | { ok: false; problems: BuildProblem[] }

/** The manifest of a session: roster + session input, PINs hashed, photo names pointing into the package. */
export async function assembleManifest(
  input: SessionInput,
  roster: Roster,
  key: HqSigningKey,
  now: Date,
  withPhoto: ReadonlySet<string>,
): Promise<{ ok: true; manifest: Manifest } | { ok: false; problems: BuildProblem[] }> {
  // Each PIN gets its own random salt inside hashPin: the package never holds a PIN in the clear.
  const staff = await Promise.all(
    input.staff.map(async (s) => ({ id: s.id, name: s.name, role: s.role, pin: await hashPin(s.pin) })),
  )
  const candidates: Candidate[] = roster.candidates.map(({ photo: _sourceName, ...c }) =>
    withPhoto.has(c.admitCardNo) ? { ...c, photo: `${c.admitCardNo}.jpg` } : c,
  )
  const hqKeys = [publicHqKey(key), ...input.additionalHqKeys.filter((k) => k.keyId !== key.keyId)]
  const parsed = Manifest.safeParse({
    format: PACKAGE_FORMAT,
    packageVersion: input.packageVersion,
    createdAt: now.toISOString(),
    body: input.body,
    session: input.session,
    venue: input.venue,
    rooms: roster.rooms,
    subjects: input.subjects,
    ...(input.groupTimes && input.groupTimes.length > 0 ? { groupTimes: input.groupTimes } : {}),
    staff,
    hqKeys,
    revokedAdmitCards: input.revokedAdmitCards,
    candidates,
  })
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues
        .slice(0, 50)
        .map((i) => ({ reason: 'schema', text: `${i.path.join('.')}: ${i.message}` })),
    }
  }
  const problems = crossCheck(parsed.data)
  return problems.length > 0 ? { ok: false, problems } : { ok: true, manifest: parsed.data }
}

/** What the schema cannot see: sittings must name rooms and subjects of this manifest. */
function crossCheck(m: Manifest): BuildProblem[] {
  const rooms = new Map(m.rooms.map((r) => [r.id, r]))
  const subjects = new Set(m.subjects.map((s) => s.code))
  const problems: BuildProblem[] = []
  for (const c of m.candidates) {
    for (const s of c.sittings) {
      const room = rooms.get(s.roomId)
      if (!room || s.seat > room.seats)
        problems.push({ reason: 'unknownRoom', text: `${c.admitCardNo}: 考场「${s.roomId}」座位 ${s.seat} 不存在` })
      if (!subjects.has(s.subject))
        problems.push({ reason: 'unknownSubject', text: `${c.admitCardNo}: 本场次没有科目 ${s.subject}` })
    }
  }
  return problems
}

/** Sign and write the package; `photos` maps admitCardNo → reader of that candidate's photo bytes. */
export async function writePackage(
  manifest: Manifest,
  photos: PhotoSources,
  key: HqSigningKey,
  out: string,
): Promise<BuildResult> {
  const signedPhotos: Record<string, string> = {}
  const photoWarnings: BuildSummary['photoWarnings'] = []
  const withPhoto = manifest.candidates.filter((c) => c.photo !== undefined)
  for (const c of withPhoto) {
    const bytes = await photos.get(c.admitCardNo)!()
    if (bytes.length > PACKAGE_LIMITS.maxPhotoBytes) {
      return {
        ok: false,
        problems: [
          { reason: 'photoTooLarge', text: `${c.admitCardNo}: 照片超过 ${PACKAGE_LIMITS.maxPhotoBytes} 字节` },
        ],
      }
    }
    const problems = checkPhoto(bytes)
    if (problems.length > 0) photoWarnings.push({ admitCardNo: c.admitCardNo, problems })
    signedPhotos[photoEntryName(c.photo!)] = await sha256Hex(bytes)
  }
  const manifestText = JSON.stringify(manifest)
  const manifestSha256 = await sha256Hex(utf8(manifestText))
  const signed: SignedContent = {
    format: PACKAGE_FORMAT,
    sessionId: manifest.session.id,
    venueId: manifest.venue.id,
    packageVersion: manifest.packageVersion,
    createdAt: manifest.createdAt,
    manifestSha256,
    photos: signedPhotos,
  }
  const signature: PackageSignature = {
    signed,
    keyId: key.keyId,
    sig: toBase64Url(await signBytes(key.privateKey, signedBytes(signed))),
  }

  const part = `${out}.part`
  try {
    const zip = new ZipWriter(Writable.toWeb(createWriteStream(part)) as WritableStream<Uint8Array>, {
      useWebWorkers: false,
    })
    await zip.add(SIGNATURE_FILE, new TextReader(JSON.stringify(signature)), { level: 6 })
    await zip.add(MANIFEST_FILE, new TextReader(manifestText), { level: 6 })
    for (const c of withPhoto) {
      const name = photoEntryName(c.photo!)
      const bytes = await photos.get(c.admitCardNo)!()
      // A photo replaced in the folder between the two reads would make a package that never verifies.
      if ((await sha256Hex(bytes)) !== signedPhotos[name])
        throw new Error(`${name} changed while the package was being built`)
      // JPEG does not deflate: storing it saves time at both ends.
      await zip.add(name, new Uint8ArrayReader(bytes), { level: 0 })
    }
    await zip.close()
    await rename(part, out)
  } catch (err) {
    await rm(part, { force: true })
    throw err
  }
  return {
    ok: true,
    summary: {
      out,
      bytes: (await stat(out)).size,
      keyId: key.keyId,
      manifestSha256,
      candidates: manifest.candidates.length,
      photos: withPhoto.length,
      photoWarnings,
      manifest,
    },
  }
}

/** Photos found in a folder: the roster's 照片 column if given, else `<admitCardNo>.jpg` / `.jpeg` (any case). */
export async function photoSourcesFromDir(
  dir: string,
  candidates: readonly Candidate[],
): Promise<{ sources: Map<string, () => Promise<Uint8Array>>; missing: string[] }> {
  const files = new Map((await readdir(dir)).map((f) => [f.toLowerCase(), f]))
  const sources = new Map<string, () => Promise<Uint8Array>>()
  const missing: string[] = []
  for (const c of candidates) {
    const wanted = c.photo ? [c.photo] : [`${c.admitCardNo}.jpg`, `${c.admitCardNo}.jpeg`]
    const found = wanted.map((w) => files.get(w.toLowerCase())).find((f) => f !== undefined)
    if (found) sources.set(c.admitCardNo, async () => new Uint8Array(await readFile(join(dir, found))))
    else missing.push(c.admitCardNo)
  }
  return { sources, missing }
}
