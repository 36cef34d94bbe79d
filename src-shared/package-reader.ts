/**
 * Opening a session package: signature first, then digests, then schema — nothing of a file is
 * parsed before the bytes are known to be what HQ signed. Works on a Blob (a File in the browser,
 * a Blob over a file in Node), reading entries one at a time so memory stays bounded.
 */
import { BlobReader, Uint8ArrayWriter, ZipReader, configure, type Entry, type FileEntry } from '@zip.js/zip.js'
import { z } from 'zod'
import {
  MANIFEST_FILE,
  Manifest,
  PACKAGE_LIMITS,
  PHOTO_DIR,
  SIGNATURE_FILE,
  matchesDigest,
  verifyPackageSignature,
  type HqKey,
  type PackageRefusal,
  type PackageSignature,
} from './package-format'

// No workers and no WebAssembly: the app's CSP allows neither; the native streams are enough.
configure({ useWebWorkers: false, useCompressionStream: true })

export interface OpenedPackage {
  signature: PackageSignature
  key: HqKey
  manifest: Manifest
  /** Photo entry names (`photos/<file>`) present and signed. */
  photoEntries: readonly string[]
  /** Read one photo; its bytes are checked against the signed digest (throws PackageError if not). */
  readPhoto(entryName: string): Promise<Uint8Array>
  /**
   * Read many photos with few large reads of the file (a browser File pays per read): the entries that
   * lie next to each other are fetched in one slice. Each is checked against its signed digest.
   */
  readPhotos(entryNames: readonly string[]): Promise<Map<string, Uint8Array>>
  close(): Promise<void>
}

export type OpenResult =
  { ok: true; pkg: OpenedPackage } | { ok: false; reason: PackageRefusal; detail?: string; issues?: SchemaIssue[] }

/** A schema problem, located: `candidates.12.idDocument.number` plus the candidate's admit card no. */
export interface SchemaIssue {
  path: string
  message: string
  admitCardNo?: string
}

export class PackageError extends Error {
  constructor(
    readonly reason: PackageRefusal,
    readonly detail?: string,
  ) {
    super(`${reason}${detail ? `: ${detail}` : ''}`)
  }
}

const isFile = (e: Entry): e is FileEntry => !e.directory

async function readEntry(entry: FileEntry, limit: number): Promise<Uint8Array> {
  if (entry.uncompressedSize > limit) throw new PackageError('tooLarge', entry.filename)
  // Stored entries (the photos) are copied as they are, skipping the codec; their SHA-256 is checked anyway.
  const bytes = await entry.getData(new Uint8ArrayWriter(), entry.compressionMethod === 0 ? { passThrough: true } : {})
  // The header's size can lie; the bytes cannot.
  if (bytes.byteLength > limit) throw new PackageError('tooLarge', entry.filename)
  return bytes
}

