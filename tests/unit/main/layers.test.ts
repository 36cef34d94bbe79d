import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint()

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('layers only look down (enforced by lint)', () => {
  it.each([
    ["import { app } from 'electron'"],
    ["import { readFile } from 'node:fs'"],
    ["import Dexie from 'dexie'"],
    ["import { roster } from '../src-renderer/db'"],
    ["import { x } from '../src-main/policy'"],
    ["import { x } from '../tests/unit/shared/factories'"],
  ])('src-shared refuses: %s', async (line) => {
    expect(await restrictedImports('src-shared/probe.ts', `${line}\nexport const y = 1\n`)).not.toEqual([])
  })

  it('src-shared may import zod and its own modules', async () => {
    expect(
      await restrictedImports(
        'src-shared/probe.ts',
        "import { z } from 'zod'\nimport { Candidate } from './schemas'\nexport const y = [z, Candidate]\n",
      ),
    ).toEqual([])
  })

  it('the renderer never imports Electron or Node, and never reaches into main', async () => {
    expect(
      await restrictedImports(
        'src-renderer/probe.ts',
        "import { ipcRenderer } from 'electron'\nexport const y = ipcRenderer\n",
      ),
    ).not.toEqual([])
    expect(
      await restrictedImports('src-renderer/probe.ts', "import { x } from 'node:fs'\nexport const y = x\n"),
    ).not.toEqual([])
    expect(
      await restrictedImports('src-renderer/probe.ts', "import { x } from '../src-main/policy'\nexport const y = x\n"),
    ).not.toEqual([])
  })

  it('a feature folder does not import another feature folder, but may use the shared db', async () => {
    const file = 'src-renderer/features/checkin/Probe.tsx'
    expect(
      await restrictedImports(file, "import { Board } from '../board/Board'\nexport const y = Board\n"),
    ).not.toEqual([])
    expect(await restrictedImports(file, "import { roster } from '../../db'\nexport const y = roster\n")).toEqual([])
  })

  it('ipcRenderer is for the preload only', async () => {
    expect(
      await restrictedImports(
        'src-main/probe.ts',
        "import { ipcRenderer } from 'electron'\nexport const y = ipcRenderer\n",
      ),
    ).not.toEqual([])
  })
})
