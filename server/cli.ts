/** Command-line flags of the gateway. */
import { parseArgs } from 'node:util';
import { MONEY_UNIT, parseMoney } from './paper/engine';
import { FANOUT_MODES, isFanoutMode, type FanoutMode } from './ws/wire-format';

import { FlagError } from './flag-error';
import { normalizeOrigin, tokenProblem } from './security/access-policy';
import { DEFAULT_RATE_LIMITS } from './security/rate-limits';
import { DEFAULT_MAX_CONNECTIONS_PER_IP } from './ws/connection-limit';
import { parseSourceFlags, SOURCE_USAGE, type SourceFlags } from './source-flags';

export { FlagError };

export interface GatewayFlags extends SourceFlags {
  port: number;
  host: string;
  seed: number;
  /** Simulated events per second. */
  rate: number;
  /** Built app directory; undefined means the default (dist/), null serves no app (API only). */
  staticDir: string | null | undefined;
  /** `naive` runs the benchmark baseline fan-out instead of the real one. */
  fanout: FanoutMode;
  /** Conflation tick for tickers and candles, ms; undefined keeps the gateway's default. */
  conflateMs?: number;
  /** Simulated instruments; undefined keeps the simulator's catalog. */
  simInstruments?: number;
  /** Share of the order flow on the first instrument (BTC-USD); undefined keeps the catalog's. */
  simHotShare?: number;
  /** Multiplier of every simulated instrument's volatility; undefined keeps the catalog's. */
  simVolatility?: number;
  /** Data directory; the paper store keeps PGlite files in <dataDir>/paper (unless DATABASE_URL). */
  dataDir: string;
  /** Cash a new or reset paper account starts with, in money units (MONEY_SCALE). */
  startingCash: bigint;
  makerFeeBps: number;
  takerFeeBps: number;
  /** --token, else QUOTEDECK_TOKEN; undefined lets the gateway decide (see resolveAccess). */
  token: string | undefined;
  /** Browser origins allowed besides the gateway's own, normalized. */
  allowedOrigins: string[];
  logLevel: LogLevel;
  /** API requests per minute per client (0: no limits). */
  rateLimit: number;
  /** Order requests per minute per client. */
  orderRateLimit: number;
  /** Feed connections per client address (0: no limit). */
  maxConnectionsPerIp: number;
  help: boolean;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** Environment variable that may hold the gateway's token. */
export const TOKEN_ENV = 'QUOTEDECK_TOKEN';

export const DEFAULT_DATA_DIR = './data';
export const DEFAULT_STARTING_CASH_TEXT = '100000';
/** Fees above 10% are surely a typo. */
export const MAX_FEE_BPS = 1000;

export const USAGE = `Usage: gateway [options]

  --port <n>          port to listen on, 0-65535 (default 4173; 0 picks a free one)
  --host <addr>       address to bind (default 127.0.0.1)
  --seed <n>          simulator seed, an integer (default 1)
  --rate <n>          simulated events per second, a positive number (default 400)
${SOURCE_USAGE}
  --static-dir <dir>  built app to serve (default dist/)
  --no-static         serve only the API and the feed (the Vite dev server serves the app)
  --fanout <mode>     feed fan-out: shared (default) encodes each message once per stream and
                      batches per tick; naive is a BENCHMARK BASELINE only (a typical gateway:
                      every client gets JSON encoded for it alone, one frame per message)
  --conflate-ms <n>   ticker and candle conflation tick, 1-1000 ms (default 100)
  --sim-instruments <n>
                      simulate n instruments, 1-1000 (default: the catalog's 109; more adds
                      synthetic pairs, for benchmarks)
  --sim-hot-share <x> give BTC-USD this share of all order flow, 0 < x < 1 (a burst on one
                      name, for benchmarks; default: its catalog activity)
  --sim-volatility <x>
                      multiply every simulated instrument's volatility by x, 0 < x <= 10
                      (default 1; a calm market for tests, a wild one for demos)
  --data-dir <dir>    where the paper account is stored (PGlite in <dir>/paper; default ./data;
                      memory:// keeps it in memory); with DATABASE_URL set, PostgreSQL is used
  --starting-cash <x> cash of a new or reset paper account, a decimal (default 100000)
  --maker-fee-bps <n> paper fee for resting orders, 0-${MAX_FEE_BPS} basis points (default 2)
  --taker-fee-bps <n> paper fee for taking orders, 0-${MAX_FEE_BPS} basis points (default 5)
  --token <t>         require this token on /api, /ws and /metrics (also QUOTEDECK_TOKEN); 16-256
                      characters A-Z a-z 0-9 . _ ~ -. Without it, a --host other than 127.0.0.1,
                      ::1 or localhost gets a random token, printed once as an "open" URL
  --allowed-origin <o>
                      a browser origin (https://host[:port]) allowed to open the feed and send
                      orders besides the gateway's own; repeat for several
  --log-level <l>     ${LOG_LEVELS.join('|')} (default warn; info logs every request
                      with its request id)
  --rate-limit <n>    API requests per minute per client, 0-1000000 (default
                      ${DEFAULT_RATE_LIMITS.apiPerMinute}; 0 turns rate limits off)
  --order-rate-limit <n>
                      order, cancel and reset requests per minute per client, 1-1000000
                      (default ${DEFAULT_RATE_LIMITS.ordersPerMinute})
  --max-connections-per-ip <n>
                      feed connections per client address, 0-100000 (default
                      ${DEFAULT_MAX_CONNECTIONS_PER_IP}; 0 turns the limit off, e.g. for load tests)
  --help              show this help`;

/** The usage text (for callers printing it next to a FlagError). */
export function usage(): string {
  return USAGE;
}

/**
 * Parses gateway flags (and QUOTEDECK_TOKEN from `env`); throws FlagError with a message naming
 * the bad flag.
 */
export function parseFlags(
  argv: string[],
  env: Readonly<Record<string, string | undefined>> = {},
): GatewayFlags {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        rate: { type: 'string' },
        source: { type: 'string' },
        symbols: { type: 'string' },
        speed: { type: 'string' },
        record: { type: 'string' },
        'rest-url': { type: 'string' },
        'ws-url': { type: 'string' },
        'static-dir': { type: 'string' },
        'no-static': { type: 'boolean' },
        fanout: { type: 'string' },
        'conflate-ms': { type: 'string' },
        'sim-instruments': { type: 'string' },
        'sim-hot-share': { type: 'string' },
        'sim-volatility': { type: 'string' },
        'data-dir': { type: 'string' },
        'starting-cash': { type: 'string' },
        'maker-fee-bps': { type: 'string' },
        'taker-fee-bps': { type: 'string' },
        token: { type: 'string' },
        'allowed-origin': { type: 'string', multiple: true },
        'log-level': { type: 'string' },
        'rate-limit': { type: 'string' },
        'max-connections-per-ip': { type: 'string' },
        'order-rate-limit': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new FlagError(error instanceof Error ? error.message : String(error));
  }
  const port = integerFlag('port', values.port, 4173);
  if (port < 0 || port > 65535) throw new FlagError(`--port must be from 0 to 65535, got ${port}`);
  const rate = values.rate === undefined ? 400 : numberFlag('rate', values.rate);
  if (rate <= 0) throw new FlagError(`--rate must be a positive number, got ${values.rate}`);
  const sourceFlags = parseSourceFlags(values);
  const host = values.host ?? '127.0.0.1';
  if (host.trim() === '') throw new FlagError('--host must not be empty');
  if (values['no-static'] && values['static-dir'] !== undefined) {
    throw new FlagError('--static-dir and --no-static exclude each other');
  }
  const staticDir = values['no-static'] ? null : values['static-dir'];
  if (typeof staticDir === 'string' && staticDir.trim() === '') {
    throw new FlagError('--static-dir must not be empty');
  }
  const fanout = values.fanout ?? 'shared';
  if (!isFanoutMode(fanout)) {
    throw new FlagError(
      `--fanout ${JSON.stringify(fanout)} is not supported; allowed: ${FANOUT_MODES.join(', ')}`,
    );
  }
  const conflateMs = optionalInteger('conflate-ms', values['conflate-ms'], 1, 1_000);
  const simInstruments = optionalInteger('sim-instruments', values['sim-instruments'], 1, 1_000);
  const hotText = values['sim-hot-share'];
  const simHotShare = hotText === undefined ? undefined : numberFlag('sim-hot-share', hotText);
  if (simHotShare !== undefined && !(simHotShare > 0 && simHotShare < 1)) {
    throw new FlagError(`--sim-hot-share must be between 0 and 1, got ${hotText}`);
  }
  const volatilityText = values['sim-volatility'];
  const simVolatility =
    volatilityText === undefined ? undefined : numberFlag('sim-volatility', volatilityText);
  if (simVolatility !== undefined && !(simVolatility > 0 && simVolatility <= 10)) {
    throw new FlagError(`--sim-volatility must be above 0 and at most 10, got ${volatilityText}`);
  }
  const dataDir = values['data-dir'] ?? DEFAULT_DATA_DIR;
  if (dataDir.trim() === '') throw new FlagError('--data-dir must not be empty');
  return {
    port,
    host,
    seed: integerFlag('seed', values.seed, 1),
    rate,
    ...sourceFlags,
    staticDir,
    fanout,
    conflateMs,
    simInstruments,
    simHotShare,
    simVolatility,
    dataDir,
    startingCash: cashFlag(values['starting-cash'] ?? DEFAULT_STARTING_CASH_TEXT),
    makerFeeBps: optionalInteger('maker-fee-bps', values['maker-fee-bps'], 0, MAX_FEE_BPS) ?? 2,
    takerFeeBps: optionalInteger('taker-fee-bps', values['taker-fee-bps'], 0, MAX_FEE_BPS) ?? 5,
    token: tokenFlag(values.token, env[TOKEN_ENV]),
    allowedOrigins: (values['allowed-origin'] ?? []).map(originFlag),
    logLevel: logLevelFlag(values['log-level']),
    rateLimit:
      optionalInteger('rate-limit', values['rate-limit'], 0, 1_000_000) ??
      DEFAULT_RATE_LIMITS.apiPerMinute,
    orderRateLimit:
      optionalInteger('order-rate-limit', values['order-rate-limit'], 1, 1_000_000) ??
      DEFAULT_RATE_LIMITS.ordersPerMinute,
    maxConnectionsPerIp:
      optionalInteger('max-connections-per-ip', values['max-connections-per-ip'], 0, 100_000) ??
      DEFAULT_MAX_CONNECTIONS_PER_IP,
    help: values.help ?? false,
  };
}

