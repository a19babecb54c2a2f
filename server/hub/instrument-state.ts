/** Everything the hub keeps about one instrument: book, tape, candles, ticker and its streams. */
import type { Instrument } from '../../protocol/instruments';
import type { Interval } from '../../protocol/intervals';
import type { MarketSource, VenueDayStats } from '../sources/source';
import { BookStream } from './book-stream';
import { CandleSet } from './candle-set';
import { CandleStream } from './candle-stream';
import { OrderBook } from './order-book';
import { TickerState, type TickerInputs } from './ticker-state';
import { TradeTape } from './trade-tape';
import { TradesStream } from './trades-stream';

export class InstrumentState {
  readonly book = new OrderBook();
  readonly tape: TradeTape;
  readonly candles: CandleSet;
  readonly ticker: TickerState;
  readonly tradesStream: TradesStream;
  readonly bookStreams = new Map<number, BookStream>();
  readonly candleStreams = new Map<Interval, CandleStream>();
  live = true;
  /** Time of the newest event. */
  lastTime = 0;
  /** The exchange's latest 24h statistics; null for sources without them (the simulator). */
  venueStats: VenueDayStats | null = null;

  constructor(
    readonly instrument: Instrument,
    source: MarketSource,
    tapeCapacity?: number,
  ) {
    this.tape = new TradeTape(tapeCapacity);
    this.candles = new CandleSet(source, instrument.id);
    this.ticker = new TickerState(instrument.id);
    this.tradesStream = new TradesStream(instrument.id, this.tape);
  }

  get id(): number {
    return this.instrument.id;
  }

  /** The book stream of a depth tier, created on first use and brought up to date. */
  bookStream(tier: number): BookStream {
    let stream = this.bookStreams.get(tier);
    if (!stream) {
      stream = new BookStream(this.id, tier);
      this.bookStreams.set(tier, stream);
    }
    if (!stream.active) stream.refresh(this.book);
    return stream;
  }

  /** The candle stream of an interval, created on first use. */
  candleStream(interval: Interval): CandleStream {
    let stream = this.candleStreams.get(interval);
    if (!stream) {
      stream = new CandleStream(this.id, interval, this.candles.series[interval]);
      this.candleStreams.set(interval, stream);
    }
    return stream;
  }

  tickerInputs(): TickerInputs {
    return {
      time: this.lastTime,
      last: this.tape.last()?.price ?? 0,
      bid: this.book.bids.best(),
      ask: this.book.asks.best(),
      minutes: this.candles.series['1m'],
      venue: this.venueStats,
    };
  }
}
