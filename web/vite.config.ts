import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev:web`: Vite on :5173, the API (and its session cookie) proxied to the service on :3000.
const api = process.env.CLIM_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The CSP allows scripts and styles from the service's own origin only: no inline modulepreload polyfill.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': api, '/healthz': api, '/readyz': api },
  },
});
