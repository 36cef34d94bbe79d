import { defineConfig } from 'vitest/config'

// Unit tests mirror the layers; all run in Node (fake-indexeddb stands in for IndexedDB).
// UI behaviour is tested in real Chromium by the e2e project (npm run test:e2e).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', environment: 'node', include: ['tests/unit/shared/**/*.test.ts'] } },
      { test: { name: 'main', environment: 'node', include: ['tests/unit/main/**/*.test.ts'] } },
      {
        test: {
          name: 'renderer',
          environment: 'node',
          include: ['tests/unit/renderer/**/*.test.ts'],
          setupFiles: ['tests/unit/renderer/setup.ts'],
        },
      },
      // HQ's tests start a real server (and CLI processes): on a busy 2-core machine that takes more than 10 s.
      { test: { name: 'hq', environment: 'node', include: ['tests/unit/hq/**/*.test.ts'], hookTimeout: 30_000 } },
      {
        // Real Chromium against the built web host; one file at a time on a 2-core machine.
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
