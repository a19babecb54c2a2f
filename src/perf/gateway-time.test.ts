import { describe, expect, it } from 'vitest';
import { testTicker } from '../../protocol/test-fixtures';
import { Side } from '../../protocol/messages';
import { newestGatewayTime } from './gateway-time';

const trade = (id: number, time: number) => ({ id, price: 1, size: 1, side: Side.buy, time });

describe('newestGatewayTime', () => {
  it('takes the newest of the tickers and the appended trades', () => {
    expect(
      newestGatewayTime({
        tickers: [testTicker({ inst: 1, time: 500 }), testTicker({ inst: 2, time: 900 })],
        trades: [{ inst: 1, reset: false, trades: [trade(1, 700), trade(2, 950)] }],
      }),
    ).toBe(950);
  });

  it('ignores trade snapshots (history) and messages without gateway time', () => {
    expect(
      newestGatewayTime({
        trades: [{ inst: 1, reset: true, trades: [trade(1, 10_000)] }],
        books: [{ inst: 1, reset: false, seq: 2, time: 20_000, bids: [], asks: [] }],
      }),
    ).toBeNull();
    expect(newestGatewayTime({})).toBeNull();
  });
});
