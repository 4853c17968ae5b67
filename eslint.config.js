// @ts-check
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Process boundaries (ARCHITECTURE §1), enforced here rather than hoped for:
 * - renderer, preload and shared never import main;
 * - shared is environment-free: no Node built-ins, no Electron, no DOM-only libraries, no React;
 * - the engine reaches adapters only through ports: never telegram/, ai/, tracker/ or db/;
 * - adapters (telegram/, tracker/, ai/, db/…) never import main's rpc/: handlers live in rpc/handlers/.
 * test/unit/lint/boundaries.test.ts proves each rule rejects a forbidden import.
 */
const mainImports = { group: ['**/main', '**/main/**', '**/src/main/**'], message: 'Only src/main may import main code; talk to it through the RPC contract in src/shared.' };
const nodeBuiltins = {
  group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'events', 'stream', 'worker_threads'],
  message: 'src/shared must run anywhere: no Node built-ins.',
};
const envLibraries = {
  group: ['electron', 'react', 'react-dom', '@mantine/*', 'better-sqlite3', 'fastify', '@fastify/*', 'openai', 'teleproto', 'telegram', 'ws'],
  message: 'src/shared must run anywhere: no environment-specific libraries.',
};
const adapterImports = {
  group: ['**/telegram', '**/telegram/**', '**/ai', '**/ai/**', '**/tracker', '**/tracker/**', '**/db', '**/db/**', 'teleproto', 'telegram', 'openai', 'better-sqlite3', 'fastify'],
  message: 'The engine uses adapters only through the ports in engine/ports.ts; the composition root (app.ts) injects them.',
};

/** Adapters expose plain service interfaces; only rpc/handlers/ turns them into RPC methods. */
const rpcImports = {
  regex: '^(\\.\\./)+rpc(/.*)?$',
  message: 'Adapters know nothing of RPC: expose a plain service interface and wrap it in src/main/rpc/handlers/ (throw AppFailure from ../appFailure for expected failures).',
};
const adapterFolders = ['telegram', 'tracker', 'ai', 'db', 'http', 'secrets', 'inbound', 'simulate'].map((d) => `src/main/${d}/**/*.ts`);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.electron-native/**', 'test/unit/lint/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [mainImports, { group: ['electron', 'node:*'], message: 'The renderer is sandboxed: use the RPC client.' }] }],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [mainImports] }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [mainImports, nodeBuiltins, envLibraries] }] },
  },
  {
    files: adapterFolders,
    rules: { 'no-restricted-imports': ['error', { patterns: [rpcImports] }] },
  },
  {
    files: ['src/main/engine/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [adapterImports, rpcImports] }] },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.{js,ts}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
