import { describe, expect, it } from 'vitest';
import { isOnLot, isOnTick } from '../../../protocol/instruments';
import { candleOpenTime, INTERVALS } from '../../../protocol/intervals';
import type { Candle } from '../../../protocol/messages';
import { SIM_CATALOG } from './catalog';
import { generateHistory } from './history';
import { marketParams } from './market-params';
import { RecordingSink } from '../recording-sink';
import { SimulatedExchange } from './simulated-exchange';

const T0 = Date.UTC(2024, 4, 15, 14, 37, 12, 345);
const MINUTE = 60_000;
const HOUR = 3_600_000;

function spec(symbol: string) {
  const found = SIM_CATALOG.find((s) => s.instrument.symbol === symbol);
  if (!found) throw new Error(`missing ${symbol}`);
  return found;
}

function expectWellFormed(candles: Candle[], symbol: string, ms: number): void {
  const { instrument } = spec(symbol);
  const problems: string[] = [];
  for (const [i, c] of candles.entries()) {
    const at = `${symbol} ${new Date(c.time).toISOString()}`;
    if (c.time % ms !== 0) problems.push(`${at} not aligned`);
    for (const price of [c.open, c.high, c.low, c.close]) {
      if (!isOnTick(instrument, price) || price <= 0) problems.push(`${at} price ${price}`);
    }
    if (c.high < Math.max(c.open, c.close)) problems.push(`${at} high below body`);
    if (c.low > Math.min(c.open, c.close)) problems.push(`${at} low above body`);
    if (c.volume !== 0 && !isOnLot(instrument, c.volume)) problems.push(`${at} volume ${c.volume}`);
    const previous = candles[i - 1];
    if (previous && c.time - previous.time !== ms) problems.push(`${at} gap`);
    if (previous && c.open !== previous.close) problems.push(`${at} jumps from the previous close`);
  }
  expect(problems.slice(0, 5)).toEqual([]);
}

