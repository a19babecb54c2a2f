import { describe, expect, it } from 'vitest';
import { bookDelta, hello, Side, tradeMessage } from '../../protocol/messages';
import { messageBatch } from './naive-message';

describe('messageBatch (naive baseline)', () => {
  it('turns each market message into its own one-message batch', () => {
    expect(
      messageBatch(tradeMessage(1, { id: 7, price: 100, size: 2, side: Side.buy, time: 5 }), 0),
    ).toEqual({
      trades: [
        {
          inst: 1,
          reset: false,
          trades: [{ id: 7, price: 100, size: 2, side: Side.buy, time: 5 }],
        },
      ],
    });
    expect(messageBatch(bookDelta(1, 3, [10, 1], []), 42)).toEqual({
      books: [{ inst: 1, reset: false, seq: 3, time: 42, bids: [10, 1], asks: [] }],
    });
  });

  it('gives nothing for control messages', () => {
    expect(messageBatch(hello(1, 'v', 1_000), 0)).toBeNull();
  });
});
