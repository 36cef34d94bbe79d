/**
 * The desk's keys as data: one table of key → check-in action with the label of the key legend. The
 * page listens once and dispatches what this table says; the legend under the scan field is drawn from it.
 */
import type { CheckinAction } from './checkin-state'

export interface DeskKey {
  /** `KeyboardEvent.key`, with `Alt+` for the Alt combinations. */
  key: string
  /** What the legend shows for the key. */
  display: string
  action: CheckinAction
  /** Locale key of the legend's text. */
  label: string
  /** Shown in the legend (the Alt keys are shown beside their checkboxes instead). */
  legend: boolean
}

export const DESK_KEYS: readonly DeskKey[] = [
  { key: 'Enter', display: 'Enter', action: { type: 'decide' }, label: 'keys.Enter', legend: true },
  { key: 'F2', display: 'F2', action: { type: 'readCard' }, label: 'keys.F2', legend: true },
  { key: 'F3', display: 'F3', action: { type: 'reveal' }, label: 'keys.F3', legend: true },
  { key: 'F4', display: 'F4', action: { type: 'openDialog', kind: 'refuse' }, label: 'keys.F4', legend: true },
  { key: 'F6', display: 'F6', action: { type: 'openDialog', kind: 'override' }, label: 'keys.F6', legend: true },
  { key: 'F7', display: 'F7', action: { type: 'invoice' }, label: 'keys.F7', legend: true },
  { key: 'F8', display: 'F8', action: { type: 'openDialog', kind: 'note' }, label: 'keys.F8', legend: true },
  { key: 'F9', display: 'F9', action: { type: 'openDialog', kind: 'void' }, label: 'keys.F9', legend: true },
  { key: 'Escape', display: 'Esc', action: { type: 'reset' }, label: 'keys.Esc', legend: true },
  { key: 'ArrowDown', display: '↓', action: { type: 'move', delta: 1 }, label: 'keys.ArrowDown', legend: false },
  { key: 'ArrowUp', display: '↑', action: { type: 'move', delta: -1 }, label: 'keys.ArrowUp', legend: false },
  {
    key: 'Alt+1',
    display: 'Alt+1',
    action: { type: 'toggle', item: 'faceMatches' },
    label: 'checkin.faceMatches',
    legend: false,
  },
  {
    key: 'Alt+2',
    display: 'Alt+2',
    action: { type: 'toggle', item: 'originalDocumentSeen' },
    label: 'checkin.originalSeen',
    legend: false,
  },
]

const BY_KEY = new Map(DESK_KEYS.map((k) => [k.key, k]))

/** The desk key of a key press, if it is one. Enter is the form's (it decides only on an empty field). */
export function deskKeyOf(e: {
  key: string
  altKey: boolean
  ctrlKey?: boolean
  metaKey?: boolean
}): DeskKey | undefined {
  if (e.ctrlKey || e.metaKey) return undefined
  return BY_KEY.get(e.altKey ? `Alt+${e.key}` : e.key)
}
