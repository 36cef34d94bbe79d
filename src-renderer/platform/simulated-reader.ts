/**
 * The web host's ID card reader: a simulated one, fed by demo mode and the e2e tests (`present(card, photo?)`,
 * `remove()`, `failNext(reason)`); `platform.readCard()` reads it. One instance per page.
 */
import { SimulatedCardReader } from '../../src-shared/simulated-card-reader'

export const simulatedReader = new SimulatedCardReader()
