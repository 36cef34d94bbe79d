import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import pkg from './package.json' with { type: 'json' }
import { readFileSync } from 'node:fs'
import type { Plugin } from 'vite'

/** Ship the demo session package beside index.html, so the first screen can load it with one click. */
function demoSession(): Plugin {
  return {
    name: 'examdesk-demo-session',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'demo-session.examdesk',
        source: readFileSync(resolve(__dirname, 'resources/demo-session.examdesk')),
      })
    },
  }
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: { input: { index: resolve(__dirname, 'src-main/index.ts') } },
    },
  },
  preload: {
    // A sandboxed preload cannot load modules: one self-contained CommonJS file.
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    base: './',
    define: { 'import.meta.env.VITE_APP_VERSION': JSON.stringify(pkg.version) },
    plugins: [react(), demoSession()],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves the renderer unminified; minified, the login screen parses a third of the bytes.
      minify: true,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src-renderer/index.html') },
        // zod and its configuration in one chunk, the configuration last: whatever imports zod finds it
        // jitless, so no schema ever probes for eval (which the CSP forbids and reports).
        output: { advancedChunks: { groups: [{ name: 'zod', test: /node_modules[\\/]zod[\\/]|zod-config/ }] } },
      },
    },
  },
})
