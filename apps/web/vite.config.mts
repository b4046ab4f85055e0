import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where the API listens in development (`npm start`); `npm run dev:web` proxies /api and /auth to it. */
const api = process.env.AOC_API_URL ?? 'http://127.0.0.1:3000';

/**
 * The web app. `npm run build:web` writes it to dist/web, which the API serves at `/`
 * (apps/api/src/web-app.ts); `npm run dev:web` serves it with hot reload on :5173.
 */
export default defineConfig({
  root: here,
  plugins: [react()],
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
  },
  css: { preprocessorOptions: { scss: { quietDeps: true } } },
});
