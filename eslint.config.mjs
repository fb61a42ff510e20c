import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/**
 * The layering of ARCHITECTURE.md, enforced: imports point down.
 * renderer → shared; preload → shared; main/{ipc,cli,web,electron} → core → shared.
 */
const layer = {
  core: {
    paths: [
      {
        name: 'electron',
        message: 'core is plain Node: it must not import electron (put it in src/main/electron or ipc).',
      },
      { name: 'react', message: 'core must not import react.' },
      { name: 'react-dom', message: 'core must not import react-dom.' },
    ],
    patterns: [
      { group: ['**/renderer/**', '**/preload/**'], message: 'core must not import the renderer or preload.' },
      {
        // Relative imports that climb out of core into its callers, at any depth.
        regex: '^(\\.\\./)+(main/)?(ipc|cli|web|electron)(/|$)',
        message: 'core must not import its own callers (ipc, cli, web, electron).',
      },
    ],
  },
  renderer: {
    paths: [
      ...nodeBuiltins.map((name) => ({
        name,
        message: 'the renderer runs sandboxed: no Node built-ins; ask the engine through the API.',
      })),
      { name: 'electron', message: 'the renderer talks to main only through window.tunebench (api/client).' },
    ],
    patterns: [
      {
        group: ['**/main/**', '**/preload/index', '**/preload/index.ts'],
        message: 'the renderer must not import main/core or the preload; use src/shared and api/client.',
      },
    ],
  },
  shared: {
    paths: [
      ...nodeBuiltins.map((name) => ({
        name,
        message: 'shared runs in every environment, the sandboxed renderer included: no Node built-ins.',
      })),
      { name: 'electron', message: 'shared must not import electron.' },
      { name: 'react', message: 'shared must not import react.' },
    ],
    patterns: [
      {
        group: ['**/main/**', '**/renderer/**', '**/preload/**'],
        message: 'shared is the bottom layer: it imports nothing of ours.',
      },
    ],
  },
  preload: {
    paths: nodeBuiltins.map((name) => ({ name, message: 'the preload is sandboxed: no Node built-ins.' })),
    patterns: [
      { group: ['**/main/**', '**/renderer/**'], message: 'the preload imports only electron and src/shared.' },
    ],
  },
  mainShell: {
    paths: [
      {
        name: 'electron',
        importNames: ['ipcMain'],
        message: 'register IPC only through src/main/ipc/register-api.ts (sender check + schema validation).',
      },
    ],
    patterns: [{ group: ['**/renderer/**'], message: 'main must not import the renderer.' }],
  },
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'native/**/build/**', 'test/fixtures/projects/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/main/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', layer.core] },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/core/**', 'src/main/ipc/register-api.ts'],
    rules: { 'no-restricted-imports': ['error', layer.mainShell] },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', layer.shared] },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', layer.preload] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', layer.renderer],
    },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
