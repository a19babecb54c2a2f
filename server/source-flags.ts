/**
 * The market-source flags: `--source`, `--symbols`, `--speed`, `--record`, `--rest-url`,
 * `--ws-url`. One or several exchanges may run at once; the simulator and a replay run alone.
 */
import { FlagError } from './flag-error';

export const EXCHANGES = ['binance', 'coinbase', 'kraken'] as const;
export type ExchangeName = (typeof EXCHANGES)[number];

/** What `npm start -- --source <exchange>` watches when no --symbols are given. */
export const DEFAULT_SYMBOLS: Record<ExchangeName, readonly string[]> = {
  binance: ['BTCUSDT', 'ETHUSDT'],
  coinbase: ['BTC-USD', 'ETH-USD'],
  kraken: ['BTC/USD', 'ETH/USD'],
};

export type SourceSpec =
  | { kind: 'sim' }
  | { kind: 'exchange'; exchange: ExchangeName; symbols: string[] }
  /** `speed` null replays as fast as possible. */
  | { kind: 'replay'; file: string; speed: number | null };

export interface SourceFlags {
  sources: SourceSpec[];
  /** Append the normalized event stream to this file. */
  record?: string;
  /** Endpoints replacing the exchange's own (a mirror, or a fake venue in tests); one exchange only. */
  restUrl?: string;
  wsUrl?: string;
}

export interface SourceFlagValues {
  source?: string;
  symbols?: string;
  speed?: string;
  record?: string;
  'rest-url'?: string;
  'ws-url'?: string;
}

export const SOURCE_USAGE = `  --source <list>     market source: sim (default), binance, coinbase, kraken, or
                      replay:FILE; several exchanges at once as a comma list (their symbols
                      are then prefixed, e.g. KRAKEN:BTC-USD). Exchanges need internet access.
  --symbols <list>    exchange symbols, comma-separated (e.g. BTCUSDT,ETHUSDT); with several
                      exchanges prefix each with its exchange (binance:BTCUSDT,kraken:BTC/USD)
  --speed <n|max>     replay speed: n times the recorded pace, or max (default 1)
  --record <file>     append the normalized event stream to file (replay it with
                      --source replay:file)
  --rest-url <url>    REST endpoint of the one exchange source (default: the exchange's own)
  --ws-url <url>      WebSocket endpoint of the one exchange source`;

/** Parses the source flags; throws FlagError naming the bad flag. */
export function parseSourceFlags(values: SourceFlagValues): SourceFlags {
  const sources = parseSources(values.source ?? 'sim');
  const exchanges = sources.flatMap((s) => (s.kind === 'exchange' ? [s] : []));
  if (values.symbols !== undefined) assignSymbols(exchanges, values.symbols);
  if (values.speed !== undefined) {
    const replay = sources.find((s) => s.kind === 'replay');
    if (!replay) throw new FlagError('--speed applies only to --source replay:FILE');
    replay.speed = parseSpeed(values.speed);
  }
  const flags: SourceFlags = { sources };
  if (values.record !== undefined) {
    if (values.record.trim() === '') throw new FlagError('--record must name a file');
    flags.record = values.record;
  }
  for (const [name, value] of [
    ['rest-url', values['rest-url']],
    ['ws-url', values['ws-url']],
  ] as const) {
    if (value === undefined) continue;
    if (exchanges.length !== 1) {
      throw new FlagError(
        `--${name} needs exactly one exchange source (--source ${EXCHANGES.join('|')})`,
      );
    }
    const protocols = name === 'rest-url' ? ['http:', 'https:'] : ['ws:', 'wss:'];
    if (!protocols.includes(urlProtocol(value))) {
      throw new FlagError(`--${name} must be a ${protocols.join(' or ')} URL, got "${value}"`);
    }
    if (name === 'rest-url') flags.restUrl = value;
    else flags.wsUrl = value;
  }
  return flags;
}

function parseSources(text: string): SourceSpec[] {
  if (text.startsWith('replay:')) {
    const file = text.slice('replay:'.length);
    if (file.trim() === '') throw new FlagError('--source replay:FILE needs a file name');
    return [{ kind: 'replay', file, speed: 1 }];
  }
  const names = text.split(',').map((name) => name.trim());
  if (names.length === 1 && names[0] === 'sim') return [{ kind: 'sim' }];
  const seen = new Set<string>();
  return names.map((name) => {
    if (!isExchange(name)) {
      const extra = name === 'sim' || name.startsWith('replay:') ? ' (it runs alone)' : '';
      throw new FlagError(
        `--source ${JSON.stringify(name)} is not supported${extra}; allowed: sim, ${EXCHANGES.join(', ')}, replay:FILE`,
      );
    }
    if (seen.has(name)) throw new FlagError(`--source lists ${name} twice`);
    seen.add(name);
    return { kind: 'exchange', exchange: name, symbols: [...DEFAULT_SYMBOLS[name]] };
  });
}

function assignSymbols(
  exchanges: Array<Extract<SourceSpec, { kind: 'exchange' }>>,
  text: string,
): void {
  if (exchanges.length === 0) throw new FlagError('--symbols applies only to exchange sources');
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new FlagError(`--symbols has an empty entry: "${text}"`);
  if (exchanges.length === 1) {
    exchanges[0]!.symbols = items;
    return;
  }
  const byExchange = new Map<string, string[]>();
  for (const item of items) {
    const colon = item.indexOf(':');
    const exchange = colon > 0 ? item.slice(0, colon).toLowerCase() : '';
    if (!exchanges.some((e) => e.exchange === exchange)) {
      throw new FlagError(
        `--symbols: with several exchanges write exchange:SYMBOL (e.g. ${exchanges[0]!.exchange}:${DEFAULT_SYMBOLS[exchanges[0]!.exchange][0]}), got "${item}"`,
      );
    }
    byExchange.set(exchange, [...(byExchange.get(exchange) ?? []), item.slice(colon + 1)]);
  }
  for (const spec of exchanges) spec.symbols = byExchange.get(spec.exchange) ?? spec.symbols;
}

function parseSpeed(text: string): number | null {
  if (text === 'max') return null;
  const speed = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(speed) || speed <= 0 || speed > 10_000) {
    throw new FlagError(`--speed must be a number above 0 and up to 10000, or max; got "${text}"`);
  }
  return speed;
}

function isExchange(name: string): name is ExchangeName {
  return (EXCHANGES as readonly string[]).includes(name);
}

function urlProtocol(text: string): string {
  try {
    return new URL(text).protocol;
  } catch {
    return '';
  }
}
