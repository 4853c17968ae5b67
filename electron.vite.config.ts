import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { IndexHtmlTransformContext, Plugin } from 'vite';

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
    plugins: [react(), preloadApp(), ...(command === 'serve' ? [allowDevServerScripts()] : [])],
  },
}));

/** The dev server injects an inline React Refresh preamble; only in `serve` is that allowed. */
function allowDevServerScripts(): Plugin {
  return {
    name: 'voronka-dev-csp',
    transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
  };
}

/**
 * The page's entry (src/boot.ts) opens the RPC socket, then imports the app (src/main.tsx). So that
 * the app's scripts still download at once, beside the entry instead of after it ran, index.html
 * preloads them. And the entry is `async`: a plain module script waits for the stylesheet in the
 * head (~250 KB) before running; main.tsx waits for the stylesheets itself, before rendering.
 */
function preloadApp(): Plugin {
  return {
    name: 'voronka-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html: string, { bundle }: IndexHtmlTransformContext) {
        const chunks = Object.values(bundle ?? {}).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const app = chunks.find((c) => c.facadeModuleId?.endsWith('/src/main.tsx'));
        if (!app) throw new Error('preloadApp: no chunk for src/main.tsx');
        const files = new Set<string>();
        const add = (fileName: string): void => {
          if (files.has(fileName)) return;
          files.add(fileName);
          for (const dep of chunks.find((c) => c.fileName === fileName)?.imports ?? []) add(dep);
        };
        add(app.fileName);
        const entry = chunks.find((c) => c.isEntry)?.fileName;
        if (entry) files.delete(entry);
        return {
          html: html.replace(/<script type="module" crossorigin/, '<script type="module" async crossorigin'),
          tags: [...files].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const })),
        };
      },
    },
  };
}
