/** Rules about the desk itself. Error messages are locale keys under `errors.`. */
import { z } from 'zod'

export const DESK_NAME_MAX = 30

export const DeskNameForm = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'deskNameEmpty')
    .max(DESK_NAME_MAX, 'deskNameTooLong')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'deskNameChars'),
})
export type DeskNameForm = z.infer<typeof DeskNameForm>

/** Minutes without activity before a desk locks itself: 0 = never; at most two hours. */
export const IDLE_MINUTES_MAX = 120

/** The desk's own settings, as the site manager edits them. */
export const DeskSettingsForm = DeskNameForm.extend({
  idleMinutes: z
    .number({ error: 'idleMinutesRange' })
    .int('idleMinutesRange')
    .min(0, 'idleMinutesRange')
    .max(IDLE_MINUTES_MAX, 'idleMinutesRange'),
})
export type DeskSettingsForm = z.infer<typeof DeskSettingsForm>
