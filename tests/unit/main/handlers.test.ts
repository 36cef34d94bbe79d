import { describe, expect, it } from 'vitest'
import { createHandlers, type HandlerDeps } from '../../../src-main/handlers'
import { SimulatedCardReader } from '../../../src-main/card-reader'
import { OpenedFiles } from '../../../src-main/opened-files'

function deps(over: Partial<HandlerDeps> = {}): HandlerDeps {
  const written: Record<string, Uint8Array> = {}
  let kiosk = false
  return {
    version: '1.2.3',
    os: 'win32 x64',
    keyProtection: 'os',
    deskKey: async () => ({
      deviceId: 'f'.repeat(32),
      publicKey: 'P'.repeat(43),
      sign: () => new Uint8Array(64).fill(1),
    }),
    isKiosk: () => kiosk,
    setKiosk: (on) => {
      kiosk = on
    },
    showOpenDialog: async () => 'D:\\sessions\\2024-12.examdesk',
    showSaveDialog: async (name) => `E:\\${name}`,
    fileSize: async () => 3,
    openedFiles: new OpenedFiles(),
    writeFile: async (p, b) => {
      written[p] = b
    },
    printToPdf: async () => new Uint8Array([0x25]),
    fetch: async (url, init) => ({ status: 201, text: async () => `${init.method} ${url}` }),
    cardReader: () => new SimulatedCardReader(),
    ...over,
  }
}

describe('main handlers', () => {
  it('hands the picked file over as a one-time app:// URL that leads back to that file, named without its folder', async () => {
    const opened = new OpenedFiles()
    const h = createHandlers(deps({ openedFiles: opened }))
    const file = await h['file:open']({ filters: [] })
    expect(file).toMatchObject({ name: '2024-12.examdesk', size: 3 })
    expect(file!.url).toMatch(/^app:\/\/examdesk\/__opened\/[0-9a-f]{32}$/)
    expect(opened.take(file!.url)).toBe('D:\\sessions\\2024-12.examdesk')
    expect(opened.take(file!.url)).toBeNull() // used once: a second fetch gets nothing
  })

  it('refuses a file past 512 MB before reading any of it', async () => {
    let registered = false
    const h = createHandlers(
      deps({ fileSize: async () => 600 * 1024 * 1024, openedFiles: { register: () => ((registered = true), '') } }),
    )
    await expect(h['file:open']({ filters: [] })).rejects.toThrow('file too large')
    expect(registered).toBe(false)
  })

  it('answers null, and looks at no file, when the dialog is cancelled', async () => {
    let looked = false
    const h = createHandlers(deps({ showOpenDialog: async () => null, fileSize: async () => ((looked = true), 0) }))
    expect(await h['file:open']({ filters: [] })).toBeNull()
    expect(looked).toBe(false)
  })

  it('writes the export where the site manager chose', async () => {
    const h = createHandlers(deps())
    expect(await h['file:save']({ suggestedName: 'export.json', bytes: new Uint8Array([9]), filters: [] })).toEqual({
      path: 'E:\\export.json',
    })
  })

  it('switches kiosk mode and reports the state the window is really in', async () => {
    const h = createHandlers(deps())
    expect(await h['window:setKiosk'](true)).toBe(true)
    expect((await h['app:info']()).kiosk).toBe(true)
  })

  it('talks to HQ through main and hands back status and body', async () => {
    const h = createHandlers(deps())
    expect(
      await h['hq:request']({ url: 'http://127.0.0.1:8787/v1/x', method: 'POST', headers: {}, timeoutMs: 1000 }),
    ).toEqual({ status: 201, body: 'POST http://127.0.0.1:8787/v1/x' })
  })

  it('fetches HQ with redirects refused, so a redirect cannot lead past the URL check', async () => {
    const inits: { redirect: string }[] = []
    const h = createHandlers(
      deps({ fetch: async (_url, init) => (inits.push(init), { status: 200, text: async () => '' }) }),
    )
    await h['hq:request']({ url: 'https://hq.example.cn/v1/x', method: 'GET', headers: {}, timeoutMs: 1000 })
    expect(inits).toEqual([expect.objectContaining({ redirect: 'error' })])
  })

  it.each([
    'file:///C:/Users/desk/AppData/Roaming/ExamDesk/desk-key.sealed',
    'data:text/plain,x',
    'app://examdesk/index.html',
    'ftp://hq.example.cn/',
    'http://admin:secret@127.0.0.1:8787/v1/x',
  ])('refuses hq:request to %s and fetches nothing', async (url) => {
    const fetched: string[] = []
    const h = createHandlers(deps({ fetch: async (u) => (fetched.push(u), { status: 200, text: async () => '' }) }))
    await expect(h['hq:request']({ url, method: 'GET', headers: {}, timeoutMs: 1000 })).rejects.toThrow(/refused/)
    expect(fetched).toEqual([])
  })

  it('reaches only the pinned HQ origin when main knows one', async () => {
    const fetched: string[] = []
    const h = createHandlers(
      deps({
        hqOrigin: 'https://hq.example.cn',
        fetch: async (u) => (fetched.push(u), { status: 200, text: async () => 'ok' }),
      }),
    )
    const get = (url: string) => h['hq:request']({ url, method: 'GET', headers: {}, timeoutMs: 1000 })
    expect(await get('https://hq.example.cn/v1/sessions')).toEqual({ status: 200, body: 'ok' })
    await expect(get('http://127.0.0.1:8787/v1/sessions')).rejects.toThrow(/only https:\/\/hq\.example\.cn/)
    await expect(get('http://192.168.1.1/admin')).rejects.toThrow(/refused/)
    expect(fetched).toEqual(['https://hq.example.cn/v1/sessions'])
  })

  it('signs with the desk key and gives out only the public identity', async () => {
    const h = createHandlers(deps())
    expect(await h['desk:identity']()).toEqual({ deviceId: 'f'.repeat(32), publicKey: 'P'.repeat(43) })
    expect((await h['desk:sign'](new Uint8Array(32))).length).toBe(64)
  })
})
