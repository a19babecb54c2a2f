/** One measured figure of a benchmark: ours, the baseline measured in the same run, and the ratio. */
export interface BenchRow {
  bench: string;
  figure: string;
  ours: number;
  /** NaN when there is no baseline for this figure (or it could not be measured in this run). */
  baseline: number;
  unit: string;
  better: 'lower' | 'higher';
  /** The goal this figure is held to, in words (e.g. "≤ 50 ms"); reported, never asserted. */
  goal?: string;
  /** Whether the goal was met in this run; undefined when it could not be judged (not measured). */
  met?: boolean;
}

/** How many times better ours is than the baseline (> 1 means better; NaN without a baseline). */
export function advantage(row: BenchRow): number {
  return row.better === 'lower' ? row.baseline / row.ours : row.ours / row.baseline;
}

/** Renders rows as a Markdown table. */
export function renderTable(rows: readonly BenchRow[]): string {
  const format = (value: number): string =>
    !Number.isFinite(value)
      ? 'n/a'
      : value >= 100
        ? value.toFixed(0)
        : value >= 10
          ? value.toFixed(1)
          : value.toFixed(2);
  const withUnit = (value: number, unit: string): string =>
    Number.isFinite(value) ? `${format(value)} ${unit}` : 'n/a';
  const ratio = (row: BenchRow): string => {
    const value = advantage(row);
    return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
  };
  const goal = (row: BenchRow): string =>
    row.goal === undefined
      ? ''
      : `${row.goal}: ${row.met === undefined ? 'not measured' : row.met ? 'met' : 'missed'}`;
  const lines = [
    '| bench | figure | ours | baseline | advantage (>1: ours better) | goal |',
    '| --- | --- | ---: | ---: | ---: | --- |',
    ...rows.map(
      (row) =>
        `| ${row.bench} | ${row.figure} | ${withUnit(row.ours, row.unit)} | ${withUnit(row.baseline, row.unit)} | ${ratio(row)} | ${goal(row)} |`,
    ),
  ];
  return lines.join('\n');
}
