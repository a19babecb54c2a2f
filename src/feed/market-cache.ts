/**
 * The latest state of every stream the shared worker is subscribed to, folded from the same
 * batches it hands out, so a page that claims a stream another page already has gets that state at
 * once (as reset patches) and the following batches apply on top of it. Asking the gateway for a
 * fresh snapshot instead would cost a round trip, make every other page take a reset too, and
 * leave the new page empty while offline; the cached state is exactly what the other pages show.
 */
import type { Ticker, Trade } from '../../protocol/messages';
import { applyDeltaToFlat } from '../lib/order-book';
import type { BatchBuilder } from './batch-builder';
import {
  TAPE_LENGTH,
  staleStreamKey,
  type CandleUpdate,
  type FeedBatch,
  type StreamSpec,
} from './feed-types';

interface CachedBook {
  seq: number;
  time: number;
  bids: number[];
  asks: number[];
}

export class MarketCache {
  private readonly tickers = new Map<number, Ticker>();
  /** Only books that started from a snapshot: a delta alone is not a book. */
  private readonly books = new Map<number, CachedBook>();
  /** Only tapes that started from a snapshot, oldest first. */
  private readonly tapes = new Map<number, Trade[]>();
  private readonly candles = new Map<string, CandleUpdate>();

  constructor(private readonly tapeLength = TAPE_LENGTH) {}

  /** Folds one batch in, exactly as a page applying it would. */
  fold(batch: FeedBatch): void {
    for (const t of batch.tickers ?? []) this.tickers.set(t.inst, t);
    for (const patch of batch.books ?? []) {
      const { inst, seq, time, bids, asks } = patch;
      const current = this.books.get(inst);
      if (patch.reset) this.books.set(inst, { seq, time, bids, asks });
      else if (current) {
        this.books.set(inst, {
          seq,
          time,
          bids: applyDeltaToFlat(current.bids, bids),
          asks: applyDeltaToFlat(current.asks, asks),
        });
      }
    }
    for (const patch of batch.trades ?? []) {
      const current = this.tapes.get(patch.inst);
      if (!patch.reset && !current) continue;
      const tape = [...(patch.reset ? [] : (current ?? [])), ...patch.trades];
      this.tapes.set(patch.inst, tape.slice(-this.tapeLength));
    }
    for (const c of batch.candles ?? []) this.candles.set(`${c.inst}|${c.interval}`, c);
    // A lost connection means every stream starts again from the gateway's snapshots.
    const state = batch.connection?.state;
    if (state === 'offline' || state === 'connecting') this.clear();
  }

  /**
   * Writes what a page newly claiming `spec` needs into its builder. `inst` is the instrument of
   * the spec (null for tickers or when unknown); `stale` holds staleStreamKey()s of streams that
   * are not in place, which are left to the next snapshot.
   */
  catchUp(
    spec: StreamSpec,
    inst: number | null,
    stale: ReadonlySet<string>,
    into: BatchBuilder,
  ): void {
    if (spec.channel === 'tickers') {
      for (const t of this.tickers.values()) into.ticker(t);
      return;
    }
    if (inst === null || stale.has(staleStreamKey(spec.channel, inst))) return;
    if (spec.channel === 'book') {
      const book = this.books.get(inst);
      if (book) into.bookSnapshot(inst, book.seq, book.bids, book.asks, book.time);
    } else if (spec.channel === 'trades') {
      const tape = this.tapes.get(inst);
      if (tape) into.tradesSnapshot(inst, tape);
    } else if (spec.channel === 'candles' && spec.interval !== null) {
      const candle = this.candles.get(`${inst}|${spec.interval}`);
      if (candle) into.candle(candle);
    }
  }

  /** Drops the state of a stream nobody claims any more (a later claim starts from a snapshot). */
  forget(spec: StreamSpec, inst: number | null): void {
    if (spec.channel === 'tickers') this.tickers.clear();
    if (inst === null) return;
    if (spec.channel === 'book') this.books.delete(inst);
    if (spec.channel === 'trades') this.tapes.delete(inst);
    if (spec.channel === 'candles') this.candles.delete(`${inst}|${spec.interval ?? ''}`);
  }

  /** Forgets everything. */
  clear(): void {
    this.tickers.clear();
    this.books.clear();
    this.tapes.clear();
    this.candles.clear();
  }
}
