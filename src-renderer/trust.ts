/**
 * The HQ keys this build trusts to sign session packages (resources/hq-keys.json). A production
 * build ships the certifying bodies' keys there; the development key is for samples and the demo.
 */
import { z } from 'zod'
import { HqKey } from '../src-shared/package-format'
import keys from '../resources/hq-keys.json'

export const trustedHqKeys: readonly HqKey[] = z.array(HqKey).min(1).parse(keys)
