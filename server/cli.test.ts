import { describe, expect, it } from 'vitest';
import { FlagError, USAGE, parseFlags } from './cli';

describe('parseFlags', () => {
  it('has sensible defaults', () => {
    expect(parseFlags([])).toEqual({
      port: 4173,
      host: '127.0.0.1',
      seed: 1,
      rate: 400,
      sources: [{ kind: 'sim' }],
      staticDir: undefined,
      fanout: 'shared',
      dataDir: './data',
      startingCash: 100_000n * 10n ** 16n,
      makerFeeBps: 2,
      takerFeeBps: 5,
      token: undefined,
      allowedOrigins: [],
      logLevel: 'warn',
      rateLimit: 1200,
      orderRateLimit: 300,
      maxConnectionsPerIp: 64,
      help: false,
    });
  });

  it('reads every flag, in both --flag value and --flag=value forms', () => {
    expect(
      parseFlags([
        '--port=0',
        '--host',
        '0.0.0.0',
        '--seed=-7',
        '--rate',
        '12.5',
        '--source',
        'sim',
        '--static-dir',
        '/tmp/app',
        '--fanout',
        'naive',
        '--data-dir',
        '/tmp/qd',
        '--starting-cash=2500.125',
        '--maker-fee-bps',
        '0',
        '--taker-fee-bps=10',
        '--token',
        'abcdefghijklmnop-._~',
        '--allowed-origin',
        'https://Desk.Example:443',
        '--allowed-origin=http://10.0.0.5:8080/',
        '--log-level',
        'info',
        '--rate-limit=0',
        '--order-rate-limit',
        '30',
        '--help',
      ]),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      seed: -7,
      rate: 12.5,
      sources: [{ kind: 'sim' }],
      staticDir: '/tmp/app',
      fanout: 'naive',
      dataDir: '/tmp/qd',
      startingCash: 2_500_125n * 10n ** 13n,
      makerFeeBps: 0,
      takerFeeBps: 10,
      token: 'abcdefghijklmnop-._~',
      allowedOrigins: ['https://desk.example', 'http://10.0.0.5:8080'],
      logLevel: 'info',
      rateLimit: 0,
      orderRateLimit: 30,
      maxConnectionsPerIp: 64,
      help: true,
    });
  });

  it('takes the token from QUOTEDECK_TOKEN unless --token is given; an empty variable is unset', () => {
    const env = { QUOTEDECK_TOKEN: 'from-the-environment-1' };
    expect(parseFlags([], env).token).toBe('from-the-environment-1');
    expect(parseFlags(['--token', 'from-the-command-line'], env).token).toBe(
      'from-the-command-line',
    );
    expect(parseFlags([], { QUOTEDECK_TOKEN: '' }).token).toBeUndefined();
    expect(() => parseFlags([], { QUOTEDECK_TOKEN: 'short' })).toThrow(
      'QUOTEDECK_TOKEN: a token must be 16 to 256',
    );
  });

  it('turns the per-address feed limit off with 0 (load tests)', () => {
    expect(parseFlags(['--max-connections-per-ip', '0']).maxConnectionsPerIp).toBe(0);
  });

  it('serves no app with --no-static', () => {
    expect(parseFlags(['--no-static']).staticDir).toBeNull();
  });

  it.each([
    [['--bogus'], 'bogus'],
    [['--port', 'abc'], '--port must be a number'],
    [['--port', '65536'], '--port must be from 0 to 65535'],
    [['--port=-1'], '--port must be from 0 to 65535'],
    [['--port', '80.5'], '--port must be an integer'],
    [['--port', ''], '--port must be a number'],
    [['--seed', '1e400'], '--seed must be a number'],
    [['--seed', '1.5'], '--seed must be an integer'],
    [['--rate', '0'], '--rate must be a positive number'],
    [['--rate', 'fast'], '--rate must be a number'],
    [['--source', 'bitstamp'], 'allowed: sim, binance, coinbase, kraken, replay:FILE'],
    [['--fanout', 'fast'], '--fanout "fast" is not supported; allowed: shared, naive'],
    [['--fanout', ''], '--fanout "" is not supported'],
    [['--fanout'], 'fanout'],
    [['--port'], 'port'],
    [['extra'], 'extra'],
    [['--help=yes'], 'help'],
    [['--static-dir', ' '], '--static-dir must not be empty'],
    [['--no-static', '--static-dir', 'dist'], 'exclude each other'],
    [['--conflate-ms', '0'], '--conflate-ms must be from 1 to 1000'],
    [['--conflate-ms', '2.5'], '--conflate-ms must be an integer'],
    [['--sim-instruments', '5000'], '--sim-instruments must be from 1 to 1000'],
    [['--sim-instruments', 'many'], '--sim-instruments must be a number'],
    [['--data-dir', ' '], '--data-dir must not be empty'],
    [['--starting-cash', '1e5'], '--starting-cash must be a decimal amount'],
    [['--starting-cash', '0'], '--starting-cash must be positive'],
    [['--starting-cash=-5'], '--starting-cash must be positive'],
    [['--starting-cash', '0.00000000000000001'], 'more than 16 decimals'],
    [['--starting-cash', '10000000000000'], '--starting-cash must be at most'],
    [['--maker-fee-bps=-1'], '--maker-fee-bps must be from 0 to 1000'],
    [['--taker-fee-bps', '2.5'], '--taker-fee-bps must be an integer'],
    [['--taker-fee-bps', '1001'], '--taker-fee-bps must be from 0 to 1000'],
    [['--sim-hot-share', '1'], '--sim-hot-share must be between 0 and 1'],
    [['--sim-hot-share', 'x'], '--sim-hot-share must be a number'],
    [['--sim-volatility', '0'], '--sim-volatility must be above 0 and at most 10'],
    [['--sim-volatility', '11'], '--sim-volatility must be above 0 and at most 10'],
    [['--sim-volatility', 'calm'], '--sim-volatility must be a number'],
    [['--max-connections-per-ip=-1'], '--max-connections-per-ip must be from 0 to 100000'],
    [['--max-connections-per-ip', 'lots'], '--max-connections-per-ip must be a number'],
    [['--token', 'short'], '--token: a token must be 16 to 256 characters'],
    [['--token', ''], '--token: a token must be'],
    [['--token', 'has spaces in it, sixteen+'], '--token: a token must be'],
    [['--token', 'x'.repeat(257)], '--token: a token must be'],
    [['--token'], 'token'],
    [['--allowed-origin', 'desk.example'], '--allowed-origin must be an origin'],
    [['--allowed-origin', 'https://desk.example/app'], '--allowed-origin must be an origin'],
    [['--allowed-origin', 'ftp://desk.example'], '--allowed-origin must be an origin'],
    [['--allowed-origin', 'https://user:pw@desk.example'], '--allowed-origin must be an origin'],
    [['--allowed-origin', '*'], '--allowed-origin must be an origin'],
    [['--log-level', 'verbose'], '--log-level must be one of fatal, error, warn'],
    [['--log-level', ''], '--log-level must be one of'],
    [['--rate-limit=-1'], '--rate-limit must be from 0 to 1000000'],
    [['--rate-limit', 'lots'], '--rate-limit must be a number'],
    [['--order-rate-limit', '0'], '--order-rate-limit must be from 1 to 1000000'],
    [['--order-rate-limit', '1.5'], '--order-rate-limit must be an integer'],
  ])('%j fails with a FlagError mentioning %s', (argv, text) => {
    expect(() => parseFlags(argv)).toThrow(FlagError);
    expect(() => parseFlags(argv)).toThrow(text);
  });

  it('reads the benchmark flags, which are absent by default', () => {
    expect(
      parseFlags([
        '--conflate-ms',
        '5',
        '--sim-instruments=200',
        '--sim-hot-share',
        '0.5',
        '--sim-volatility',
        '0.05',
      ]),
    ).toMatchObject({ conflateMs: 5, simInstruments: 200, simHotShare: 0.5, simVolatility: 0.05 });
    expect(parseFlags([]).conflateMs).toBeUndefined();
    expect(parseFlags([]).simInstruments).toBeUndefined();
    expect(parseFlags([]).simVolatility).toBeUndefined();
  });

  it('documents the naive fan-out as a benchmark baseline', () => {
    expect(USAGE).toMatch(/--fanout <mode>[^]*shared \(default\)[^]*naive is a BENCHMARK BASELINE/);
  });
});
