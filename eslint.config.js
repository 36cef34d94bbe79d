// Layers only look down (style.md §1): src-shared imports nothing outside itself; the renderer never
// touches Electron or Node; no feature folder imports another; ipcRenderer lives in src-preload only.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const otherLayers = (...layers) =>
  layers.map((l) => ({ group: [`**/${l}/**`, `**/${l}`], message: `${l} is a higher layer` }))

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'resources/**', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'dexie', 'dexie-react-hooks', 'react', 'react-dom', 'fastify', 'pg'].map((name) => ({
            name,
            message: 'src-shared is pure: no Electron, storage, UI or server imports',
          })),
          patterns: [
            { group: ['node:*'], message: 'src-shared is pure: no Node built-ins (use WebCrypto)' },
            { regex: '^\\.\\./', message: 'src-shared imports nothing outside itself' },
            ...otherLayers('src-main', 'src-preload', 'src-renderer', 'src-hq', 'tests'),
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Buffer', 'process', 'window', 'document', 'localStorage'],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'time is an argument' }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The classic hook rules; the React Compiler rules of v7 are for compiler-ready code bases.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the renderer reaches main only through the Platform adapter' }],
          patterns: [
            { group: ['node:*'], message: 'the renderer runs in a browser: no Node built-ins' },
            ...otherLayers('src-main', 'src-preload', 'src-hq', 'tests'),
          ],
        },
      ],
    },
  },
  {
    // From features/<a>/File.tsx, '../<b>/…' is another feature; '../../db' is shared ground.
    files: ['src-renderer/features/*/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the renderer reaches main only through the Platform adapter' }],
          patterns: [
            { group: ['node:*'], message: 'the renderer runs in a browser: no Node built-ins' },
            { regex: '^\\.\\./(?!\\.\\.)[^/]+/', message: 'a feature folder never imports another feature folder' },
            ...otherLayers('src-main', 'src-preload', 'src-hq', 'tests'),
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', importNames: ['ipcRenderer', 'contextBridge'], message: 'preload only' }],
          patterns: otherLayers('src-renderer', 'src-preload', 'src-hq', 'tests'),
        },
      ],
    },
  },
  {
    files: ['src-hq/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['electron'], patterns: otherLayers('src-renderer', 'src-preload', 'src-main', 'tests') },
      ],
    },
  },
)
