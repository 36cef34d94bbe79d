import { describe, expect, it, vi } from 'vitest'
import {
  createCardReader,
  readerSettingsFromEnv,
  SdtapiCardReader,
  SDT,
  SimulatedCardReader,
  type CardReader,
} from '../../../src-main/card-reader'
import type { SdtApi, SdtLibrary } from '../../../src-main/card-reader/sdtapi'
import { loadSdtapi } from '../../../src-main/card-reader/sdtapi-ffi'
import { createHandlers, type HandlerDeps } from '../../../src-main/handlers'
import type { CardRead } from '../../../src-shared/verdict'

const aCard = (over: Partial<CardRead> = {}): CardRead => ({
  type: 'cn_resident_id',
  number: '11010519491231002X',
  name: '张秀英',
  sex: 'F',
  birthDate: '1949-12-31',
  validFrom: '2015-06-01',
  validTo: null,
  ...over,
})

/** The 256-byte UCS-2LE text a reader returns for the test vector card (layout in src-shared/card-record.ts). */
function chipText(): Uint8Array {
  const bytes = new Uint8Array(256)
  for (let i = 0; i < 256; i += 2) bytes[i] = 0x20
  const put = (offset: number, s: string) => {
    for (let j = 0; j < s.length; j++) {
      bytes[offset + 2 * j] = s.charCodeAt(j) & 0xff
      bytes[offset + 2 * j + 1] = s.charCodeAt(j) >> 8
    }
  }
  put(0, '张秀英')
  put(30, '2')
  put(32, '01')
  put(36, '19491231')
  put(122, '11010519491231002X')
  put(188, '20150601')
  put(204, '长期')
  return bytes
}

interface FakeReader {
  /** Ports where SDT_OpenPort answers 0x90. */
  ports?: number[]
  find?: number[]
  select?: number
  read?: number
  text?: Uint8Array
  throwOnRead?: boolean
}

/** A fake sdtapi.dll: answers the codes it is given and logs every call. */
function fakeSdt(reader: FakeReader = {}) {
  const calls: string[] = []
  const finds = [...(reader.find ?? [SDT.cardFound])]
  const api: SdtApi = {
    openPort: async (port) => (calls.push(`open ${port}`), (reader.ports ?? [1001]).includes(port) ? SDT.ok : 0x01),
    closePort: async (port) => (calls.push(`close ${port}`), SDT.ok),
    startFindIdCard: async () => (calls.push('find'), finds.length > 1 ? finds.shift()! : finds[0]!),
    selectIdCard: async () => (calls.push('select'), reader.select ?? SDT.ok),
    readBaseMsg: async (_port, text, textLength, photo, photoLength) => {
      calls.push('read')
      if (reader.throwOnRead) throw new Error('access violation')
      const t = reader.text ?? chipText()
      text.set(t)
      textLength[0] = t.byteLength
      photo.fill(0x57, 0, 1024)
      photoLength[0] = 1024
      return reader.read ?? SDT.ok
    },
  }
  return { api, calls }
}

function driver(reader: FakeReader = {}, library: Partial<SdtLibrary> = {}, clock = { t: 0 }) {
  const sdt = fakeSdt(reader)
  const r = new SdtapiCardReader({
    load: async () => ({ ok: true, library: { api: sdt.api, ...library } }),
    now: () => clock.t,
    rescanAfterMs: 5000,
  })
  return { reader: r, calls: sdt.calls }
}

