/**
 * `npm run size`: fails when the JavaScript the dashboard needs before first paint exceeds its
 * budget. That is every script and modulepreload that dist/index.html references; lazily loaded
 * chunks (the chart) are reported but not counted.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 100 * 1024;
const dist = 'dist';

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const critical = new Set(
  [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1]!),
);

const gzipped = (file: string): number =>
  gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

let total = 0;
for (const file of critical) {
  const size = gzipped(file);
  total += size;
  console.log(`critical  ${kb(size).padStart(9)}  ${file}`);
}
for (const file of readdirSync(join(dist, 'assets'))) {
  const path = `assets/${file}`;
  if (file.endsWith('.js') && !critical.has(path)) {
    console.log(`lazy      ${kb(gzipped(path)).padStart(9)}  ${path}`);
  }
}
console.log(`critical-path JS: ${kb(total)} gzip (budget ${kb(BUDGET_BYTES)})`);
if (critical.size === 0) {
  console.error('no script found in dist/index.html: is the build broken?');
  process.exit(1);
}
if (total > BUDGET_BYTES) {
  console.error(`over budget by ${kb(total - BUDGET_BYTES)}`);
  process.exit(1);
}