/** Open, verify and parse a package. Never throws for a bad file: it answers why it is refused. */
export async function openPackage(blob: Blob, trusted: readonly HqKey[]): Promise<OpenResult> {
  let reader: ZipReader<unknown> | null = null
  try {
    reader = new ZipReader(new BlobReader(blob))
    let entries: Entry[]
    try {
      entries = await reader.getEntries()
    } catch {
      return { ok: false, reason: 'notAPackage', detail: 'zip' }
    }
    if (entries.length > PACKAGE_LIMITS.maxEntries) return { ok: false, reason: 'tooLarge', detail: 'entries' }
    const byName = new Map<string, FileEntry>()
    for (const e of entries) if (isFile(e)) byName.set(e.filename, e)
    const signatureEntry = byName.get(SIGNATURE_FILE)
    const manifestEntry = byName.get(MANIFEST_FILE)
    if (!signatureEntry || !manifestEntry) {
      return { ok: false, reason: 'notAPackage', detail: !signatureEntry ? SIGNATURE_FILE : MANIFEST_FILE }
    }

    // 1. The signature, over a few KB, before anything else is read.
    const check = await verifyPackageSignature(
      await readEntry(signatureEntry, PACKAGE_LIMITS.maxSignatureBytes),
      trusted,
    )
    if (!check.ok) return { ok: false, reason: check.reason, ...(check.detail ? { detail: check.detail } : {}) }
    const signed = check.signature.signed

    // 2. Every entry must be signed, and every signed entry present.
    for (const name of byName.keys()) {
      if (name === SIGNATURE_FILE || name === MANIFEST_FILE) continue
      if (!name.startsWith(PHOTO_DIR) || !(name in signed.photos))
        return { ok: false, reason: 'unsignedEntry', detail: name }
    }
    for (const name of Object.keys(signed.photos)) {
      if (!byName.has(name)) return { ok: false, reason: 'missingEntry', detail: name }
    }

    // 3. The manifest's bytes against the signed digest, and only then JSON and schema.
    const manifestBytes = await readEntry(manifestEntry, PACKAGE_LIMITS.maxManifestBytes)
    if (!(await matchesDigest(manifestBytes, signed.manifestSha256))) {
      return { ok: false, reason: 'digestMismatch', detail: MANIFEST_FILE }
    }
    let raw: unknown
    try {
      raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes))
    } catch {
      return { ok: false, reason: 'schema', detail: MANIFEST_FILE }
    }
    const parsed = Manifest.safeParse(raw)
    if (!parsed.success) return { ok: false, reason: 'schema', issues: schemaIssues(parsed.error, raw) }
    const manifest = parsed.data
    if (
      manifest.session.id !== signed.sessionId ||
      manifest.venue.id !== signed.venueId ||
      manifest.packageVersion !== signed.packageVersion
    ) {
      return { ok: false, reason: 'digestMismatch', detail: 'session/venue/version differ from the signature' }
    }

    const openReader = reader
    reader = null // ownership passes to the opened package
    return {
      ok: true,
      pkg: {
        signature: check.signature,
        key: check.key,
        manifest,
        photoEntries: Object.keys(signed.photos),
        async readPhoto(entryName) {
          const entry = byName.get(entryName)
          const digest = signed.photos[entryName]
          if (!entry || !digest) throw new PackageError('missingEntry', entryName)
          let bytes: Uint8Array
          try {
            bytes = await readEntry(entry, PACKAGE_LIMITS.maxPhotoBytes)
          } catch (err) {
            if (err instanceof PackageError) throw err
            throw new PackageError('notAPackage', entryName)
          }
          if (!(await matchesDigest(bytes, digest))) throw new PackageError('digestMismatch', entryName)
          return bytes
        },
        async readPhotos(entryNames) {
          const out = new Map<string, Uint8Array>()
          const stored: FileEntry[] = []
          for (const name of entryNames) {
            const entry = byName.get(name)
            if (!entry || !(name in signed.photos)) throw new PackageError('missingEntry', name)
            if (entry.uncompressedSize > PACKAGE_LIMITS.maxPhotoBytes) throw new PackageError('tooLarge', name)
            if (entry.compressionMethod === 0 && entry.compressedSize === entry.uncompressedSize) stored.push(entry)
            else out.set(name, await this.readPhoto(name))
          }
          stored.sort((a, b) => a.offset - b.offset)
          for (const run of contiguousRuns(stored)) {
            const first = run[0]!
            const last = run[run.length - 1]!
            const end = last.offset + LOCAL_HEADER_MAX + last.rawFilename.length + last.compressedSize
            const buf = new Uint8Array(await blob.slice(first.offset, Math.min(end, blob.size)).arrayBuffer())
            await Promise.all(
              run.map(async (entry) => {
                const bytes = storedData(buf, entry.offset - first.offset, entry.compressedSize)
                if (!bytes || !(await matchesDigest(bytes, signed.photos[entry.filename]!))) {
                  throw new PackageError('digestMismatch', entry.filename)
                }
                out.set(entry.filename, bytes)
              }),
            )
          }
          return out
        },
        close: () => openReader.close(),
      },
    }
  } catch (err) {
    if (err instanceof PackageError)
      return { ok: false, reason: err.reason, ...(err.detail ? { detail: err.detail } : {}) }
    return { ok: false, reason: 'notAPackage', detail: err instanceof Error ? err.message : String(err) }
  } finally {
    await reader?.close().catch(() => undefined)
  }
}

const LOCAL_HEADER = 30
/** A local header's extra field may be larger than the central directory says: allow for it. */
const LOCAL_HEADER_MAX = LOCAL_HEADER + 1024
const MAX_RUN_BYTES = 16 * 1024 * 1024

/** Group entries (sorted by offset) into runs that one read of at most MAX_RUN_BYTES covers. */
function contiguousRuns(entries: readonly FileEntry[]): FileEntry[][] {
  const runs: FileEntry[][] = []
  let run: FileEntry[] = []
  let runStart = 0
  for (const e of entries) {
    const end = e.offset + LOCAL_HEADER_MAX + e.rawFilename.length + e.compressedSize
    if (run.length > 0 && end - runStart > MAX_RUN_BYTES) {
      runs.push(run)
      run = []
    }
    if (run.length === 0) runStart = e.offset
    run.push(e)
  }
  if (run.length > 0) runs.push(run)
  return runs
}

/** The data of a stored entry whose local header starts at `at` in `buf`, or null when it is not one. */
function storedData(buf: Uint8Array, at: number, size: number): Uint8Array | null {
  if (at < 0 || at + LOCAL_HEADER > buf.length) return null
  const view = new DataView(buf.buffer, buf.byteOffset + at, LOCAL_HEADER)
  if (view.getUint32(0, true) !== 0x04034b50) return null // local file header signature
  if (view.getUint16(8, true) !== 0) return null // stored, not compressed
  const start = at + LOCAL_HEADER + view.getUint16(26, true) + view.getUint16(28, true)
  if (start + size > buf.length) return null
  return buf.slice(start, start + size)
}

/** Turn zod issues into located lines, naming the candidate where the path goes through one. */
function schemaIssues(error: z.ZodError, raw: unknown): SchemaIssue[] {
  return error.issues.slice(0, 200).map((issue) => {
    const path = issue.path.map(String).join('.')
    let admitCardNo: string | undefined
    if (issue.path[0] === 'candidates' && typeof issue.path[1] === 'number') {
      const c = (raw as { candidates?: { admitCardNo?: unknown }[] }).candidates?.[issue.path[1]]
      if (typeof c?.admitCardNo === 'string') admitCardNo = c.admitCardNo
    }
    return { path, message: issue.message, ...(admitCardNo ? { admitCardNo } : {}) }
  })
}
