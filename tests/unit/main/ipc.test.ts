import { describe, expect, it, vi } from 'vitest'
import { dispatch, registerHandlers, type Handlers } from '../../../src-main/ipc'
import { APP_ORIGIN } from '../../../src-main/policy'
import { bridge } from '../../../src-shared/bridge'
import { BRIDGE_CHANNELS, BRIDGE_METHODS } from '../../../src-shared/bridge-channels'
import { buildBridgeApi } from '../../../src-preload/api'

const mainFrame = { url: `${APP_ORIGIN}/index.html`, parent: null }

function fakeHandlers(): Handlers {
  return {
    'app:info': () => ({ version: '1.0.0', platform: 'electron', os: 'test', kiosk: false, keyProtection: 'os' }),
    'desk:identity': () => ({ deviceId: 'a'.repeat(32), publicKey: 'A'.repeat(43) }),
    'desk:sign': () => new Uint8Array(64),
    'file:open': () => null,
    'file:save': () => null,
    'report:toPdf': () => new Uint8Array([0x25, 0x50, 0x44, 0x46]),
    'hq:request': () => ({ status: 200, body: '{}' }),
    'window:setKiosk': (on) => on,
    'reader:read': () => ({ ok: false, reason: 'noCard' }),
  }
}

describe('the bridge contract', () => {
  it('has one schema pair per channel, and every channel is named area:verb', () => {
    expect(Object.keys(bridge).sort()).toEqual([...BRIDGE_CHANNELS].sort())
    for (const channel of BRIDGE_CHANNELS) expect(channel).toMatch(/^[a-z]+:[a-zA-Z]+$/)
  })

  it('registers exactly one main handler per channel', () => {
    const handle = vi.fn()
    registerHandlers({ handle }, fakeHandlers())
    expect(handle.mock.calls.map((c) => c[0]).sort()).toEqual([...BRIDGE_CHANNELS].sort())
  })

  it('is exposed by the preload as one named function per channel, and nothing else', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: null }))
    const api = buildBridgeApi(invoke)
    expect(Object.keys(api).sort()).toEqual(Object.values(BRIDGE_METHODS).sort())
    expect(api).not.toHaveProperty('ipcRenderer')
    expect(api).not.toHaveProperty('process')
    expect(api).not.toHaveProperty('invoke')
    expect(Object.isFrozen(api)).toBe(true)
    await api['setKiosk']!(true)
    expect(invoke).toHaveBeenCalledWith('window:setKiosk', true)
  })
})

describe('a bridge call', () => {
  it('answers a value when the sender and the payload are right', async () => {
    expect(await dispatch(fakeHandlers(), 'window:setKiosk', mainFrame, true)).toEqual({ ok: true, value: true })
  })

  it('is refused from a sub-frame or a foreign origin, without running the handler', async () => {
    const handlers = fakeHandlers()
    const spy = vi.spyOn(handlers, 'window:setKiosk')
    expect(await dispatch(handlers, 'window:setKiosk', { ...mainFrame, parent: {} }, true)).toEqual({
      ok: false,
      error: 'forbidden sender',
    })
    expect(await dispatch(handlers, 'window:setKiosk', { url: 'https://evil.example/', parent: null }, true)).toEqual({
      ok: false,
      error: 'forbidden sender',
    })
    expect(spy).not.toHaveBeenCalled()
  })

  it.each([
    ['desk:sign', new Uint8Array(31)],
    ['desk:sign', 'not bytes'],
    ['window:setKiosk', 'yes'],
    ['file:save', { suggestedName: '../../etc/passwd', bytes: new Uint8Array(1), filters: [] }],
    ['file:save', { suggestedName: 'a.csv', bytes: 'x', filters: [] }],
    ['file:open', { filters: [{ name: 'x', extensions: ['../evil'] }] }],
    ['hq:request', { url: 'file:///etc/passwd', method: 'GET' }],
    ['hq:request', { url: 'http://127.0.0.1:8787/v1/x', method: 'DELETE' }],
    ['reader:read', { port: 1001 }],
  ])('%s with a malformed payload is refused with an error value', async (channel, payload) => {
    const result = await dispatch(fakeHandlers(), channel, mainFrame, payload)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatch(/^invalid input/)
  })

  it('on an unknown channel is refused', async () => {
    expect(await dispatch(fakeHandlers(), 'shell:exec', mainFrame, 'rm -rf /')).toEqual({
      ok: false,
      error: 'unknown channel shell:exec',
    })
  })

  it('turns a failing handler into an error value instead of throwing across processes', async () => {
    const handlers = { ...fakeHandlers(), 'report:toPdf': () => Promise.reject(new Error('printer gone')) }
    expect(await dispatch(handlers, 'report:toPdf', mainFrame, { landscape: false })).toEqual({
      ok: false,
      error: 'printer gone',
    })
  })

  it('never lets the card reader hand the renderer a card without a number or an unknown reason', async () => {
    const noNumber = {
      ...fakeHandlers(),
      'reader:read': () => ({ ok: true, card: { type: 'cn_resident_id', name: '张三' } }),
    }
    expect((await dispatch(noNumber as unknown as Handlers, 'reader:read', mainFrame, undefined)).ok).toBe(false)
    const oddReason = { ...fakeHandlers(), 'reader:read': () => ({ ok: false, reason: 'exploded' }) }
    expect((await dispatch(oddReason as unknown as Handlers, 'reader:read', mainFrame, undefined)).ok).toBe(false)
  })

  it('never lets a handler answer something outside the contract', async () => {
    const handlers = { ...fakeHandlers(), 'desk:identity': () => ({ deviceId: 'nope', publicKey: 'x' }) }
    const result = await dispatch(handlers as Handlers, 'desk:identity', mainFrame, undefined)
    expect(result.ok).toBe(false)
  })
})
