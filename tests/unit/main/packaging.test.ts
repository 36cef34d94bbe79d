import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const config = JSON.parse(readFileSync('electron-builder.json', 'utf8'))
const pkg = JSON.parse(readFileSync('package.json', 'utf8'))

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

  it('has no install script that downloads anything', () => {
    expect(pkg.scripts.postinstall).toBeUndefined()
    expect(pkg.scripts.install).toBeUndefined()
  })
})
