import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where the API listens in development (`npm start`); `npm run dev:web` proxies /api and /auth to it. */
const api = process.env.AOC_API_URL ?? 'http://127.0.0.1:3000';

/** The bar: the JavaScript a first visit loads, gzipped. */
const INITIAL_JS_LIMIT_KB = 300;

/**
 * Reports the initial JavaScript (the entry chunk and every chunk it imports statically; the
 * pages are lazy chunks) gzipped, and fails the build above the limit.
 */
function initialSizeReport(): Plugin {
  return {
    name: 'aoc-initial-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(
        Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])),
      );
      const initial = new Set<string>();
      const visit = (file: string) => {
        const chunk = chunks.get(file);
        if (!chunk || initial.has(file)) return;
        initial.add(file);
        chunk.imports.forEach(visit);
      };
      for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
      const bytes = [...initial].reduce((sum, file) => sum + gzipSync(chunks.get(file)!.code).length, 0);
      const kb = bytes / 1024;
      const lazy = chunks.size - initial.size;
      this.info(
        `initial JavaScript: ${kb.toFixed(1)} KB gzipped in ${initial.size} chunks (limit ${INITIAL_JS_LIMIT_KB} KB); ${lazy} chunks load on demand`,
      );
      if (kb > INITIAL_JS_LIMIT_KB)
        this.error(`the initial JavaScript is ${kb.toFixed(1)} KB gzipped, over ${INITIAL_JS_LIMIT_KB} KB`);
    },
  };
}

/**
 * The web app. `npm run build:web` writes it to dist/web, which the API serves at `/`
 * (apps/api/src/web-app.ts); `npm run dev:web` serves it with hot reload on :5173.
 */
export default defineConfig({
  root: here,
  plugins: [react(), initialSizeReport()],
  // The domain's vocabulary and rules (stages, fields, decisions, what needs a reason), one copy for
  // the API and the app: libs/domain is plain TypeScript with no Node dependency.
  resolve: { alias: { '@aoc/domain': path.resolve(here, '../../libs/domain/src') } },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/auth': { target: api, changeOrigin: false },
    },
  },
  build: {
    outDir: path.resolve(here, '../../dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: true,
    // The public library's stylesheet is a second entry; the API finds its hashed name in the manifest.
    manifest: true,
    rollupOptions: {
      input: { app: path.resolve(here, 'index.html'), public: path.resolve(here, 'src/public/public.scss') },
    },
  },
  css: { preprocessorOptions: { scss: { quietDeps: true } } },
});
