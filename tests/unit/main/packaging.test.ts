import { existsSync, readFileSync, statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const config = JSON.parse(readFileSync('electron-builder.json', 'utf8'))
const pkg = JSON.parse(readFileSync('package.json', 'utf8'))

/** Every npm package a source file reaches through its relative imports (built-ins and electron left out). */
function packagesReachedFrom(entry: string): Set<string> {
  const seen = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from|import\(|require\()\s*'([^']+)'/g)) {
      if (spec === undefined) continue
      if (spec.startsWith('.')) {
        const base = resolve(dirname(file), spec)
        const found = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find(
          (f) => existsSync(f) && statSync(f).isFile(),
        )
        if (found === undefined) throw new Error(`${file}: cannot resolve ${spec}`)
        visit(found)
        continue
      }
      const name = spec
        .split('/')
        .slice(0, spec.startsWith('@') ? 2 : 1)
        .join('/')
      if (!spec.startsWith('node:') && !builtinModules.includes(name) && name !== 'electron') packages.add(name)
    }
  }
  visit(resolve(entry))
  return packages
}

describe('the installer configuration', () => {
  it('packs the app in an asar and turns off the Electron fuses an attacker could use', () => {
    expect(config.asar).toBe(true)
    expect(config.npmRebuild).toBe(false)
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    })
  })

  it('never deletes exam data on uninstall, and builds the Windows and Linux targets desks use', () => {
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, deleteAppDataOnUninstall: false })
    expect(config.win.target).toEqual(['nsis', 'portable'])
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.publish).toBeNull()
  })

  it('ships no sources or tests', () => {
    expect(config.files).toEqual(expect.arrayContaining(['!src-*/**', '!tests/**']))
  })

  it('ships exactly the packages main requires at run time; the renderer is bundled, HQ and tools stay out', () => {
    // electron-vite externalises `dependencies` from the main bundle and electron-builder copies them into the
    // asar: so they are what main imports (directly or through src-shared), and nothing else.
    const mainNeeds = packagesReachedFrom('src-main/index.ts')
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...mainNeeds].sort())
    const hqOnly = ['fastify', '@electric-sql/pglite', 'pg', 'pdfkit', 'qrcode', 'jpeg-js']
    const bundledInRenderer = ['react', 'react-dom', 'dexie', 'exceljs', 'papaparse', 'pinyin-pro', '@zip.js/zip.js']
    for (const name of [...hqOnly, ...bundledInRenderer]) {
      expect(pkg.dependencies, name).not.toHaveProperty(name)
      expect(pkg.devDependencies, name).toHaveProperty(name)
    }
  })

  it('takes koffi (the card reader FFI) as optional and unpacks its native module from the asar', () => {
    expect(pkg.optionalDependencies).toHaveProperty('koffi')
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/koffi/**', 'node_modules/@koromix/**']))
  })

  it('has no install script that downloads anything', () => {
    expect(pkg.scripts.postinstall).toBeUndefined()
    expect(pkg.scripts.install).toBeUndefined()
  })
})
