import { describe, expect, it } from 'vitest';
import { isSkipWaitingMessage } from './sw-messages';

describe('isSkipWaitingMessage', () => {
  it("accepts workbox-window's skip-waiting message", () => {
    expect(isSkipWaitingMessage({ type: 'SKIP_WAITING' })).toBe(true);
  });

  it('rejects anything else', () => {
    for (const data of [null, undefined, 'SKIP_WAITING', 42, {}, { type: 'skip_waiting' }, []]) {
      expect(isSkipWaitingMessage(data)).toBe(false);
    }
  });
});
