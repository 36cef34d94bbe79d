/**
 * One place where bridge calls enter main: sender check, input schema, handler, output schema.
 * Pure (no Electron import) so that every channel is tested in plain Node.
 */
import { bridge, type BridgeOutput, type BridgeResult } from '../src-shared/bridge'
import { BRIDGE_CHANNELS, type BridgeChannel } from '../src-shared/bridge-channels'
import { isTrustedSender, type SenderFrame } from './policy'
import { z } from 'zod'

export type Handlers = {
  [C in BridgeChannel]: (input: z.infer<(typeof bridge)[C]['input']>) => Promise<BridgeOutput<C>> | BridgeOutput<C>
}

/** Check the sender, parse the payload, run the handler; answer a value or an error, never throw. */
export async function dispatch(
  handlers: Handlers,
  channel: string,
  sender: SenderFrame | null | undefined,
  payload: unknown,
): Promise<BridgeResult<unknown>> {
  if (!isBridgeChannel(channel)) return { ok: false, error: `unknown channel ${channel}` }
  if (!isTrustedSender(sender)) return { ok: false, error: 'forbidden sender' }
  const contract = bridge[channel]
  const parsed = contract.input.safeParse(payload)
  if (!parsed.success) {
    return { ok: false, error: `invalid input for ${channel}: ${z.prettifyError(parsed.error)}` }
  }
  try {
    const handler = handlers[channel] as (input: unknown) => unknown
    const value = await handler(parsed.data)
    return { ok: true, value: contract.output.parse(value) }
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) }
  }
}

export function isBridgeChannel(channel: string): channel is BridgeChannel {
  return (BRIDGE_CHANNELS as string[]).includes(channel)
}

/** The subset of `ipcMain` we use, so wiring is testable with a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: SenderFrame | null }, payload: unknown) => unknown): void
}

/** Register exactly one handler per contract channel. */
export function registerHandlers(ipcMain: IpcMainLike, handlers: Handlers): void {
  for (const channel of BRIDGE_CHANNELS) {
    ipcMain.handle(channel, (event, payload) => dispatch(handlers, channel, event.senderFrame, payload))
  }
}
