/**
 * Builds the naive baseline client (its own small Vite config, the app's React and image plugins)
 * into a fresh temporary directory, for the gateway to serve with `--static-dir`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { imagesPlugin } from '../../scripts/images/vite-plugin-images';
import { SIM_CATALOG } from '../../server/sources/sim/catalog';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** Builds the naive client; resolves with the directory holding its index.html. */
export async function buildNaiveClient(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'quotedeck-naive-'));
  await build({
    configFile: false,
    root: fileURLToPath(new URL('.', import.meta.url)),
    logLevel: 'warn',
    plugins: [
      react(),
      imagesPlugin({
        logo: `${repo}src/images/logo.svg`,
        screenshots: `${repo}src/images/screenshots`,
        states: `${repo}src/images/states`,
        instruments: SIM_CATALOG.map((s) => s.instrument),
      }),
    ],
    define: { __BUILD_ID__: JSON.stringify('naive-baseline') },
    build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false },
    worker: { format: 'es' },
  });
  return outDir;
}
