/** One measured figure of a benchmark: ours, the baseline measured in the same run, and the ratio. */
export interface BenchRow {
  bench: string;
  figure: string;
  ours: number;
  baseline: number;
  unit: string;
  better: 'lower' | 'higher';
}

/** How many times better ours is than the baseline (> 1 means better). */
export function advantage(row: BenchRow): number {
  return row.better === 'lower' ? row.baseline / row.ours : row.ours / row.baseline;
}

/** Renders rows as a Markdown table. */
export function renderTable(rows: readonly BenchRow[]): string {
  const format = (value: number): string =>
    value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
  const lines = [
    '| bench | figure | ours | baseline | advantage (>1: ours better) |',
    '| --- | --- | ---: | ---: | ---: |',
    ...rows.map(
      (row) =>
        `| ${row.bench} | ${row.figure} | ${format(row.ours)} ${row.unit} | ${format(row.baseline)} ${row.unit} | ${advantage(row).toFixed(2)}× |`,
    ),
  ];
  return lines.join('\n');
}
