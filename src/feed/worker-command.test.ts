import { describe, expect, it } from 'vitest';
import { isWorkerCommand } from './worker-command';

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
  });

  it('rejects malformed commands', () => {
    expect(isWorkerCommand(null)).toBe(false);
    expect(isWorkerCommand('start')).toBe(false);
    expect(isWorkerCommand({ type: 'start' })).toBe(false);
    expect(isWorkerCommand({ type: 'explode' })).toBe(false);
    expect(isWorkerCommand({ type: 'network' })).toBe(false);
    expect(isWorkerCommand({ type: 'network', online: 'no' })).toBe(false);
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
