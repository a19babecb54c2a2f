import { describe, expect, it } from 'vitest';
import { OrderTally } from './paper';

describe('OrderTally', () => {
  it('counts only 201 and 200 answers as accepted', () => {
    const tally = new OrderTally();
    expect(tally.answer(201, { order: {}, duplicate: false })).toBe(true);
    expect(tally.answer(200, { order: {}, duplicate: true })).toBe(true);
    expect(tally.answer(422, { error: { code: 'insufficient_buying_power', message: 'x' } })).toBe(
      false,
    );
    expect(tally.answer(503, null)).toBe(false);
    expect(tally.accepted).toBe(2);
    expect(tally.failedCount).toBe(2);
  });

  it('fails loudly with the counts when any order was rejected or got no answer', () => {
    const tally = new OrderTally();
    tally.answer(201, {});
    tally.answer(422, { error: { code: 'no_liquidity', message: 'x' } });
    tally.answer(422, { error: { code: 'no_liquidity', message: 'x' } });
    tally.fail('network: TypeError: fetch failed');
    expect(() => tally.assertAllAccepted('round trips')).toThrow(
      'round trips: 3 of 4 orders were not accepted (2 × 422 no_liquidity, ' +
        '1 × network: TypeError: fetch failed)',
    );
  });

  it('passes when every order was accepted', () => {
    const tally = new OrderTally();
    tally.answer(201, {});
    expect(() => tally.assertAllAccepted('round trips')).not.toThrow();
  });
});
