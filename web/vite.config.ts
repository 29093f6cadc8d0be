import { defineConfig } from 'vite';

// The web UI: plain Preact `h()` calls (no JSX transform needed), built into web/dist,
// which `khabar serve` serves at /. `npm run dev:web` proxies /api to a running server.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' } },
});
