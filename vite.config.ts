import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { buildId } from './scripts/build-id';
import { imagesPlugin } from './scripts/images/vite-plugin-images';
import { pwaManifest } from './scripts/pwa-manifest';
import { SIM_CATALOG } from './server/sources/sim/catalog';

const GATEWAY = 'http://127.0.0.1:4174';
const root = fileURLToPath(new URL('.', import.meta.url));
const BUILD_ID = buildId(root);

export default defineConfig({
  plugins: [
    react(),
    // Icons, screenshots, instrument badges and state illustrations rendered from src/images at
    // build time.
    imagesPlugin({
      logo: `${root}src/images/logo.svg`,
      screenshots: `${root}src/images/screenshots`,
      states: `${root}src/images/states`,
      instruments: SIM_CATALOG.map((s) => s.instrument),
    }),
    VitePWA({
      // Our own service worker (src/sw.ts) with Workbox modules; the build injects the precache list.
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // A new version waits until the trader accepts the update prompt.
      registerType: 'prompt',
      injectRegister: false,
      manifest: pwaManifest,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webp,woff2,webmanifest}'],
        // Browsers with service workers take the WebP sources, so PNG fallbacks of the generated
        // images are left to the runtime cache; manifest screenshots are for install dialogs only.
        globIgnores: ['img/**/*.png', 'screenshots/**'],
        buildPlugins: { vite: [] },
      },
      devOptions: { enabled: false },
    }),
  ],
  define: {
    __BUILD_ID__: JSON.stringify(BUILD_ID),
  },
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
