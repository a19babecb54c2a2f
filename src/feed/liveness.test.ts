import { describe, expect, it } from 'vitest';
import { LONG_HIDDEN_MS, beatAction, wakeAction, type WakeFacts } from './liveness';

const beat = { now: 10_000, lastReceived: 9_500, probeAt: null, heartbeatMs: 1_000 };

describe('beatAction', () => {
  it('pings while data comes, gives up after three silent beats', () => {
    expect(beatAction(beat)).toBe('ping');
    expect(beatAction({ ...beat, lastReceived: 7_000 })).toBe('ping');
    expect(beatAction({ ...beat, lastReceived: 6_999 })).toBe('dead');
  });

  it('gives up a beat after an unanswered wake-up probe, not if anything answered it', () => {
    expect(beatAction({ ...beat, lastReceived: 8_500, probeAt: 9_000 })).toBe('probe-failed');
    expect(beatAction({ ...beat, lastReceived: 8_500, probeAt: 9_500 })).toBe('ping');
    expect(beatAction({ ...beat, lastReceived: 9_200, probeAt: 9_000 })).toBe('ping');
  });
});

describe('wakeAction', () => {
  const connected: WakeFacts = {
    now: 100_000,
    hiddenMs: 1_000,
    lastReceived: 99_900,
    heartbeatMs: 1_000,
    connected: true,
    hasSocket: true,
  };

  it('leaves a busy socket alone after a short absence, probes it after a long one', () => {
    expect(wakeAction(connected)).toBe('none');
    expect(wakeAction({ ...connected, hiddenMs: LONG_HIDDEN_MS })).toBe('probe');
  });

  it('probes a socket that is briefly silent and replaces one silent for three beats', () => {
    expect(wakeAction({ ...connected, lastReceived: 98_500 })).toBe('probe');
    expect(wakeAction({ ...connected, lastReceived: 96_999 })).toBe('reconnect');
  });

  it('without a connection, cuts the backoff short only after a long absence or a stuck attempt', () => {
    const waiting = { ...connected, connected: false, hasSocket: false, lastReceived: 0 };
    expect(wakeAction(waiting)).toBe('none');
    expect(wakeAction({ ...waiting, hiddenMs: LONG_HIDDEN_MS })).toBe('retry');
    expect(wakeAction({ ...waiting, hasSocket: true })).toBe('retry');
    expect(wakeAction({ ...waiting, hasSocket: true, lastReceived: 99_000 })).toBe('none');
  });
});
