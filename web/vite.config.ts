import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built by `npm install` (the root `prepare` script) into web/dist, which `baton start` serves.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
