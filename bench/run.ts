/**
 * `npm run bench`: every benchmark measures Quotedeck and its baseline in the same run; the table is
 * printed and written with machine details to bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { runCodecBench } from './codec';
import { renderTable, type BenchRow } from './table';

const rows: BenchRow[] = [];
console.log('codec …');
rows.push(...runCodecBench());

const table = renderTable(rows);
console.log(`\n${table}\n`);
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
      rows,
    },
    null,
    2,
  )}\n`,
);
writeFileSync('bench/results/latest.md', `${table}\n`);
console.log('written to bench/results/latest.json and bench/results/latest.md');
