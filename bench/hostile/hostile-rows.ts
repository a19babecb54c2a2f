/** The hostile benchmark's figures as table rows and as the scenario / bound / measured table. */
import type { BenchRow } from '../table';

/** One measured figure of one hostile scenario, held to the bound the gateway promises. */
export interface HostileFigure {
  scenario: string;
  /** The bound in words, e.g. "≤ 8 MiB (+ one frame)". */
  bound: string;
  /** The figure as measured; NaN when it could not be measured. */
  value: number;
  unit: string;
  better: BenchRow['better'];
  /** Whether the bound held; undefined when the figure could not be measured. */
  met: boolean | undefined;
  /** Context for the table (e.g. the close reason). */
  detail?: string;
}

/** A figure that must stay at or under `limit`. */
export function atMost(
  scenario: string,
  value: number,
  limit: number,
  unit: string,
  bound: string,
  detail?: string,
): HostileFigure {
  return {
    scenario,
    bound,
    value,
    unit,
    better: 'lower',
    met: Number.isFinite(value) ? value <= limit : undefined,
    ...(detail === undefined ? {} : { detail }),
  };
}

/** A figure that must equal `expected` (a close code, a count of refusals). */
export function exactly(
  scenario: string,
  value: number,
  expected: number,
  unit: string,
  bound: string,
  detail?: string,
): HostileFigure {
  return {
    scenario,
    bound,
    value,
    unit,
    better: 'higher',
    met: Number.isFinite(value) ? value === expected : undefined,
    ...(detail === undefined ? {} : { detail }),
  };
}

/** A scenario that failed to run: its figure is not measured. */
export function notMeasured(scenario: string, bound: string, why: string): HostileFigure {
  return { scenario, bound, value: NaN, unit: '', better: 'lower', met: undefined, detail: why };
}

/** Rows for the benchmark table (no baseline: the bound is the goal). */
export function hostileRows(figures: readonly HostileFigure[]): BenchRow[] {
  return figures.map((f) => ({
    bench: 'hostile',
    figure: f.scenario,
    ours: f.value,
    baseline: NaN,
    unit: f.unit,
    better: f.better,
    goal: f.bound,
    met: f.met,
  }));
}

function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'not measured';
  const text = Number.isInteger(value) ? String(value) : value.toFixed(value >= 10 ? 1 : 2);
  return unit === '' || unit === 'code' ? text : `${text} ${unit}`;
}

/** The closing note's table: scenario, bound, measured figure, held or not. */
export function hostileTable(figures: readonly HostileFigure[]): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  return [
    '| scenario | bound | measured | held |',
    '| --- | --- | --- | --- |',
    ...figures.map(
      (f) =>
        `| ${cell(f.scenario)} | ${cell(f.bound)} | ${cell(formatValue(f.value, f.unit))}${f.detail ? ` (${cell(f.detail)})` : ''} | ${f.met === undefined ? 'not measured' : f.met ? 'yes' : 'NO'} |`,
    ),
  ].join('\n');
}
