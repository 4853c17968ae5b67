import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

// Main builds three entries: the Electron host, the headless host and the CLI. Preload is CommonJS
// because a sandboxed preload cannot be an ES module.
export default defineConfig(({ command }) => ({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          headless: resolve('src/main/headless.ts'),
          cli: resolve('src/main/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    publicDir: resolve('resources/public'),
    // Minified: the unminified bundle is ~4 MB and dominates a cold first paint.
    build: { minify: true, rollupOptions: { input: { index: resolve('src/renderer/index.html') } } },
    plugins: [react(), ...(command === 'serve' ? [allowDevServerScripts()] : [])],
  },
}));

/** The dev server injects an inline React Refresh preamble; only in `serve` is that allowed. */
function allowDevServerScripts(): Plugin {
  return {
    name: 'voronka-dev-csp',
    transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
  };
}
