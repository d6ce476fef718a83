// Vite build of the web app: dist/ is what `kpi serve` serves. Charts (recharts) are split
// into their own lazily loaded chunk so the first paint needs only the app's own code.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
  },
  server: {
    // KPI_API points the dev server at a running kpi serve (default: the usual port).
    // changeOrigin stays false: the server checks that a write's Origin matches its Host.
    proxy: { '/api': { target: process.env['KPI_API'] ?? 'http://127.0.0.1:8787', changeOrigin: false } },
  },
});
