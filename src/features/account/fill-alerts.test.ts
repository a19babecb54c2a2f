import { describe, expect, it } from 'vitest';
import type { FillView } from '../../../protocol/paper';
import { BTC_USD } from '../../../protocol/test-fixtures';
import { fillText, groupFills, takeNewFills } from './fill-alerts';

const fill = (id: string, orderId: string, price: number, quantity: number): FillView => ({
  id,
  orderId,
  inst: BTC_USD.id,
  symbol: 'BTC-USD',
  side: 'buy',
  price,
  quantity,
  fee: '0',
  liquidity: 'taker',
  time: Number(id.slice(2)),
});

describe('fill alerts', () => {
  it('announce each fill once, one message per order with its average price', () => {
    const seen = new Set(['f_1']);
    const fresh = takeNewFills(seen, [
      fill('f_3', 'o_2', 10_001, 3_000),
      fill('f_2', 'o_2', 10_000, 2_000),
      fill('f_1', 'o_1', 9_000, 1),
    ]);
    expect(fresh.map((f) => f.id)).toEqual(['f_2', 'f_3']);
    expect(takeNewFills(seen, [fill('f_3', 'o_2', 10_001, 3_000)])).toEqual([]);
    const [group] = groupFills(fresh);
    // (100.00 × 0.2 + 100.01 × 0.3) / 0.5 = 100.006 → 100.01
    expect(fillText(group!, BTC_USD)).toBe('Bought 0.5000 BTC-USD at an average 100.01 (2 fills)');
    expect(fillText(groupFills([fill('f_9', 'o_9', 10_000, 1)])[0]!, BTC_USD)).toBe(
      'Bought 0.0001 BTC-USD at 100.00',
    );
  });
});