describe('history', () => {
  const exchange = new SimulatedExchange({ seed: 21, now: T0 });
  const symbols = ['BTC-USD', 'SHIB-USD', 'AAPL', 'T', 'EUR-USD', 'USD-JPY'];

  it('has 30+ days of hourly and 7+ days of minute candles, closed before the end', () => {
    for (const symbol of symbols) {
      const id = spec(symbol).instrument.id;
      const hours = exchange.history(id, '1h', T0);
      const minutes = exchange.history(id, '1m', T0);
      expect(hours.length).toBeGreaterThanOrEqual(30 * 24);
      expect(minutes.length).toBeGreaterThanOrEqual(7 * 24 * 60);
      expect(hours.at(-1)?.time).toBe(candleOpenTime(T0, '1h') - HOUR);
      expect(minutes.at(-1)?.time).toBe(candleOpenTime(T0, '1m') - MINUTE);
    }
  });

  it('is well formed: aligned, on the tick grid, OHLC-consistent, lot volumes, continuous', () => {
    for (const symbol of symbols) {
      const id = spec(symbol).instrument.id;
      expectWellFormed(exchange.history(id, '1h', T0), symbol, INTERVALS['1h'].ms);
      expectWellFormed(exchange.history(id, '1m', T0), symbol, INTERVALS['1m'].ms);
    }
  });

  it('ends exactly at the price the live book starts from', () => {
    for (const { instrument, startPrice } of SIM_CATALOG) {
      const minutes = generateHistory(marketParams(spec(instrument.symbol)), 21, T0).minutes;
      expect(minutes.at(-1)?.close).toBe(startPrice);
      const mid = exchange.mid(instrument.id);
      // The opening book straddles the start price within a few ticks.
      expect(Math.abs(mid - startPrice) / instrument.tick).toBeLessThanOrEqual(3);
    }
  });

  it('agrees between 1m and 1h wherever both exist', () => {
    for (const symbol of symbols) {
      const id = spec(symbol).instrument.id;
      const minutes = exchange.history(id, '1m', T0);
      const hours = exchange.history(id, '1h', T0);
      const hourStart = minutes[0]?.time ?? 0;
      const overlapping = hours.filter((h) => h.time >= hourStart);
      expect(overlapping.length).toBe(7 * 24);
      for (const hour of overlapping) {
        const inside = minutes.filter((m) => m.time >= hour.time && m.time < hour.time + HOUR);
        expect(inside).toHaveLength(60);
        expect(hour.open).toBe(inside[0]?.open);
        expect(hour.close).toBe(inside.at(-1)?.close);
        expect(hour.high).toBe(Math.max(...inside.map((m) => m.high)));
        expect(hour.low).toBe(Math.min(...inside.map((m) => m.low)));
        expect(hour.volume).toBe(inside.reduce((sum, m) => sum + m.volume, 0));
      }
    }
  });

  it('is deterministic per seed and differs between seeds and instruments', () => {
    const other = new SimulatedExchange({ seed: 21, now: T0 });
    const different = new SimulatedExchange({ seed: 22, now: T0 });
    expect(other.history(1, '1h', T0)).toEqual(exchange.history(1, '1h', T0));
    expect(different.history(1, '1h', T0)).not.toEqual(exchange.history(1, '1h', T0));
    expect(exchange.history(2, '1m', T0).map((c) => c.close / 350_000)).not.toEqual(
      exchange.history(1, '1m', T0).map((c) => c.close / 6_500_000),
    );
  });

  it('moves like its instrument: realistic hourly ranges and quiet equity weekends', () => {
    const btc = exchange.history(spec('BTC-USD').instrument.id, '1h', T0);
    const first = btc[0]?.open ?? 1;
    const last = btc.at(-1)?.close ?? 1;
    // A month of 55 % annual volatility: well within a factor of two.
    expect(last / first).toBeGreaterThan(0.5);
    expect(last / first).toBeLessThan(2);
    const aapl = exchange.history(spec('AAPL').instrument.id, '1h', T0);
    const range = (c: Candle) => (c.high - c.low) / c.close;
    const weekend = aapl.filter((c) => [0, 6].includes(new Date(c.time).getUTCDay()));
    const session = aapl.filter((c) => {
      const hour = new Date(c.time).getUTCHours();
      return ![0, 6].includes(new Date(c.time).getUTCDay()) && hour >= 14 && hour < 20;
    });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(session.map(range))).toBeGreaterThan(4 * mean(weekend.map(range)));
    expect(mean(session.map((c) => c.volume))).toBeGreaterThan(
      10 * mean(weekend.map((c) => c.volume)),
    );
  });

  it('continues with candles from the live trades once the market runs', () => {
    const live = new SimulatedExchange({ seed: 21, now: T0 });
    const sink = new RecordingSink();
    let time = T0;
    for (let i = 0; i < 2 * 3600; i++) {
      time += 1000;
      live.step(time, 40, sink);
    }
    for (const symbol of ['BTC-USD', 'EUR-USD']) {
      const id = spec(symbol).instrument.id;
      const minutes = live.history(id, '1m', time);
      const hours = live.history(id, '1h', time);
      expect(minutes.at(-1)?.time).toBe(candleOpenTime(time, '1m') - MINUTE);
      expect(hours.at(-1)?.time).toBe(candleOpenTime(time, '1h') - HOUR);
      expectWellFormed(minutes, symbol, MINUTE);
      expectWellFormed(hours, symbol, HOUR);
      const liveMinutes = minutes.filter((m) => m.time >= T0);
      expect(liveMinutes.filter((m) => m.volume > 0).length).toBeGreaterThan(100);
      // The hour the market started in joins generated and live minutes.
      const firstLiveHour = hours.find((h) => h.time === candleOpenTime(T0, '1h'));
      const inside = minutes.filter((m) => m.time >= (firstLiveHour?.time ?? 0)).slice(0, 60);
      expect(firstLiveHour?.close).toBe(inside.at(-1)?.close);
      expect(firstLiveHour?.volume).toBe(inside.reduce((sum, m) => sum + m.volume, 0));
    }
    // Asking for an earlier end returns only what had closed by then.
    const earlier = live.history(1, '1m', T0 + 10 * MINUTE);
    expect(earlier.at(-1)?.time).toBe(candleOpenTime(T0, '1m') + 9 * MINUTE);
  });

  it('returns nothing for a nonsense end instead of throwing', () => {
    expect(exchange.history(1, '1m', Number.NaN)).toEqual([]);
    expect(exchange.history(1, '1h', 0)).toEqual([]);
  });
});
