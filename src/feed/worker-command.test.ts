import { describe, expect, it } from 'vitest';
import { isWorkerCommand, isWorkerEvent } from './worker-command';

describe('isWorkerCommand', () => {
  it('accepts the commands the client sends', () => {
    expect(isWorkerCommand({ type: 'start', url: 'ws://x/ws' })).toBe(true);
    expect(
      isWorkerCommand({
        type: 'subscribe',
        spec: { channel: 'candles', symbol: 'BTC-USD', depth: null, interval: '5m' },
      }),
    ).toBe(true);
    expect(isWorkerCommand({ type: 'instruments', instruments: [{ id: 1, symbol: 'A' }] })).toBe(
      true,
    );
    expect(isWorkerCommand({ type: 'network', online: false })).toBe(true);
    expect(isWorkerCommand({ type: 'wake', hiddenMs: 45_000 })).toBe(true);
    expect(isWorkerCommand({ type: 'alive' })).toBe(true);
    expect(isWorkerCommand({ type: 'bye' })).toBe(true);
    expect(isWorkerCommand({ type: 'perf', on: true })).toBe(true);
  });

  it('rejects malformed commands', () => {
    expect(isWorkerCommand(null)).toBe(false);
    expect(isWorkerCommand('start')).toBe(false);
    expect(isWorkerCommand({ type: 'start' })).toBe(false);
    expect(isWorkerCommand({ type: 'explode' })).toBe(false);
    expect(isWorkerCommand({ type: 'network' })).toBe(false);
    expect(isWorkerCommand({ type: 'network', online: 'no' })).toBe(false);
    expect(isWorkerCommand({ type: 'wake' })).toBe(false);
    expect(isWorkerCommand({ type: 'wake', hiddenMs: -1 })).toBe(false);
    expect(isWorkerCommand({ type: 'wake', hiddenMs: Number.NaN })).toBe(false);
    expect(isWorkerCommand({ type: 'wake', hiddenMs: '45000' })).toBe(false);
    expect(isWorkerCommand({ type: 'perf' })).toBe(false);
    expect(isWorkerCommand({ type: 'perf', on: 1 })).toBe(false);
    expect(
      isWorkerCommand({
        type: 'subscribe',
        spec: { channel: 'orders', symbol: 'BTC-USD', depth: null, interval: null },
      }),
    ).toBe(false);
    expect(
      isWorkerCommand({
        type: 'subscribe',
        spec: { channel: 'candles', symbol: 'BTC-USD', depth: null, interval: '2m' },
      }),
    ).toBe(false);
    expect(isWorkerCommand({ type: 'instruments', instruments: [{ id: 'x', symbol: 1 }] })).toBe(
      false,
    );
  });
});

describe('isWorkerEvent', () => {
  it('accepts batches, probes and rejoin requests, and nothing else', () => {
    expect(isWorkerEvent({ type: 'batch', batch: {} })).toBe(true);
    expect(isWorkerEvent({ type: 'probe' })).toBe(true);
    expect(isWorkerEvent({ type: 'rejoin' })).toBe(true);
    expect(isWorkerEvent({ tickers: [] })).toBe(false);
    expect(isWorkerEvent({ type: 'batch', batch: null })).toBe(false);
    expect(isWorkerEvent({ type: 'batch' })).toBe(false);
    expect(isWorkerEvent(undefined)).toBe(false);
  });
});

describe('isWorkerEvent stats', () => {
  const stats = {
    at: 1,
    messages: 2,
    frames: 1,
    handleMs: 0.5,
    invalid: 0,
    clockOffsetMs: null,
    rttMs: null,
  };
  it('accepts a batch with well-formed counters', () => {
    expect(isWorkerEvent({ type: 'batch', batch: {}, stats })).toBe(true);
  });
  it('rejects malformed counters', () => {
    expect(isWorkerEvent({ type: 'batch', batch: {}, stats: { ...stats, messages: -1 } })).toBe(
      false,
    );
    expect(isWorkerEvent({ type: 'batch', batch: {}, stats: { ...stats, rttMs: 'x' } })).toBe(
      false,
    );
    expect(isWorkerEvent({ type: 'batch', batch: {}, stats: null })).toBe(false);
  });
});