describe('the simulated reader', () => {
  it('answers noCard when nothing lies on it', async () => {
    expect(await new SimulatedCardReader().read()).toEqual({ ok: false, reason: 'noCard' })
  })

  it('reads a presented card once, then answers noCard, as a real reader does', async () => {
    const r = new SimulatedCardReader()
    r.present(aCard(), new Uint8Array([0x42, 0x4d]))
    expect(await r.read()).toEqual({ ok: true, card: aCard(), photo: new Uint8Array([0x42, 0x4d]) })
    expect(await r.read()).toEqual({ ok: false, reason: 'noCard' })
  })

  it('serves queued cards in the order they were presented', async () => {
    const r = new SimulatedCardReader()
    r.present(aCard({ name: '甲' }))
    r.present(aCard({ name: '乙' }))
    expect(r.pending).toBe(2)
    expect(await r.read()).toMatchObject({ ok: true, card: { name: '甲' } })
    expect(await r.read()).toMatchObject({ ok: true, card: { name: '乙' } })
  })

  it('has nothing to read after remove()', async () => {
    const r = new SimulatedCardReader()
    r.present(aCard())
    r.remove()
    expect(await r.read()).toEqual({ ok: false, reason: 'noCard' })
  })

  it('fails the next read with the reason it is told, then reads normally', async () => {
    const r = new SimulatedCardReader()
    r.present(aCard())
    r.failNext('readFailed')
    expect(await r.read()).toEqual({ ok: false, reason: 'readFailed' })
    expect(await r.read()).toMatchObject({ ok: true })
  })
})

describe('the sdtapi driver off Windows', () => {
  it('answers unsupportedPlatform on Linux without importing koffi', async () => {
    const importKoffi = vi.fn(async () => ({}))
    const r = new SdtapiCardReader({ load: () => loadSdtapi({ platform: 'linux', importKoffi }) })
    await r.open()
    expect(await r.read()).toEqual({ ok: false, reason: 'unsupportedPlatform' })
    expect(importKoffi).not.toHaveBeenCalled()
  })

  it('answers unsupportedPlatform on Windows when koffi is not installed', async () => {
    const errors: string[] = []
    const importKoffi = async () => {
      throw new Error("Cannot find package 'koffi'")
    }
    const load = await loadSdtapi({ platform: 'win32', importKoffi, onError: (m) => errors.push(m) })
    expect(load).toEqual({ ok: false, reason: 'unsupportedPlatform' })
    expect(errors[0]).toMatch(/koffi unavailable.*optional dependency/)
  })

  // koffi is optional for npm (no prebuilt binary on some platforms), but our build machines have one:
  // if it did not install, this test says so.
  it('imports the installed koffi (an optional dependency) and reports a missing sdtapi.dll as noReader', async () => {
    const errors: string[] = []
    const load = await loadSdtapi({ platform: 'win32', dllDir: '/nonexistent', onError: (m) => errors.push(m) })
    expect(load).toEqual({ ok: false, reason: 'noReader' })
    expect(errors[0]).toMatch(/sdtapi\.dll could not be loaded/)
  })

  it('answers noReader on Windows when sdtapi.dll cannot be loaded (no vendor driver, wrong bitness)', async () => {
    const koffi = {
      load: () => {
        throw new Error('%1 is not a valid Win32 application')
      },
    }
    expect(await loadSdtapi({ platform: 'win32', importKoffi: async () => ({ default: koffi }) })).toEqual({
      ok: false,
      reason: 'noReader',
    })
  })
})

