import { describe, expect, it } from 'vitest';
import { atMost, exactly, hostileRows, hostileTable, notMeasured } from './hostile-rows';

describe('hostile figures', () => {
  it('hold a bound at or under a limit, or exactly at a value', () => {
    expect(atMost('peak', 8, 8, 'MiB', '≤ 8 MiB').met).toBe(true);
    expect(atMost('peak', 8.01, 8, 'MiB', '≤ 8 MiB').met).toBe(false);
    expect(exactly('close', 1009, 1009, 'code', '1009').met).toBe(true);
    expect(exactly('close', 1006, 1009, 'code', '1009').met).toBe(false);
    expect(atMost('peak', NaN, 8, 'MiB', '≤ 8 MiB').met).toBeUndefined();
  });

  it('become benchmark rows with the bound as the goal and no baseline', () => {
    const [row] = hostileRows([atMost('never-reading client: peak', 1.5, 8, 'MiB', '≤ 8 MiB')]);
    expect(row).toMatchObject({
      bench: 'hostile',
      figure: 'never-reading client: peak',
      ours: 1.5,
      unit: 'MiB',
      better: 'lower',
      goal: '≤ 8 MiB',
      met: true,
    });
    expect(row!.baseline).toBeNaN();
  });

  it('render the scenario / bound / measured table, escaping pipes and saying what failed', () => {
    const table = hostileTable([
      exactly('oversized frame: close code', 1009, 1009, 'code', '1009', 'after 3 ms'),
      atMost('flood | time to close', 3.25, 5, 's', '≤ 5 s'),
      notMeasured('token', 'wrong token → 401', 'gateway did not start'),
    ]);
    expect(table.split('\n')).toEqual([
      '| scenario | bound | measured | held |',
      '| --- | --- | --- | --- |',
      '| oversized frame: close code | 1009 | 1009 (after 3 ms) | yes |',
      '| flood \\| time to close | ≤ 5 s | 3.25 s | yes |',
      '| token | wrong token → 401 | not measured (gateway did not start) | not measured |',
    ]);
  });
});
