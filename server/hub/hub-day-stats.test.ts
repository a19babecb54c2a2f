import { describe, expect, it } from 'vitest';
import { Side } from '../../protocol/messages';
import { createFakeSource } from '../sources/fake-source';
import type { VenueDayStats } from '../sources/source';
import { Hub } from './hub';

const T = Date.UTC(2025, 0, 1, 10, 0, 0);
const VENUE: VenueDayStats = { open24: 90_000, high24: 130_000, low24: 80_000, volume24: 777 };

function setup() {
  const source = createFakeSource();
  const hub = new Hub(source, { now: () => T, conflateMs: 1_000_000 });
  hub.start();
  source.emitBook(1, [100_000, 1], [100_010, 1], T, true);
  source.emitTrade(1, 100_005, 1, Side.buy, T);
  hub.flush();
  return { source, hub, ticker: () => hub.instrumentState(1)!.ticker.published };
}

describe('Hub: exchange-reported 24h statistics', () => {
  it('without them the ticker keeps its candle-derived figures (the simulator path)', () => {
    const { ticker } = setup();
    // The fake source's staircase history: opens step by 10 around 100 000, volume 10 a minute.
    expect(ticker().volume24).toBeGreaterThan(10_000);
    expect(ticker()).toMatchObject({ last: 100_005, bid: 100_000, ask: 100_010 });
    expect(ticker().high24).not.toBe(VENUE.high24);
  });

  it('prefers them over the derived figures, and publishes the change with the next seq', () => {
    const { source, hub, ticker } = setup();
    const seq = ticker().seq;
    source.emitDayStats(1, VENUE, T + 5);
    hub.flush();
    expect(ticker()).toMatchObject({ seq: seq + 1, time: T + 5, last: 100_005, ...VENUE });
  });

  it('keeps the derived open when the exchange reports none (Coinbase)', () => {
    const { source, hub, ticker } = setup();
    const derivedOpen = ticker().open24;
    source.emitDayStats(1, { ...VENUE, open24: null }, T + 5);
    hub.flush();
    expect(ticker()).toMatchObject({ open24: derivedOpen, high24: VENUE.high24, volume24: 777 });
  });

  it('widens the range to a trade seen after the last exchange ticker', () => {
    const { source, hub, ticker } = setup();
    source.emitDayStats(1, VENUE, T + 5);
    source.emitTrade(1, 140_000, 1, Side.buy, T + 6);
    hub.flush();
    expect(ticker()).toMatchObject({ last: 140_000, high24: 140_000, low24: VENUE.low24 });
  });

  it('ignores malformed statistics and unknown instruments, changing nothing', () => {
    const { source, hub, ticker } = setup();
    const before = ticker();
    const bad: VenueDayStats[] = [
      { ...VENUE, low24: VENUE.high24 + 1 },
      { ...VENUE, high24: 0 },
      { ...VENUE, open24: 1.5 },
      { ...VENUE, volume24: -1 },
      { ...VENUE, volume24: Number.NaN },
    ];
    for (const stats of bad) source.emitDayStats(1, stats, T + 5);
    source.emitDayStats(99, VENUE, T + 5);
    hub.flush();
    expect(hub.instrumentState(1)!.venueStats).toBeNull();
    expect(ticker()).toBe(before);
  });
});
