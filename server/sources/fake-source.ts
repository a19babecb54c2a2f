/**
 * A scripted market source for tests: nothing happens until a test calls book(), trade() or
 * status(), and history is a deterministic staircase ending just before the requested time.
 */
import { INTERVALS } from '../../protocol/intervals';
import type { Instrument } from '../../protocol/instruments';
import type { Candle, FlatLevels, Side } from '../../protocol/messages';
import type { HistoryInterval, MarketSource, SourceSink, VenueDayStats } from './source';
import { BTC_USD } from '../../protocol/test-fixtures';

export const FAKE_INSTRUMENTS: readonly Instrument[] = [
  BTC_USD,
  {
    id: 2,
    symbol: 'ETH-USD',
    name: 'Ether',
    assetClass: 'crypto',
    base: 'ETH',
    quote: 'USD',
    priceScale: 2,
    tick: 1,
    sizeScale: 4,
    lot: 1,
  },
  {
    id: 3,
    symbol: 'AAPL',
    name: 'Apple Inc.',
    assetClass: 'equity',
    base: 'AAPL',
    quote: 'USD',
    priceScale: 2,
    tick: 1,
    sizeScale: 0,
    lot: 1,
  },
];

export type HistoryFn = (inst: number, interval: HistoryInterval, end: number) => Candle[];

export interface FakeSource extends MarketSource {
  readonly started: boolean;
  readonly stopped: boolean;
  readonly historyCalls: Array<{ inst: number; interval: HistoryInterval; end: number }>;
  /** Emits a book change (the source must be started). */
  emitBook(
    inst: number,
    bids: FlatLevels,
    asks: FlatLevels,
    time: number,
    snapshot?: boolean,
  ): void;
  emitTrade(inst: number, price: number, size: number, side: Side, time: number): void;
  emitStatus(inst: number, live: boolean): void;
  /** Emits exchange-reported 24h statistics, as a real exchange's ticker would. */
  emitDayStats(inst: number, stats: VenueDayStats, time: number): void;
}

/** `count` candles of `interval` ending at `end`, prices stepping around `base`. */
export function staircaseHistory(base: number, count: number): HistoryFn {
  return (_inst, interval, end) => {
    const ms = INTERVALS[interval].ms;
    const first = Math.floor(end / ms) * ms - count * ms;
    return Array.from({ length: count }, (_, i) => {
      const open = base + (i % 10) * 10;
      return {
        time: first + i * ms,
        open,
        high: open + 15,
        low: open - 5,
        close: open + 10,
        volume: 10,
      };
    });
  };
}

/** Creates a scripted source. */
export function createFakeSource(
  options: { instruments?: readonly Instrument[]; history?: HistoryFn } = {},
): FakeSource {
  const instruments = options.instruments ?? FAKE_INSTRUMENTS;
  const history = options.history ?? staircaseHistory(100_000, 1500);
  let sink: SourceSink | null = null;
  let stopped = false;
  const historyCalls: FakeSource['historyCalls'] = [];
  const live = (): SourceSink => {
    if (!sink || stopped) throw new Error('fake source is not running');
    return sink;
  };
  return {
    name: 'fake',
    instruments: () => instruments,
    history(inst, interval, end) {
      historyCalls.push({ inst, interval, end });
      return history(inst, interval, end);
    },
    start(s) {
      sink = s;
    },
    async stop() {
      stopped = true;
    },
    get started() {
      return sink !== null;
    },
    get stopped() {
      return stopped;
    },
    historyCalls,
    emitBook: (inst, bids, asks, time, snapshot = false) =>
      live().book(inst, bids, asks, time, snapshot),
    emitTrade: (inst, price, size, side, time) => live().trade(inst, price, size, side, time),
    emitStatus: (inst, isLive) => live().status(inst, isLive),
    emitDayStats: (inst, stats, time) => live().dayStats?.(inst, stats, time),
  };
}
