/**
 * The one typed contract between renderer and main (style.md §2). Main validates every input with
 * these schemas and answers `{ ok: true, value } | { ok: false, error }`; nothing else crosses.
 */
import { z } from 'zod'
import type { BridgeChannel } from './bridge-channels'
import { IdDocumentType, Sex } from './schemas'
import type { CardRead } from './verdict-document'

const Bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes')
const MAX_FILE_BYTES = 512 * 1024 * 1024

export const AppInfo = z.object({
  version: z.string(),
  platform: z.enum(['electron', 'web']),
  os: z.string(),
  kiosk: z.boolean(),
  /** Where the desk key is sealed; `basic_text` on Linux means no real protection (electron.md). */
  keyProtection: z.enum(['os', 'weak', 'browser']),
})
export type AppInfo = z.infer<typeof AppInfo>

export const DeskIdentity = z.object({
  deviceId: z.string().regex(/^[0-9a-f]{32}$/),
  publicKey: z.string().min(40).max(50),
})
export type DeskIdentity = z.infer<typeof DeskIdentity>

export const FileFilter = z.object({
  name: z.string().max(100),
  extensions: z.array(z.string().regex(/^[a-z0-9*]{1,12}$/)).max(10),
})

export const OpenFileRequest = z.object({ filters: z.array(FileFilter).max(10) })
/**
 * A file picked in the open dialog: its name, size and a one-time URL on the app's origin that main
 * streams it from (never its bytes over IPC: a session package can be hundreds of MB).
 */
export const OpenedFile = z
  .object({
    name: z.string().max(260),
    size: z.number().int().nonnegative(),
    url: z.string().regex(/^app:\/\/examdesk\/__opened\/[0-9a-f]{32}$/),
  })
  .nullable()
export type OpenedFile = z.infer<typeof OpenedFile>

export const SaveFileRequest = z.object({
  suggestedName: z
    .string()
    .min(1)
    .max(200)
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
    .refine((s) => !/[\\/:*?"<>|\x00-\x1f]/.test(s), 'file name has forbidden characters'),
  bytes: Bytes.refine((b) => b.byteLength <= MAX_FILE_BYTES, 'file too large'),
  filters: z.array(FileFilter).max(10),
})
/** Where the file went, or null when the user cancelled. */
export const SavedFile = z.object({ path: z.string() }).nullable()

export const PdfRequest = z.object({ landscape: z.boolean().default(false) })

export const HqRequest = z.object({
  url: z.url({ protocol: /^https?$/ }),
  method: z.enum(['GET', 'POST']),
  headers: z.record(z.string().max(100), z.string().max(4000)).default({}),
  body: z
    .string()
    .max(8 * 1024 * 1024)
    .optional(),
  timeoutMs: z.number().int().min(100).max(120_000).default(30_000),
})
export type HqRequest = z.input<typeof HqRequest>
export const HqResponse = z.object({ status: z.number().int(), body: z.string() })
export type HqResponse = z.infer<typeof HqResponse>

/** A chip card as the verdict compares it (`CardRead`); address and ethnicity stay in main, the UI needs neither. */
export const CardReadSchema = z.object({
  type: IdDocumentType,
  number: z.string().min(1).max(40),
  name: z.string().min(1).max(120),
  sex: Sex.optional(),
  birthDate: z.string().max(10).optional(),
  validFrom: z.string().max(10).optional(),
  /** null = 长期 (no end). */
  validTo: z.string().max(10).nullable().optional(),
}) satisfies z.ZodType<CardRead>

/**
 * What one read of the ID card reader answers. Reason codes (the UI translates them):
 * `noReader` no reader found or it was unplugged · `noCard` no card on the reader (or the one lying there
 * was already read: lift it and put it back) · `readFailed` the card was found but could not be read ·
 * `unsupportedPlatform` this host has no reader driver (not Windows, or the FFI library is missing).
 */
export const CardReadResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    card: CardReadSchema,
    /** The chip photo decoded by the vendor library: a 102×126 BMP (or JPEG from some readers). */
    photo: Bytes.refine((b) => b.byteLength <= 2 * 1024 * 1024, 'photo too large').optional(),
  }),
  z.object({ ok: z.literal(false), reason: z.enum(['noReader', 'noCard', 'readFailed', 'unsupportedPlatform']) }),
])
export type CardReadResult = z.infer<typeof CardReadResult>
export type CardReadFailure = Extract<CardReadResult, { ok: false }>['reason']

export const bridge = {
  'app:info': { input: z.void(), output: AppInfo },
  'desk:identity': { input: z.void(), output: DeskIdentity },
  /** Sign 32 bytes (an event hash) with the desk key, which never leaves main. */
  'desk:sign': { input: Bytes.refine((b) => b.byteLength === 32, 'expected 32 bytes'), output: Bytes },
  'file:open': { input: OpenFileRequest, output: OpenedFile },
  'file:save': { input: SaveFileRequest, output: SavedFile },
  'report:toPdf': { input: PdfRequest, output: Bytes },
  'hq:request': { input: HqRequest, output: HqResponse },
  'window:setKiosk': { input: z.boolean(), output: z.boolean() },
  /** Read the card lying on the 二代证 reader now (one attempt, no waiting). */
  'reader:read': { input: z.void(), output: CardReadResult },
} as const satisfies Record<BridgeChannel, { input: z.ZodType; output: z.ZodType }>

export type BridgeInput<C extends BridgeChannel> = z.input<(typeof bridge)[C]['input']>
export type BridgeOutput<C extends BridgeChannel> = z.infer<(typeof bridge)[C]['output']>

/** What every bridge call answers: errors are values, never thrown across the process boundary. */
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: string }
