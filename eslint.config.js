// Layers only look down (style.md §1, architecture.md): src-shared imports nothing outside itself but a few pure
// npm packages; the renderer never touches Electron or Node; no feature folder imports another, and the
// renderer's shared ground (db, state, components, platform) imports no feature; ipcRenderer lives in
// src-preload only. The `examdesk/layers` rule resolves every relative import against the importing file, so
// '../board/x', '../../features/board/x' and '../../../src-renderer/features/board/x' are the same import.
import { builtinModules } from 'node:module'
import path from 'node:path'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

/** The npm packages src-shared really uses: pure code that runs the same in a browser and in Node. */
const SHARED_PACKAGES = ['zod', 'canonicalize', 'pinyin-pro', '@zip.js/zip.js']

const LAYERS = ['src-shared', 'src-main', 'src-preload', 'src-renderer', 'src-hq', 'tests', 'scripts']
/** Which top-level folders each layer may not reach (src-shared is stricter: only itself). */
const FORBIDDEN_LAYERS = {
  'src-main': ['src-renderer', 'src-preload', 'src-hq', 'tests', 'scripts'],
  'src-preload': ['src-main', 'src-renderer', 'src-hq', 'tests', 'scripts'],
  'src-renderer': ['src-main', 'src-preload', 'src-hq', 'tests', 'scripts'],
  'src-hq': ['src-main', 'src-renderer', 'src-preload', 'tests', 'scripts'],
}
/** Renderer folders that features build on: they never import a feature. */
const SHARED_GROUND = ['db', 'state', 'components', 'platform']
/** The tables of the desk's two Dexie databases (db/ledger.ts, db/roster.ts) and Dexie's own table access. */
const DEXIE_TABLES = [
  ...['events', 'head', 'sync', 'receipts', 'settings', 'keys'],
  ...['sessions', 'candidates', 'photos', 'staff'],
  ...['table', 'transaction', 'tables'],
]
const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')))

const toPosix = (p) => p.split(path.sep).join('/')
/** 'zod/v4' → 'zod', '@zip.js/zip.js/lib' → '@zip.js/zip.js'. */
const packageName = (spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/')
const isBuiltin = (spec) => spec.startsWith('node:') || BUILTINS.has(packageName(spec))
const within = (file, dir) => file === dir || file.startsWith(`${dir}/`)

/** Repo-relative posix path an import resolves to, or null for a package; '..' prefix when outside the repo. */
function resolveTarget(cwd, filename, spec) {
  if (!spec.startsWith('.') && !path.isAbsolute(spec)) return null
  const clean = spec.replace(/[?#].*$/, '')
  return toPosix(path.relative(cwd, path.resolve(path.dirname(filename), clean))) || '.'
}

/** Why `spec`, imported from repo-relative `file`, breaks the layering; null when it is fine. */
function layerViolation(file, spec, target) {
  const layer = LAYERS.find((l) => within(file, l))
  if (layer === undefined) return null
  if (target === null) {
    if (layer === 'src-shared') {
      if (isBuiltin(spec)) return `src-shared is pure: no Node built-in ('${spec}'); use WebCrypto and Uint8Array`
      if (!SHARED_PACKAGES.includes(packageName(spec)))
        return `src-shared may import only ${SHARED_PACKAGES.join(', ')}; '${spec}' is not allowed`
      return null
    }
    if (layer === 'src-renderer') {
      if (packageName(spec) === 'electron') return 'the renderer reaches main only through the Platform adapter'
      if (isBuiltin(spec)) return `the renderer runs in a browser: no Node built-in ('${spec}')`
    }
    if (layer === 'src-hq' && packageName(spec) === 'electron') return 'HQ is a plain Node server: no Electron'
    return null
  }
  if (target === '..' || target.startsWith('../') || path.isAbsolute(target))
    return `'${spec}' resolves outside the repository`
  if (layer === 'src-shared') {
    return within(target, 'src-shared') ? null : `src-shared imports nothing outside itself ('${spec}' → ${target})`
  }
  // One way to record an event: record() in src-renderer/desk.ts signs, appends and feeds the desk's index.
  if (
    target.replace(/\.ts$/, '') === 'src-renderer/db/append' &&
    file !== 'src-renderer/desk.ts' &&
    within(file, 'src-renderer') &&
    !within(file, 'src-renderer/db')
  )
    return `record events with record() from src-renderer/desk.ts, not appendEvent: it signs, appends and puts the event into the desk's index once (${target})`
  const forbidden = (FORBIDDEN_LAYERS[layer] ?? []).find((l) => within(target, l))
  if (forbidden !== undefined) return `${layer} may not import ${forbidden}, a higher or separate layer (${target})`
  if (layer === 'src-renderer' && within(target, 'src-renderer/features')) {
    const feature = /^src-renderer\/features\/([^/]+)/.exec(file)?.[1]
    if (feature !== undefined && !within(target, `src-renderer/features/${feature}`))
      return `a feature folder never imports another feature folder (${feature} → ${target}); move what both need to src-shared or src-renderer/db`
    const ground = SHARED_GROUND.find((g) => within(file, `src-renderer/${g}`))
    if (ground !== undefined)
      return `src-renderer/${ground} is shared ground under the features: it imports no feature (${target})`
  }
  return null
}

const literalSource = (node) => {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked
  return undefined
}

const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'imports flow one way between the layers (architecture.md)' },
    schema: [],
  },
  create(context) {
    const cwd = context.cwd
    const file = toPosix(path.relative(cwd, context.filename))
    const check = (node, sourceNode) => {
      if (!sourceNode) return
      const spec = literalSource(sourceNode)
      if (spec === undefined) {
        if (within(file, 'src-shared')) context.report({ node, message: 'src-shared: no import of a computed path' })
        return
      }
      const message = layerViolation(file, spec, resolveTarget(cwd, context.filename, spec))
      if (message !== null) context.report({ node: sourceNode, message })
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) => {
        if (node.moduleReference.type === 'TSExternalModuleReference') check(node, node.moduleReference.expression)
      },
      TSImportType: (node) => check(node, node.argument?.literal ?? node.argument),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1)
          check(node, node.arguments[0])
      },
    }
  },
}

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
    files: ['src-*/**/*.{ts,tsx}'],
    plugins: { examdesk: { rules: { layers: layersRule } } },
    rules: { 'examdesk/layers': 'error' },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
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
    },
  },
  {
    // Event payloads are typed by their event's type: no field is read by name (`e.payload['subject']`).
    // (The renderer outside db/ gets this selector with the table rule below: one rule, one config.)
    files: ['src-{shared,main,preload,hq}/**/*.ts', 'src-renderer/db/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[computed=true][object.type='MemberExpression'][object.property.name='payload']",
          message: 'read a payload field typed (narrow on e.type, or admitCardNoOf / subjectOf), not by name',
        },
      ],
    },
  },
  {
    // The data layer owns the reads as well as the writes: no Dexie table is touched outside src-renderer/db
    // (db/reads.ts names every read; append.ts, import.ts, ledger.ts and sync.ts the writes).
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/db/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `MemberExpression[object.name=/^(ledger|roster)$/][property.name=/^(${DEXIE_TABLES.join('|')})$/]`,
          message: 'read the desk databases through src-renderer/db (db/reads.ts), never a Dexie table directly',
        },
        {
          selector: "MemberExpression[computed=true][object.type='MemberExpression'][object.property.name='payload']",
          message: 'read a payload field typed (narrow on e.type, or admitCardNoOf / subjectOf), not by name',
        },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['ipcRenderer', 'contextBridge'], message: 'preload only' }] },
      ],
    },
  },
)