describe('the sdtapi driver', () => {
  it('tries USB ports 1001–1016 before serial ports 1–16 and keeps the first that opens', async () => {
    const { reader, calls } = driver({ ports: [3] })
    await reader.open()
    const opened = calls.filter((c) => c.startsWith('open')).map((c) => Number(c.slice(5)))
    expect(opened).toEqual([...Array.from({ length: 16 }, (_, i) => 1001 + i), 1, 2, 3])
  })

  it('finds, selects and reads the card, and hands over the parsed card with the decoded photo', async () => {
    const decodePhoto = vi.fn(async () => new Uint8Array([0x42, 0x4d, 1]))
    const { reader, calls } = driver({}, { decodePhoto })
    expect(await reader.read()).toEqual({ ok: true, card: aCard(), photo: new Uint8Array([0x42, 0x4d, 1]) })
    expect(calls).toEqual(['open 1001', 'find', 'select', 'read'])
    expect(decodePhoto).toHaveBeenCalledWith(expect.any(Uint8Array), true)
  })

  it('still hands over the card when the photo cannot be decoded', async () => {
    const { reader } = driver({}, { decodePhoto: async () => Promise.reject(new Error('WltRS -4')) })
    expect(await reader.read()).toEqual({ ok: true, card: aCard() })
  })

  it('answers noCard when find says 0x80 (no card, or the card lying there was already read)', async () => {
    const { reader, calls } = driver({ find: [SDT.findCardFailed] })
    expect(await reader.read()).toEqual({ ok: false, reason: 'noCard' })
    expect(calls).not.toContain('select')
  })

  it.each([
    ['select fails (0x81)', { select: SDT.selectCardFailed }],
    ['read fails (0x41)', { read: SDT.readFailed }],
    ['the card is not an ID card (0x40)', { find: [SDT.unknownCardType] }],
    ['the text is garbage', { text: new Uint8Array(256).fill(0x01) }],
    ['the DLL throws', { throwOnRead: true }],
  ])('answers readFailed when %s', async (_what, reader) => {
    expect(await driver(reader).reader.read()).toEqual({ ok: false, reason: 'readFailed' })
  })

  it('answers noReader when no port opens, and waits before scanning the slow serial ports again', async () => {
    const clock = { t: 0 }
    const { reader, calls } = driver({ ports: [] }, {}, clock)
    expect(await reader.read()).toEqual({ ok: false, reason: 'noReader' })
    const scans = () => calls.filter((c) => c === 'open 1001').length
    clock.t = 4000
    await reader.read()
    expect(scans()).toBe(1)
    clock.t = 6000
    await reader.read()
    expect(scans()).toBe(2)
  })

  it('answers noReader when the reader stops answering (0x02), releases the port and scans again next time', async () => {
    const { reader, calls } = driver({ find: [SDT.pcReceiveTimeout, SDT.cardFound] })
    expect(await reader.read()).toEqual({ ok: false, reason: 'noReader' })
    expect(calls).toContain('close 1001')
    expect(await reader.read()).toMatchObject({ ok: true })
    expect(calls.filter((c) => c === 'open 1001')).toHaveLength(2)
  })

  it('runs one conversation with the DLL at a time', async () => {
    const { reader, calls } = driver()
    await Promise.all([reader.read(), reader.read()])
    expect(calls).toEqual(['open 1001', 'find', 'select', 'read', 'find', 'select', 'read'])
  })

  it('closes the port it holds', async () => {
    const { reader, calls } = driver()
    await reader.open()
    await reader.close()
    expect(calls).toEqual(['open 1001', 'close 1001'])
  })
})

describe('choosing the driver', () => {
  it('takes sdtapi on Windows and the simulated reader elsewhere, unless told', () => {
    expect(createCardReader({ driver: 'auto' }, 'win32').kind).toBe('sdtapi')
    expect(createCardReader({ driver: 'auto' }, 'linux').kind).toBe('simulated')
    expect(createCardReader({ driver: 'simulated' }, 'win32').kind).toBe('simulated')
  })

  it('reads the settings from the environment and ignores a port outside 1–16 / 1001–1016', () => {
    expect(readerSettingsFromEnv({ EXAMDESK_READER: 'sdtapi', EXAMDESK_READER_PORT: '1002' })).toEqual({
      driver: 'sdtapi',
      port: 1002,
    })
    expect(readerSettingsFromEnv({ EXAMDESK_READER: 'bogus', EXAMDESK_READER_PORT: '80' })).toEqual({
      driver: 'auto',
    })
  })
})

describe('the reader:read handler', () => {
  const handlers = (reader: CardReader) => createHandlers({ cardReader: () => reader } as unknown as HandlerDeps)

  it('hands the renderer what the reader read', async () => {
    const reader = new SimulatedCardReader()
    reader.present(aCard())
    expect(await handlers(reader)['reader:read']()).toEqual({ ok: true, card: aCard() })
    expect(await handlers(reader)['reader:read']()).toEqual({ ok: false, reason: 'noCard' })
  })

  it('turns a driver that throws into readFailed', async () => {
    const broken: CardReader = {
      kind: 'sdtapi',
      open: async () => {},
      read: async () => Promise.reject(new Error('boom')),
      close: async () => {},
    }
    expect(await handlers(broken)['reader:read']()).toEqual({ ok: false, reason: 'readFailed' })
  })
})
