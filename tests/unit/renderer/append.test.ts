import { describe, expect, it } from 'vitest'
import { appendEvent, type DeskSigner } from '../../../src-renderer/db/append'
import { createLedgerDb } from '../../../src-renderer/db/ledger'
import {
  deviceIdFromPublicKey,
  exportPublicKeyRaw,
  generateSigningKeyPair,
  signBytes,
} from '../../../src-shared/crypto'
import { buildEvent, verifyChain, ZERO_HASH } from '../../../src-shared/ledger'

let n = 0
const freshDb = () => createLedgerDb(`ledger-append-${++n}-${Math.random().toString(36).slice(2)}`)

async function aDesk(): Promise<DeskSigner & { publicKey: CryptoKey }> {
  const pair = await generateSigningKeyPair()
  return {
    deviceId: await deviceIdFromPublicKey(await exportPublicKeyRaw(pair.publicKey)),
    publicKey: pair.publicKey,
    sign: (digest) => signBytes(pair.privateKey, digest),
  }
}

const note = (text: string) => ({ sessionId: 's1', type: 'note' as const, payload: { text }, actor: 'p1' })

describe('appending to the ledger', () => {
  it('builds a contiguous, hash-chained, signed log whose head follows the last event', async () => {
    const db = freshDb()
    const desk = await aDesk()
    for (let i = 0; i < 5; i++) await appendEvent(db, desk, note(`n${i}`))
    const events = await db.events.orderBy('seq').toArray()
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5])
    expect(await verifyChain(events, desk.publicKey)).toMatchObject({ ok: true, count: 5 })
    expect(await db.head.get('head')).toEqual({ id: 'head', seq: 5, hash: events[4]!.hash })
  })

  it('serialises appends made at the same moment, so none is lost and the chain holds', async () => {
    const db = freshDb()
    const desk = await aDesk()
    await Promise.all(Array.from({ length: 20 }, (_, i) => appendEvent(db, desk, note(`c${i}`))))
    const events = await db.events.orderBy('seq').toArray()
    expect(events).toHaveLength(20)
    expect(await verifyChain(events, desk.publicKey)).toMatchObject({ ok: true })
  })

  it('signs again on the new head when another window of the desk wrote in between', async () => {
    const db = freshDb()
    const desk = await aDesk()
    let raced = false
    const racingDesk: DeskSigner = {
      deviceId: desk.deviceId,
      sign: async (digest) => {
        if (!raced) {
          raced = true
          // Another window (its own page, its own queue) commits seq 1 while we are signing.
          const theirs = await buildEvent(
            {
              deviceId: desk.deviceId,
              seq: 1,
              prevHash: ZERO_HASH,
              eventId: crypto.randomUUID(),
              sessionId: 's1',
              type: 'note',
              payload: { text: 'from the other window' },
              actor: 'p2',
              deviceTime: '2024-12-14T08:00:00+08:00',
            },
            desk.sign,
          )
          await db.transaction('rw', db.events, db.head, async () => {
            await db.events.add(theirs)
            await db.head.put({ id: 'head', seq: 1, hash: theirs.hash })
          })
        }
        return desk.sign(digest)
      },
    }
    const ours = await appendEvent(db, racingDesk, note('ours'))
    expect(ours.seq).toBe(2)
    const events = await db.events.orderBy('seq').toArray()
    expect(events.map((e) => (e.type === 'note' ? e.payload.text : undefined))).toEqual([
      'from the other window',
      'ours',
    ])
    expect(await verifyChain(events, desk.publicKey)).toMatchObject({ ok: true, count: 2 })
  })

  it('records nothing when the payload is malformed', async () => {
    const db = freshDb()
    const desk = await aDesk()
    await expect(appendEvent(db, desk, { ...note(''), payload: { text: '' } })).rejects.toThrow(/invalid payload/)
    expect(await db.events.count()).toBe(0)
    expect(await db.head.get('head')).toBeUndefined()
  })
})
