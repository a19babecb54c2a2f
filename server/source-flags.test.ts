import { describe, expect, it } from 'vitest';
import { FlagError } from './flag-error';
import { parseSourceFlags } from './source-flags';

describe('parseSourceFlags', () => {
  it('runs the simulator by default', () => {
    expect(parseSourceFlags({})).toEqual({ sources: [{ kind: 'sim' }] });
  });

  it('takes one exchange with its own symbols, or its defaults', () => {
    expect(parseSourceFlags({ source: 'binance', symbols: 'BTCUSDT, SOLUSDT' })).toEqual({
      sources: [{ kind: 'exchange', exchange: 'binance', symbols: ['BTCUSDT', 'SOLUSDT'] }],
    });
    expect(parseSourceFlags({ source: 'kraken' }).sources).toEqual([
      { kind: 'exchange', exchange: 'kraken', symbols: ['BTC/USD', 'ETH/USD'] },
    ]);
  });

  it('splits exchange:SYMBOL lists between several exchanges', () => {
    const flags = parseSourceFlags({
      source: 'binance,kraken',
      symbols: 'binance:BTCUSDT,kraken:BTC/USD,KRAKEN:ETH/USD',
    });
    expect(flags.sources).toEqual([
      { kind: 'exchange', exchange: 'binance', symbols: ['BTCUSDT'] },
      { kind: 'exchange', exchange: 'kraken', symbols: ['BTC/USD', 'ETH/USD'] },
    ]);
  });

  it('replays a file at a speed, or as fast as possible, and records to a file', () => {
    expect(parseSourceFlags({ source: 'replay:/tmp/s.qdrec', speed: '4' })).toEqual({
      sources: [{ kind: 'replay', file: '/tmp/s.qdrec', speed: 4 }],
    });
    expect(parseSourceFlags({ source: 'replay:s.qdrec', speed: 'max' }).sources).toEqual([
      { kind: 'replay', file: 's.qdrec', speed: null },
    ]);
    expect(parseSourceFlags({ record: 'out.qdrec' }).record).toBe('out.qdrec');
  });

  it('points one exchange at other endpoints', () => {
    const flags = parseSourceFlags({
      source: 'coinbase',
      'rest-url': 'http://127.0.0.1:9/',
      'ws-url': 'ws://127.0.0.1:9/ws',
    });
    expect([flags.restUrl, flags.wsUrl]).toEqual(['http://127.0.0.1:9/', 'ws://127.0.0.1:9/ws']);
  });

  it.each([
    [{ source: 'bitstamp' }, 'allowed: sim, binance, coinbase, kraken, replay:FILE'],
    [{ source: 'sim,binance' }, '"sim" is not supported (it runs alone)'],
    [{ source: 'binance,binance' }, 'lists binance twice'],
    [{ source: 'replay:' }, 'needs a file name'],
    [{ source: 'binance', symbols: 'BTCUSDT,,ETHUSDT' }, 'empty entry'],
    [{ symbols: 'BTCUSDT' }, '--symbols applies only to exchange sources'],
    [{ source: 'binance,kraken', symbols: 'BTCUSDT' }, 'write exchange:SYMBOL'],
    [{ source: 'binance,kraken', symbols: 'coinbase:BTC-USD' }, 'write exchange:SYMBOL'],
    [{ speed: '2' }, '--speed applies only to --source replay:FILE'],
    [{ source: 'replay:x', speed: '0' }, '--speed must be a number above 0'],
    [{ source: 'replay:x', speed: 'fast' }, '--speed must be a number above 0'],
    [{ record: ' ' }, '--record must name a file'],
    [{ 'rest-url': 'http://x' }, '--rest-url needs exactly one exchange source'],
    [{ source: 'binance', 'ws-url': 'http://x' }, '--ws-url must be a ws: or wss: URL'],
    [{ source: 'binance', 'rest-url': 'not a url' }, '--rest-url must be a http: or https: URL'],
  ])('%j fails with a FlagError mentioning %s', (values, text) => {
    expect(() => parseSourceFlags(values)).toThrow(FlagError);
    expect(() => parseSourceFlags(values)).toThrow(text);
  });
});
