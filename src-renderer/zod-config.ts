// zod compiles fast parsers with `new Function` unless told not to; our CSP forbids eval, and a
// probe for it would be reported as a violation. Imported first, before any schema parses.
import { z } from 'zod'

z.config({ jitless: true })
