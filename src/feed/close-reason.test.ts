import { describe, expect, it } from 'vitest';
import { CloseCode, describeClose } from './close-reason';

describe('describeClose', () => {
  it("says the gateway is shutting down on 1001, in the gateway's own words when it gave any", () => {
    expect(describeClose(CloseCode.goingAway, 'gateway shutting down')).toBe(
      'gateway shutting down',
    );
    expect(describeClose(CloseCode.goingAway, '')).toBe('gateway shutting down');
    expect(describeClose(CloseCode.serviceRestart, '')).toBe('gateway restarting');
  });

  it('explains refusals and slow-client closes', () => {
    expect(describeClose(CloseCode.tryAgainLater, 'too slow')).toBe(
      'gateway asked to retry later (too slow)',
    );
    expect(describeClose(CloseCode.policy, 'origin not allowed')).toBe(
      'refused by the gateway (origin not allowed)',
    );
    expect(describeClose(CloseCode.tooBig, '')).toBe('message too big for the gateway');
    expect(describeClose(4000, '')).toBe('closed by the gateway (code 4000)');
  });

  it('has nothing to add for a dropped connection or an event without a code', () => {
    expect(describeClose(CloseCode.abnormal, '')).toBeNull();
    expect(describeClose(undefined, undefined)).toBeNull();
    expect(describeClose('1001', 'x')).toBeNull();
    expect(describeClose(1001.5, 'x')).toBeNull();
  });

  it('keeps a hostile reason to one short printable line', () => {
    const text = describeClose(CloseCode.goingAway, `a\u0000b\nc${'x'.repeat(500)}`)!;
    expect([...text].every((c) => c.charCodeAt(0) >= 0x20)).toBe(true);
    expect(text.length).toBeLessThanOrEqual(80);
    expect(text.startsWith('a b c')).toBe(true);
    expect(describeClose(CloseCode.goingAway, 42)).toBe('gateway shutting down');
  });
});
