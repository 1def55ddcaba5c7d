import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './eslint/main-layers.mjs';

// Process boundaries are enforced here, not by goodwill (style.md §2, architecture.md).
const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'tls', 'url', 'util', 'stream', 'zlib', 'events', 'worker_threads'];

const rendererRestrictions = {
  patterns: [
    { group: ['electron', 'electron/*'], message: 'The renderer has no Electron: go through window.terminal.' },
    { group: NODE_BUILTINS, message: 'The renderer has no Node: go through window.terminal.' },
    { group: ['ws'], message: 'The renderer has no network: go through window.terminal.' },
    { group: ['**/main', '**/main/**', '**/preload', '**/preload/**'], message: 'The renderer may import only shared code, not main or preload.' },
  ],
};

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'docs/**', 'release/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  // Only the preload touches ipcRenderer/contextBridge; only main's shell touches ipcMain.
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs'],
    ignores: ['src/preload/**', 'src/main/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportSpecifier[imported.name='ipcRenderer']", message: 'Only src/preload may use ipcRenderer.' },
        { selector: "ImportSpecifier[imported.name='contextBridge']", message: 'Only src/preload may use contextBridge.' },
        { selector: "ImportSpecifier[imported.name='ipcMain']", message: 'Only src/main/index.ts may use ipcMain.' },
      ],
    },
  },
  {
    files: ['src/main/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportSpecifier[imported.name='ipcRenderer']", message: 'Only src/preload may use ipcRenderer.' },
        { selector: "ImportSpecifier[imported.name='contextBridge']", message: 'Only src/preload may use contextBridge.' },
      ],
    },
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "ImportSpecifier[imported.name='ipcMain']", message: 'The preload cannot use ipcMain.' }],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/main', '**/main/**', '**/renderer/**'], message: 'The preload builds window.terminal from shared code only.' }, { group: NODE_BUILTINS, message: 'A sandboxed preload can require only electron.' }] },
      ],
    },
  },
  // The engine is Electron-free: it must run in plain Node (tests, browser host).
  {
    files: ['src/main/**'],
    ignores: ['src/main/index.ts', 'src/main/window.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', 'electron/*'], message: 'Only the shell (src/main/index.ts, window.ts) imports electron; the engine runs in plain Node.' }] }],
    },
  },
  // Layers inside the engine (eslint/main-layers.mjs): each folder imports only from below.
  {
    // Tests may wire layers together (an ipc test drives the real engine).
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/**/*.test.ts'],
    plugins: { layers },
    rules: { 'layers/main-layers': 'error' },
  },
  {
    files: ['src/renderer/**', 'src/browser-host/bridge/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', rendererRestrictions],
    },
  },
  // Shared code is pure: its schema library, its decimal library (money is decimal in both
  // processes, so the domain helpers both use live here) and itself, nothing else.
  {
    files: ['src/shared/**'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!zod$|big\\.js$|\\.{1,2}/)', message: 'src/shared imports only zod, big.js and other shared files.' },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared cannot depend on a process.' },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**', 'src/**/*.test.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
