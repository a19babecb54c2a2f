/**
 * `npm run bench`: every benchmark measures Quotedeck and its baseline in the same run; the table is
 * printed and written with machine details to bench/results/latest.json.
 *
 * `npm run bench -- soak hostile` runs only the named benchmarks and writes their results to
 * bench/results/<names>.json and .md instead, so a partial run never replaces the full table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { runBrowserBench } from './browser/browser-bench';
import { runTabsBench } from './browser/tabs-bench';
import { runTicketBench } from './browser/ticket-bench';
import { runCodecBench } from './codec';
import { runFanoutBench } from './fanout/fanout-bench';
import { runHostileBench } from './hostile/hostile-bench';
import { runPaperBench } from './paper';
import { runSoakBench } from './soak/soak-bench';
import { renderTable, type BenchRow } from './table';

interface BenchOutcome {
  rows: BenchRow[];
  /** Plain-text notes printed and written below the table. */
  notes?: string[];
  /** Extra detail for the JSON file, under the benchmark's name. */
  detail?: object;
}

/** Every benchmark in the order of a full run. */
const BENCHES: ReadonlyArray<{ name: string; title: string; run: () => Promise<BenchOutcome> }> = [
  { name: 'codec', title: 'codec', run: async () => ({ rows: runCodecBench() }) },
  {
    name: 'fanout',
    title: 'gateway fan-out',
    run: async () => {
      const fanout = await runFanoutBench();
      return { rows: fanout.rows, notes: fanout.notes, detail: { runs: fanout.runs } };
    },
  },
  {
    name: 'browser',
    title: 'browser ingest',
    run: async () => ({ rows: await runBrowserBench() }),
  },
  { name: 'tabs', title: 'tabs', run: async () => ({ rows: await runTabsBench() }) },
  { name: 'paper', title: 'paper orders', run: async () => ({ rows: await runPaperBench() }) },
  { name: 'ticket', title: 'order ticket round trip', run: runTicketBench },
  {
    name: 'hostile',
    title: 'hostile clients',
    run: async () => {
      const hostile = await runHostileBench();
      return { rows: hostile.rows, notes: hostile.notes, detail: { table: hostile.table } };
    },
  },
  {
    name: 'soak',
    title: 'soak',
    run: async () => {
      const soak = await runSoakBench();
      return { rows: soak.rows, notes: soak.notes, detail: { samples: soak.samples } };
    },
  },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !BENCHES.some((bench) => bench.name === name));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark ${unknown.join(', ')}; choose from ${BENCHES.map((b) => b.name).join(', ')}`,
  );
  process.exit(2);
}
const selected =
  wanted.length === 0 ? BENCHES : BENCHES.filter((bench) => wanted.includes(bench.name));

const rows: BenchRow[] = [];
const notes: Record<string, string[]> = {};
const details: Record<string, object> = {};
const loadBefore = loadavg();
for (const bench of selected) {
  console.log(`${bench.title} …`);
  const outcome = await bench.run();
  rows.push(...outcome.rows);
  if (outcome.notes) notes[bench.name] = outcome.notes;
  if (outcome.detail !== undefined) details[bench.name] = outcome.detail;
}

const table = renderTable(rows);
const noteText = Object.entries(notes)
  .map(([name, lines]) => `${name} notes:\n${lines.join('\n')}`)
  .join('\n\n');
console.log(`\n${table}\n\n${noteText}\n`);
const base = wanted.length === 0 ? 'latest' : selected.map((bench) => bench.name).join('-');
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  `bench/results/${base}.json`,
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
      ...Object.fromEntries(
        Object.entries(notes).map(([name, lines]) => [
          name,
          { notes: lines, ...(details[name] ?? {}) },
        ]),
      ),
    },
    null,
    2,
  )}\n`,
);
writeFileSync(
  `bench/results/${base}.md`,
  `${table}\n\n${Object.entries(notes)
    .map(([name, lines]) => `${name} notes:\n\n\`\`\`\n${lines.join('\n')}\n\`\`\`\n`)
    .join('\n')}`,
);
console.log(`written to bench/results/${base}.json and bench/results/${base}.md`);
