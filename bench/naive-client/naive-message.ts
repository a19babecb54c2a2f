/**
 * BENCHMARK BASELINE ONLY. How a typical client turns one feed message into a store update: each
 * message becomes its own one-message batch, applied at once (no conflation, no frame pacing).
 */
import { intervalFromCode } from '../../protocol/intervals';
import { ServerKind, type ServerMessage } from '../../protocol/messages';
import type { FeedBatch } from '../../src/feed/feed-types';

/** The one-message batch for `message` (null for control messages), stamped with `now`. */
export function messageBatch(message: ServerMessage, now: number): FeedBatch | null {
  switch (message.kind) {
    case ServerKind.tickerSnapshot:
      return { tickers: message.tickers };
    case ServerKind.ticker: {
      const { inst, seq, time, last, bid, ask, open24, high24, low24, volume24 } = message;
      return { tickers: [{ inst, seq, time, last, bid, ask, open24, high24, low24, volume24 }] };
    }
    case ServerKind.bookSnapshot:
    case ServerKind.bookDelta:
      return {
        books: [
          {
            inst: message.inst,
            reset: message.kind === ServerKind.bookSnapshot,
            seq: message.seq,
            time: now,
            bids: message.bids,
            asks: message.asks,
          },
        ],
      };
    case ServerKind.tradesSnapshot:
      return { trades: [{ inst: message.inst, reset: true, trades: message.trades }] };
    case ServerKind.trade: {
      const { inst, seq, price, size, side, time } = message;
      return { trades: [{ inst, reset: false, trades: [{ id: seq, price, size, side, time }] }] };
    }
    case ServerKind.candle: {
      const interval = intervalFromCode(message.interval);
      if (!interval) return null;
      const { inst, time, open, high, low, close, volume } = message;
      return { candles: [{ inst, interval, time, open, high, low, close, volume }] };
    }
    default:
      return null;
  }
}
