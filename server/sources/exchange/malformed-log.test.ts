import { describe, expect, it } from 'vitest';
import { newExchangeStats } from './exchange-stats';
import { malformedDropper } from './malformed-log';

describe('malformedDropper', () => {
  it('counts every drop and logs the first, then one per `every`', () => {
    const stats = newExchangeStats();
    const lines: string[] = [];
    const drop = malformedDropper('venue', stats, (line) => lines.push(line), 10);
    for (let i = 1; i <= 25; i++) drop(`bad ${i}`);
    expect(stats.malformed).toBe(25);
    expect(lines).toEqual([
      'venue: dropped malformed message #1 (bad 1)',
      'venue: dropped malformed message #10 (bad 10)',
      'venue: dropped malformed message #20 (bad 20)',
    ]);
  });

  it('numbers drops after ones counted elsewhere (binary frames) and shortens long reasons', () => {
    const stats = newExchangeStats();
    stats.malformed = 99;
    const lines: string[] = [];
    malformedDropper('venue', stats, (line) => lines.push(line))('x'.repeat(500));
    expect(lines).toEqual([`venue: dropped malformed message #100 (${'x'.repeat(160)}…)`]);
  });
});
