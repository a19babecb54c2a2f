/**
 * Builds the app only when its inputs changed since the last build.
 *
 * A content hash (not mtimes, which a fresh clone scrambles) of every build input is stored beside
 * the output; a missing or different stamp means rebuild.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const INPUTS = ['src', 'protocol', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'];
const STAMP = '.build-stamp';

/** Hash of every file that affects the build, in a stable order. */
export function hashBuildInputs(root: string): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of listFiles(join(root, input))) {
      if (/\.test\.tsx?$/.test(file)) continue;
      hash.update(relative(root, file));
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

/** Runs `vite build` in this process when `outDir` is missing or stale; returns whether it built. */
export async function buildIfStale(root: string, outDir = join(root, 'dist')): Promise<boolean> {
  const expected = hashBuildInputs(root);
  const stampFile = join(outDir, STAMP);
  if (existsSync(join(outDir, 'index.html')) && existsSync(stampFile)) {
    if (readFileSync(stampFile, 'utf8') === expected) return false;
  }
  const { build } = await import('vite');
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  writeFileSync(stampFile, expected);
  return true;
}

function listFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.name === 'node_modules' ? [] : listFiles(join(path, entry.name))));
}
