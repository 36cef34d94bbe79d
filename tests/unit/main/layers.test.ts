import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint()
const layerRules = new Set(['no-restricted-imports', 'examdesk/layers', 'no-restricted-syntax'])

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && layerRules.has(m.ruleId)).map((m) => m.message)
}

const probe = (line: string) => `${line}\nexport const y = 1\n`

describe('layers only look down (enforced by lint)', () => {
  it.each([
    ["import { app } from 'electron'"],
    ["import { readFile } from 'node:fs'"],
    ["import { readFile } from 'fs'"],
    ["import { readFile } from 'fs/promises'"],
    ["import { createHash } from 'crypto'"],
    ["import { createHash } from 'node:crypto'"],
    ["import { join } from 'path'"],
    ["import { Buffer } from 'buffer'"],
    ["import Dexie from 'dexie'"],
    ["import fastify from 'fastify'"],
    ["import PDFDocument from 'pdfkit'"],
    ["import lodash from 'lodash'"],
    ["import type { Pool } from 'pg'"],
    ["export { z } from 'zod-but-not-zod'"],
    ["export * from 'node:os'"],
    ["const fs = await import('fs')"],
    ["import { roster } from '../src-renderer/db'"],
    ["import { x } from '../src-main/policy'"],
    ["import { x } from '../tests/unit/shared/factories'"],
    ["import { x } from './../src-hq/keys'"],
    ["import pkg from '../package.json'"],
    ["import { x } from '/work/main/src-main/policy'"],
  ])('src-shared refuses: %s', async (line) => {
    expect(await restrictedImports('src-shared/probe.ts', probe(line))).not.toEqual([])
  })

  it.each([
    ["import { z } from 'zod'"],
    ["import { z } from 'zod/v4'"],
    ["import canonicalize from 'canonicalize'"],
    ["import { pinyin } from 'pinyin-pro'"],
    ["import { ZipReader } from '@zip.js/zip.js'"],
    ["import { Candidate } from './schemas'"],
    ["import { Candidate } from '../src-shared/schemas'"],
    ["export * from './schemas'"],
  ])('src-shared may use its own modules and the allowed packages: %s', async (line) => {
    expect(await restrictedImports('src-shared/probe.ts', probe(line))).toEqual([])
  })

  it('touches no Dexie table outside src-renderer/db: reads go through db/reads.ts', async () => {
    const code = "import { ledger, roster } from '../../db'\nexport const n = () => ledger.events.count()\n"
    expect(await restrictedImports('src-renderer/features/board/probe.ts', code)).not.toEqual([])
    const staff = "import { roster } from '../db'\nexport const s = () => roster.staff.toArray()\n"
    expect(await restrictedImports('src-renderer/state/probe.ts', staff)).not.toEqual([])
    expect(
      await restrictedImports(
        'src-renderer/db/probe.ts',
        "import { ledger } from './index'\nexport const n = () => ledger.events.count()\n",
      ),
    ).toEqual([])
    const named = "import { eventCount } from '../../db/reads'\nexport const n = () => eventCount()\n"
    expect(await restrictedImports('src-renderer/features/board/probe.ts', named)).toEqual([])
  })

  it('reads no payload field by name, in src-shared, HQ, main and the renderer', async () => {
    const byName =
      "import type { LedgerEvent } from './schemas'\nexport const s = (e: LedgerEvent) => e.payload['subject']\n"
    for (const file of [
      'src-shared/probe.ts',
      'src-hq/probe.ts',
      'src-renderer/features/board/probe.ts',
      'src-renderer/db/probe.ts',
    ])
      expect(await restrictedImports(file, byName)).not.toEqual([])
    const typed =
      "import type { LedgerEvent } from './schemas'\nexport const s = (e: LedgerEvent) => (e.type === 'void' ? e.payload.targetEventId : '')\n"
    expect(await restrictedImports('src-shared/probe.ts', typed)).toEqual([])
  })

  it('records events only through record() (src-renderer/desk.ts), never appendEvent from a feature', async () => {
    const line = "import { appendEvent } from '../../db/append'"
    expect(await restrictedImports('src-renderer/features/board/probe.ts', probe(line))).not.toEqual([])
    expect(
      await restrictedImports('src-renderer/state/probe.ts', probe("import { appendEvent } from '../db/append'")),
    ).not.toEqual([])
    expect(await restrictedImports('src-renderer/desk.ts', probe("import { appendEvent } from './db/append'"))).toEqual(
      [],
    )
  })

  it('the renderer never imports Electron or Node, and never reaches into main', async () => {
    for (const line of [
      "import { ipcRenderer } from 'electron'",
      "import { x } from 'node:fs'",
      "import { x } from 'fs'",
      "import { x } from '../src-main/policy'",
      "import { x } from '../src-preload/index'",
      "import { x } from '../src-hq/keys'",
      "import { x } from '../tests/e2e/harness'",
    ]) {
      expect(await restrictedImports('src-renderer/probe.ts', probe(line)), line).not.toEqual([])
    }
    expect(await restrictedImports('src-renderer/probe.ts', probe("import { x } from '../src-shared/board'"))).toEqual(
      [],
    )
  })

  it.each([
    ['src-renderer/features/checkin/Probe.tsx', "import { Board } from '../board/Board'"],
    ['src-renderer/features/checkin/Probe.tsx', "import { Board } from '../board'"],
    ['src-renderer/features/checkin/Probe.tsx', "import { Board } from '../../features/board/Board'"],
    ['src-renderer/features/checkin/Probe.tsx', "import { Board } from '../../../src-renderer/features/board/Board'"],
    ['src-renderer/features/checkin/Probe.tsx', "import { Board } from './../board/Board'"],
    ['src-renderer/features/checkin/Probe.tsx', "export { Board } from '../board/Board'"],
    ['src-renderer/features/checkin/Probe.tsx', "const m = await import('../board/Board')"],
    ['src-renderer/features/checkin/Probe.tsx', "import { x } from '../../features'"],
    ['src-renderer/features/checkin/parts/Probe.tsx', "import { Board } from '../../board/Board'"],
    ['src-renderer/features/checkin/parts/Probe.tsx', "import { Board } from '../../../features/board/x'"],
    ['src-renderer/features/checkin/parts/deep/Probe.ts', "import { x } from '../../../sync/SyncPage'"],
  ])('a feature folder does not import another feature folder: %s %s', async (file, line) => {
    expect(await restrictedImports(file, probe(line))).not.toEqual([])
  })

  it.each([
    ['src-renderer/features/checkin/Probe.tsx', "import { roster } from '../../db'"],
    ['src-renderer/features/checkin/Probe.tsx', "import { checkPin } from '../../state/pin-check'"],
    ['src-renderer/features/checkin/Probe.tsx', "import { x } from './useCheckin'"],
    ['src-renderer/features/checkin/Probe.tsx', "import { x } from '../checkin/useCheckin'"],
    ['src-renderer/features/checkin/Probe.tsx', "import { x } from '../../../src-shared/verdict'"],
    ['src-renderer/features/checkin/parts/Probe.tsx', "import { x } from '../useCheckin'"],
    ['src-renderer/features/checkin/parts/Probe.tsx', "import { roster } from '../../../db'"],
    ['src-renderer/App.tsx', "import { CheckinPage } from './features/checkin/CheckinPage'"],
  ])('a feature may use its own files, shared ground and src-shared: %s %s', async (file, line) => {
    expect(await restrictedImports(file, probe(line))).toEqual([])
  })

  it.each([
    ['src-renderer/db/probe.ts', "import { x } from '../features/checkin/useCheckin'"],
    ['src-renderer/db/probe.ts', "import { x } from '../features'"],
    ['src-renderer/db/nested/probe.ts', "import { x } from '../../features/board/BoardPage'"],
    ['src-renderer/state/probe.ts', "import { x } from '../features/sync/SyncPage'"],
    ['src-renderer/state/probe.ts', "export * from '../../src-renderer/features/board/x'"],
  ])('the data layer and state never import a feature: %s %s', async (file, line) => {
    expect(await restrictedImports(file, probe(line))).not.toEqual([])
  })

  it('ipcRenderer is for the preload only', async () => {
    expect(
      await restrictedImports(
        'src-main/probe.ts',
        "import { ipcRenderer } from 'electron'\nexport const y = ipcRenderer\n",
      ),
    ).not.toEqual([])
  })

  it('main and HQ never reach into the renderer, the preload or tests', async () => {
    expect(await restrictedImports('src-main/probe.ts', probe("import { x } from '../src-renderer/db'"))).not.toEqual(
      [],
    )
    expect(await restrictedImports('src-hq/probe.ts', probe("import { x } from '../src-main/policy'"))).not.toEqual([])
    expect(await restrictedImports('src-hq/probe.ts', probe("import { app } from 'electron'"))).not.toEqual([])
    expect(await restrictedImports('src-main/probe.ts', probe("import { x } from '../src-shared/schemas'"))).toEqual([])
  })
})
