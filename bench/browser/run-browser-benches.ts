/**
 * Runs benchmarks 3 and 4 on their own and prints their rows (`node --import tsx
 * bench/browser/run-browser-benches.ts [ingest|tabs]`); `npm run bench` calls the same functions.
 */
import { renderTable, type BenchRow } from '../table';
import { runBrowserBench } from './browser-bench';
import { runTabsBench } from './tabs-bench';

const which = process.argv[2] ?? 'all';
const rows: BenchRow[] = [];
if (which === 'all' || which === 'ingest') {
  console.log('browser ingest …');
  const started = Date.now();
  rows.push(...(await runBrowserBench()));
  console.log(`browser ingest took ${((Date.now() - started) / 1_000).toFixed(0)} s`);
}
if (which === 'all' || which === 'tabs') {
  console.log('tabs …');
  const started = Date.now();
  rows.push(...(await runTabsBench()));
  console.log(`tabs took ${((Date.now() - started) / 1_000).toFixed(0)} s`);
}
console.log(`\n${renderTable(rows)}\n`);
