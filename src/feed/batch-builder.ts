/**
 * Conflation: many feed messages in, one batch out per frame. The newest value of every piece of
 * state always survives; trades are appended, never conflated; book deltas are merged so that
 * applying the batch gives exactly the book the individual messages would have given.
 */
import type { AccountMessage } from '../../protocol/account-messages';
import { ServerKind, type Ticker, type Trade } from '../../protocol/messages';
import { applyDeltaToFlat, mergeDeltas } from '../lib/order-book';
import {
  TAPE_LENGTH,
  type BookPatch,
  type CandleUpdate,
  type ConnectionInfo,
  type FeedBatch,
  type TradesPatch,
} from './feed-types';

export class BatchBuilder {
  private tickers = new Map<number, Ticker>();
  private books = new Map<number, BookPatch>();
  private tapes = new Map<number, TradesPatch>();
  private candles = new Map<string, CandleUpdate>();
  private connectionInfo: ConnectionInfo | undefined;
  private accountMessages: AccountMessage[] = [];

  constructor(private readonly tapeLength = TAPE_LENGTH) {}

  /** Keeps the newest ticker of its instrument. */
  ticker(t: Ticker): void {
    this.tickers.set(t.inst, t);
  }

  /** Replaces everything pending for the instrument's book with a full book. */
  bookSnapshot(inst: number, seq: number, bids: number[], asks: number[], time: number): void {
    this.books.set(inst, { inst, reset: true, seq, time, bids, asks });
  }

  /** Folds a delta into whatever is pending for the instrument's book. */
  bookDelta(inst: number, seq: number, bids: number[], asks: number[], time: number): void {
    const pending = this.books.get(inst);
    if (!pending) {
      this.books.set(inst, { inst, reset: false, seq, time, bids, asks });
      return;
    }
    const merge = pending.reset ? applyDeltaToFlat : mergeDeltas;
    this.books.set(inst, {
      inst,
      reset: pending.reset,
      seq,
      time,
      bids: merge(pending.bids, bids),
      asks: merge(pending.asks, asks),
    });
  }

  /** Replaces the instrument's tape (oldest first). */
  tradesSnapshot(inst: number, trades: Trade[]): void {
    this.tapes.set(inst, { inst, reset: true, trades: trades.slice(-this.tapeLength) });
  }

  /** Appends one trade to the instrument's tape. */
  trade(inst: number, trade: Trade): void {
    const pending = this.tapes.get(inst);
    if (!pending) {
      this.tapes.set(inst, { inst, reset: false, trades: [trade] });
      return;
    }
    pending.trades.push(trade);
    // Older trades would fall off the tape anyway; dropping them here bounds memory.
    if (pending.trades.length > this.tapeLength) pending.trades.shift();
  }

  /** Keeps the newest state of a forming candle. */
  candle(c: CandleUpdate): void {
    this.candles.set(`${c.inst}|${c.interval}`, c);
  }

  /** Keeps the newest connection state. */
  connection(info: ConnectionInfo): void {
    this.connectionInfo = info;
  }

  /**
   * Queues a paper-account message. Updates are never conflated (each carries orders and fills
   * that happened); a snapshot makes everything before it moot; a mark only matters as the newest.
   */
  account(message: AccountMessage): void {
    if (message.kind === ServerKind.accountSnapshot) {
      this.accountMessages = [message];
      return;
    }
    const last = this.accountMessages.at(-1);
    if (message.kind === ServerKind.accountMark && last?.kind === ServerKind.accountMark) {
      this.accountMessages[this.accountMessages.length - 1] = message;
      return;
    }
    this.accountMessages.push(message);
  }

  /** Folds a whole batch in, as if its messages had arrived here. */
  add(batch: FeedBatch): void {
    for (const t of batch.tickers ?? []) this.ticker(t);
    for (const b of batch.books ?? []) {
      if (b.reset) this.bookSnapshot(b.inst, b.seq, b.bids, b.asks, b.time);
      else this.bookDelta(b.inst, b.seq, b.bids, b.asks, b.time);
    }
    for (const tape of batch.trades ?? []) {
      if (tape.reset) this.tradesSnapshot(tape.inst, tape.trades);
      else for (const t of tape.trades) this.trade(tape.inst, t);
    }
    for (const c of batch.candles ?? []) this.candle(c);
    if (batch.connection) this.connection(batch.connection);
    for (const message of batch.account ?? []) this.account(message);
  }

  /** True when nothing changed since the last take(). */
  isEmpty(): boolean {
    return (
      this.tickers.size === 0 &&
      this.books.size === 0 &&
      this.tapes.size === 0 &&
      this.candles.size === 0 &&
      this.connectionInfo === undefined &&
      this.accountMessages.length === 0
    );
  }

  /** Returns the pending batch (or null when nothing changed) and starts a new one. */
  take(): FeedBatch | null {
    if (this.isEmpty()) return null;
    const batch: FeedBatch = {};
    if (this.tickers.size > 0) batch.tickers = [...this.tickers.values()];
    if (this.books.size > 0) batch.books = [...this.books.values()];
    if (this.tapes.size > 0) batch.trades = [...this.tapes.values()];
    if (this.candles.size > 0) batch.candles = [...this.candles.values()];
    if (this.connectionInfo) batch.connection = this.connectionInfo;
    if (this.accountMessages.length > 0) batch.account = this.accountMessages;
    this.accountMessages = [];
    this.tickers = new Map();
    this.books = new Map();
    this.tapes = new Map();
    this.candles = new Map();
    this.connectionInfo = undefined;
    return batch;
  }
}
