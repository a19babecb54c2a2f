/**
 * The pure simulated market: every instrument's book, stepped explicitly with a message budget.
 * No timers and no clock: the caller says what time it is, so tests replay exactly.
 */
import type { Instrument } from '../../../protocol/instruments';
import { type Candle, Side } from '../../../protocol/messages';
import type { HistoryInterval, SourceSink } from '../source';
import { ACTIVITY_FLOOR, SIM_CATALOG, type SimInstrument } from './catalog';
import { InstrumentHistory } from './instrument-history';
import { marketParams } from './market-params';
import { OrderBookSim, type SimEvents } from './order-book-sim';
import { mixSeed, Random } from './random';

export interface SimulatedExchangeOptions {
  /** Integer seed; the same seed and the same calls give the same market. */
  seed: number;
  /** Time (ms) the market starts at; history ends here. */
  now: number;
  /** Instruments to simulate; the full catalog by default. */
  catalog?: readonly SimInstrument[];
}

interface Market {
  id: number;
  book: OrderBookSim;
  history: InstrumentHistory;
}

export class SimulatedExchange {
  readonly instruments: readonly Instrument[];
  private readonly markets: Market[];
  private readonly byId = new Map<number, Market>();
  /** Cumulative activity weights, for picking which market acts next. */
  private readonly cumulative: Float64Array;
  private readonly rng: Random;
  private time: number;

  constructor(options: SimulatedExchangeOptions) {
    const { seed, now } = options;
    const catalog = options.catalog ?? SIM_CATALOG;
    if (catalog.length === 0) throw new RangeError('the simulated exchange needs instruments');
    this.rng = new Random(mixSeed(seed, 0));
    this.time = now;
    this.instruments = catalog.map((spec) => spec.instrument);
    this.markets = catalog.map((spec) => {
      const params = marketParams(spec);
      const id = spec.instrument.id;
      return {
        id,
        book: new OrderBookSim(params, new Random(mixSeed(seed, id * 2 + 1)), now),
        history: new InstrumentHistory(params, seed, now),
      };
    });
    for (const market of this.markets) this.byId.set(market.id, market);
    this.cumulative = new Float64Array(catalog.length);
    let total = 0;
    catalog.forEach((spec, index) => {
      total += spec.activity + ACTIVITY_FLOOR;
      this.cumulative[index] = total;
    });
  }

  /** Time (ms) the market has been simulated up to. */
  get simulatedUntil(): number {
    return this.time;
  }

  /** Emits every instrument's whole book as a snapshot. */
  snapshot(sink: SourceSink, time: number = this.time): void {
    for (const { id, book } of this.markets) {
      sink.book(id, book.bids.flat(), book.asks.flat(), time, true);
    }
  }

  /**
   * Simulates the market from the last step to `now`, emitting about `messageBudget` events
   * (book level changes plus trades; it may overshoot by one action's worth). Returns the count.
   */
  step(now: number, messageBudget: number, sink: SourceSink): number {
    const from = this.time;
    const to = Math.max(from, now);
    const budget = Math.max(0, Math.floor(messageBudget));
    let emitted = 0;
    // A cap on actions so a market that cannot act (nothing to cancel, say) never spins forever.
    for (let actions = 0; emitted < budget && actions < budget * 4 + 16; actions++) {
      // Spread the events over the interval so the tape and the fair value see time pass.
      const time = from + Math.floor(((to - from) * emitted) / budget);
      emitted += this.act(this.pick(), time, sink);
    }
    this.time = to;
    return emitted;
  }

  /** Closed candles before `end` for one instrument (see MarketSource.history). */
  history(inst: number, interval: HistoryInterval, end: number): Candle[] {
    return this.market(inst).history.candles(interval, end, this.time);
  }

  /** Current book of one instrument, best first (flat [price, size, ...] lists). */
  book(inst: number): { bids: number[]; asks: number[] } {
    const { book } = this.market(inst);
    return { bids: book.bids.flat(), asks: book.asks.flat() };
  }

  /** Current mid price of one instrument in price units (may sit half a tick off the grid). */
  mid(inst: number): number {
    return this.market(inst).book.mid();
  }

  private market(inst: number): Market {
    const market = this.byId.get(inst);
    if (!market) throw new RangeError(`unknown instrument id ${inst}`);
    return market;
  }

  private pick(): Market {
    const cumulative = this.cumulative;
    const target = this.rng.next() * (cumulative[cumulative.length - 1] ?? 0);
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cumulative[mid] ?? 0) <= target) low = mid + 1;
      else high = mid;
    }
    const market = this.markets[low];
    if (!market) throw new Error('the simulated exchange has no instruments');
    return market;
  }

  private act(market: Market, time: number, sink: SourceSink): number {
    const events: SimEvents = { bids: [], asks: [], trades: [] };
    market.book.act(time, events);
    const { trades, bids, asks } = events;
    for (let i = 0; i < trades.length; i += 3) {
      const price = trades[i] ?? 0;
      const size = trades[i + 1] ?? 0;
      const side: Side = trades[i + 2] === Side.buy ? Side.buy : Side.sell;
      sink.trade(market.id, price, size, side, time);
      market.history.trade(time, price, size);
    }
    if (bids.length > 0 || asks.length > 0) sink.book(market.id, bids, asks, time, false);
    return trades.length / 3 + (bids.length + asks.length) / 2;
  }
}
