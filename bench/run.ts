/**
 * `npm run bench`: every benchmark measures Quotedeck and its baseline in the same run; the table is
 * printed and written with machine details to bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { runBrowserBench } from './browser/browser-bench';
import { runTabsBench } from './browser/tabs-bench';
import { runCodecBench } from './codec';
import { runFanoutBench } from './fanout/fanout-bench';
import { runPaperBench } from './paper';
import { renderTable, type BenchRow } from './table';

const rows: BenchRow[] = [];
console.log('codec …');
rows.push(...runCodecBench());

console.log('gateway fan-out …');
const loadBefore = loadavg();
const fanout = await runFanoutBench();
rows.push(...fanout.rows);

console.log('browser ingest …');
rows.push(...(await runBrowserBench()));

console.log('tabs …');
rows.push(...(await runTabsBench()));

console.log('paper orders …');
rows.push(...(await runPaperBench()));

const table = renderTable(rows);
const notes = fanout.notes.join('\n');
console.log(`\n${table}\n\nfan-out notes:\n${notes}\n`);
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/latest.json',
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      // Other work on the machine competes with the benchmarks for its cores.
      loadAverage: { before: loadBefore, after: loadavg() },
      rows,
      fanout: { notes: fanout.notes, runs: fanout.runs },
    },
    null,
    2,
  )}\n`,
);
writeFileSync(
  'bench/results/latest.md',
  `${table}\n\nFan-out notes:\n\n\`\`\`\n${notes}\n\`\`\`\n`,
);
console.log('written to bench/results/latest.json and bench/results/latest.md');