function tokenFlag(flag: string | undefined, env: string | undefined): string | undefined {
  const [name, token] = flag !== undefined ? ['--token', flag] : [TOKEN_ENV, env];
  // An empty QUOTEDECK_TOKEN= counts as unset; an empty --token "" is a mistake.
  if (token === undefined || (token === '' && name === TOKEN_ENV)) return undefined;
  const problem = tokenProblem(token);
  if (problem) throw new FlagError(`${name}: ${problem}`);
  return token;
}

function originFlag(text: string): string {
  const origin = normalizeOrigin(text);
  if (origin === null) {
    throw new FlagError(
      `--allowed-origin must be an origin such as https://desk.example:8443, got ${JSON.stringify(text)}`,
    );
  }
  return origin;
}

function logLevelFlag(text: string | undefined): LogLevel {
  if (text === undefined) return 'warn';
  const level = LOG_LEVELS.find((l) => l === text);
  if (!level) {
    throw new FlagError(
      `--log-level must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(text)}`,
    );
  }
  return level;
}

function cashFlag(text: string): bigint {
  let cash: bigint;
  try {
    cash = parseMoney(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FlagError(`--starting-cash must be a decimal amount such as 100000: ${reason}`);
  }
  if (cash <= 0n) throw new FlagError(`--starting-cash must be positive, got ${text}`);
  if (cash > 1_000_000_000_000n * MONEY_UNIT) {
    throw new FlagError(`--starting-cash must be at most 1000000000000, got ${text}`);
  }
  return cash;
}

function numberFlag(name: string, text: string): number {
  const value = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) throw new FlagError(`--${name} must be a number, got "${text}"`);
  return value;
}

function integerFlag(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = numberFlag(name, text);
  if (!Number.isSafeInteger(value))
    throw new FlagError(`--${name} must be an integer, got "${text}"`);
  return value;
}

function optionalInteger(
  name: string,
  text: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined;
  const value = integerFlag(name, text, min);
  if (value < min || value > max) {
    throw new FlagError(`--${name} must be from ${min} to ${max}, got ${value}`);
  }
  return value;
}
