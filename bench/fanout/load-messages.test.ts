import { describe, expect, it } from 'vitest';
import { parseLoadCommand, parseLoadEvent, type LoadReport } from './load-messages';

const report: LoadReport = {
  windowMs: 8000,
  delivery: {
    messages: 10,
    decodedMessages: 4,
    derivedMessages: 6,
    decodedClients: 1,
    bytes: 300,
    frames: 3,
    ratioSpread: 0,
    underivedBytes: 0,
    framesMismatch: 0,
  },
  latency: { count: 0, p50: NaN, p99: NaN, max: NaN },
  kinds: { '31': 4 },
  textFrames: 0,
  malformedFrames: 0,
  open: 2,
  closeCodes: { '1013': 1 },
  cpuSeconds: 1.5,
};

describe('parseLoadCommand', () => {
  it('accepts the commands the benchmark sends', () => {
    const connect = {
      type: 'connect',
      url: 'ws://127.0.0.1:5000/ws',
      json: false,
      oneMessagePerFrame: false,
      clients: 100,
      decodePerProfile: 2,
      symbols: ['BTC-USD'],
      concurrency: 50,
    };
    expect(parseLoadCommand(connect)).toEqual(connect);
    expect(parseLoadCommand({ type: 'mark' })).toEqual({ type: 'mark' });
    expect(parseLoadCommand({ type: 'stop', extra: 1 })).toEqual({ type: 'stop' });
  });

  it('rejects malformed commands', () => {
    expect(parseLoadCommand(null)).toBeNull();
    expect(parseLoadCommand({ type: 'explode' })).toBeNull();
    const good = {
      type: 'connect',
      url: 'ws://h/ws',
      json: true,
      oneMessagePerFrame: true,
      clients: 1,
      decodePerProfile: 1,
    };
    expect(parseLoadCommand({ ...good, symbols: [], concurrency: 1 })).toBeNull();
    expect(parseLoadCommand({ ...good, json: 'yes', symbols: ['A'], concurrency: 1 })).toBeNull();
    expect(parseLoadCommand({ ...good, symbols: [1], concurrency: 1 })).toBeNull();
    expect(parseLoadCommand({ ...good, symbols: ['A'], concurrency: 0 })).toBeNull();
    expect(parseLoadCommand({ ...good, url: 'http://h', symbols: ['A'], concurrency: 1 })).toBe(
      null,
    );
    expect(parseLoadCommand({ ...good, clients: -1, symbols: ['A'], concurrency: 1 })).toBe(null);
  });
});

describe('parseLoadEvent', () => {
  it('accepts a report (NaN latency when nothing was decoded) and the other events', () => {
    expect(parseLoadEvent({ type: 'report', report })).toEqual({ type: 'report', report });
    expect(parseLoadEvent({ type: 'marked' })).toEqual({ type: 'marked' });
    const connected = { type: 'connected', open: 3, failed: 0, firstError: null };
    expect(parseLoadEvent(connected)).toEqual(connected);
  });

  it('rejects malformed events', () => {
    expect(parseLoadEvent('report')).toBeNull();
    expect(parseLoadEvent({ type: 'report', report: { ...report, open: -1 } })).toBeNull();
    expect(parseLoadEvent({ type: 'report', report: { ...report, delivery: null } })).toBeNull();
    expect(parseLoadEvent({ type: 'report', report: { ...report, kinds: { '31': 1.5 } } })).toBe(
      null,
    );
    expect(parseLoadEvent({ type: 'report', report: { ...report, closeCodes: { x: 'y' } } })).toBe(
      null,
    );
    expect(parseLoadEvent({ type: 'connected', open: 1, failed: 0, firstError: 7 })).toBeNull();
  });
});
