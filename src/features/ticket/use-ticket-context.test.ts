import { describe, expect, it } from 'vitest';
import { TEST_ACCOUNT } from '../../../protocol/test-fixtures';
import { DEFAULT_FEES } from './ticket-preview';
import { feeRatesOf } from './use-ticket-context';

describe('feeRatesOf', () => {
  it("takes the account's maker and taker rates as given by the gateway", () => {
    expect(feeRatesOf({ ...TEST_ACCOUNT, makerFeeBps: 0, takerFeeBps: 12 })).toEqual({
      makerBps: 0,
      takerBps: 12,
      assumed: false,
    });
  });

  it('assumes the engine defaults only while no account has loaded', () => {
    expect(feeRatesOf(undefined)).toEqual(DEFAULT_FEES);
    expect(DEFAULT_FEES.assumed).toBe(true);
  });
});
