/**
 * Turns the source flags into one MarketSource: the simulator, a replay, or one or several
 * exchanges (optionally recorded). An exchange that cannot start (no network and nothing cached)
 * is reported and left out while the others run; only when nothing is left does this fail.
 */
import { join } from 'node:path';
import type { ExchangeName, SourceFlags } from '../source-flags';
import { createBinanceSource } from './binance/index';
import { createCoinbaseSource } from './coinbase/index';
import { combineSources, type PrefixedSource } from './composite-source';
import type { ExchangeSource, ExchangeSourceFactory } from './exchange/exchange-source';
import { createKrakenSource } from './kraken/index';
import { createReplaySource, recordSource } from './replay/index';
import { createSimulatedSource } from './sim/index';
import type { MarketSource } from './source';

const FACTORIES: Record<ExchangeName, ExchangeSourceFactory> = {
  binance: createBinanceSource,
  coinbase: createCoinbaseSource,
  kraken: createKrakenSource,
};

/** Exchange n numbers its instruments from n × this + 1, so ids never collide. */
export const EXCHANGE_ID_BLOCK = 1_000;

export interface SourceContext {
  seed: number;
  rate: number;
  simInstruments?: number;
  simHotShare?: number;
  simVolatility?: number;
  /** Where exchanges cache instruments and history (one folder per exchange). */
  cacheDir: string;
  /** Operator-facing lines (stderr). */
  log: (line: string) => void;
}

/** Builds the source the flags ask for; rejects with a clear message when none can run. */
export async function createMarketSource(
  flags: SourceFlags,
  context: SourceContext,
): Promise<MarketSource> {
  const source = await baseSource(flags, context);
  if (!flags.record) return source;
  const recording = recordSource(source, flags.record, {
    onError: (error: unknown) =>
      context.log(`recording to ${flags.record} failed: ${String(error)}`),
  });
  if (recording.repairedBytes > 0) {
    context.log(
      `${flags.record}: cut ${recording.repairedBytes} bytes of a torn tail before appending`,
    );
  }
  const counters = source.counters?.bind(source);
  return counters ? Object.assign(recording, { counters }) : recording;
}

async function baseSource(flags: SourceFlags, context: SourceContext): Promise<MarketSource> {
  const [first] = flags.sources;
  if (!first || first.kind === 'sim') {
    return createSimulatedSource({
      seed: context.seed,
      rate: context.rate,
      ...(context.simInstruments === undefined ? {} : { instruments: context.simInstruments }),
      ...(context.simHotShare === undefined ? {} : { hotShare: context.simHotShare }),
      ...(context.simVolatility === undefined ? {} : { volatilityScale: context.simVolatility }),
    });
  }
  if (first.kind === 'replay') {
    const replay = createReplaySource({
      file: first.file,
      speed: first.speed ?? 'max',
      onDone: () => context.log(`replay of ${first.file} finished; its markets are now stale`),
    });
    return replay;
  }
  return exchangeSources(flags, context);
}

async function exchangeSources(flags: SourceFlags, context: SourceContext): Promise<MarketSource> {
  const specs = flags.sources.flatMap((s) => (s.kind === 'exchange' ? [s] : []));
  const several = specs.length > 1;
  const settled = await Promise.allSettled(
    specs.map((spec, index) =>
      FACTORIES[spec.exchange]({
        symbols: spec.symbols,
        cacheDir: join(context.cacheDir, spec.exchange),
        firstId: index * EXCHANGE_ID_BLOCK + 1,
        log: context.log,
        ...(flags.restUrl ? { restUrl: flags.restUrl } : {}),
        ...(flags.wsUrl ? { wsUrl: flags.wsUrl } : {}),
      }),
    ),
  );
  const parts: PrefixedSource[] = [];
  const failures: string[] = [];
  settled.forEach((result, index) => {
    const name = specs[index]!.exchange;
    if (result.status === 'fulfilled') {
      const source = withCounters(result.value, name);
      parts.push({ source, prefix: several ? `${name.toUpperCase()}:` : '' });
      return;
    }
    const reason = result.reason instanceof Error ? result.reason.message : String(result.reason);
    failures.push(`${name} could not start: ${reason}`);
  });
  for (const failure of failures) context.log(failure);
  if (parts.length === 0) {
    throw new Error(
      `${failures.join('; ')}. Exchange sources need internet access to the exchange's public API ` +
        '(once they have run, instruments and history are cached for offline restarts).',
    );
  }
  return combineSources(parts);
}

/** An exchange source that reports its ExchangeStats as the venue's counters. */
function withCounters(source: ExchangeSource, venue: string): MarketSource {
  return { ...bind(source), counters: () => [{ venue, ...source.stats }] };
}

/** The MarketSource methods of `source`, bound (a spread would lose class methods). */
function bind(source: MarketSource): MarketSource {
  return {
    name: source.name,
    instruments: () => source.instruments(),
    history: (inst, interval, end) => source.history(inst, interval, end),
    start: (sink) => source.start(sink),
    stop: () => source.stop(),
  };
}
