import { describe, expect, it } from 'vitest';
import { groupLevels } from './group-levels';

describe('groupLevels', () => {
  it('keeps levels as they are at step 1 and adds cumulative sizes', () => {
    expect(
      groupLevels(
        [
          [105, 2],
          [104, 3],
        ],
        1,
        'bids',
      ),
    ).toEqual([
      { price: 105, size: 2, cumulative: 2 },
      { price: 104, size: 3, cumulative: 5 },
    ]);
  });

  it('rounds bids down and asks up to the step', () => {
    const bids = groupLevels(
      [
        [129, 1],
        [121, 2],
        [119, 4],
      ],
      10,
      'bids',
    );
    expect(bids).toEqual([
      { price: 120, size: 3, cumulative: 3 },
      { price: 110, size: 4, cumulative: 7 },
    ]);
    const asks = groupLevels(
      [
        [131, 1],
        [139, 2],
        [141, 4],
      ],
      10,
      'asks',
    );
    expect(asks.map((r) => [r.price, r.size])).toEqual([
      [140, 3],
      [150, 4],
    ]);
  });

  it('stops at the row limit', () => {
    expect(
      groupLevels(
        [
          [3, 1],
          [2, 1],
          [1, 1],
        ],
        1,
        'bids',
        2,
      ),
    ).toHaveLength(2);
  });
});
