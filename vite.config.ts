import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const GATEWAY = 'http://127.0.0.1:4174';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: false,
  },
  // The feed worker is an ES module worker so it can share the protocol modules.
  worker: { format: 'es' },
  server: {
    proxy: {
      '/api': { target: GATEWAY, changeOrigin: true },
      '/ws': { target: GATEWAY, ws: true, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/api': { target: GATEWAY, changeOrigin: true },
      '/ws': { target: GATEWAY, ws: true, changeOrigin: true },
    },
  },
});
