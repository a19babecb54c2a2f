/**
 * Several sources behind one: `--source binance,kraken`. Each source already numbers its
 * instruments in its own id range (the factory gives each a different first id), so events pass
 * through untouched; only display symbols get the source's prefix ("KRAKEN:BTC-USD"), because two
 * venues list the same pair and a trader must see which one a price comes from.
 */
import type { Instrument } from '../../protocol/instruments';
import type { HistoryInterval, MarketSource, SourceSink } from './source';

export interface PrefixedSource {
  source: MarketSource;
  /** Put before every display symbol, e.g. "KRAKEN:". */
  prefix: string;
}

/** One MarketSource made of `parts`; throws when two of them use the same instrument id. */
export function combineSources(parts: readonly PrefixedSource[]): MarketSource {
  if (parts.length === 1 && parts[0]!.prefix === '') return parts[0]!.source;
  const owner = new Map<number, MarketSource>();
  const instruments: Instrument[] = [];
  for (const { source, prefix } of parts) {
    for (const instrument of source.instruments()) {
      if (owner.has(instrument.id)) {
        throw new Error(
          `instrument id ${instrument.id} is used by both ${owner.get(instrument.id)!.name} and ${source.name}`,
        );
      }
      owner.set(instrument.id, source);
      instruments.push({ ...instrument, symbol: `${prefix}${instrument.symbol}` });
    }
  }
  return {
    name: parts.map((p) => p.source.name).join('+'),
    instruments: () => instruments,
    history(inst: number, interval: HistoryInterval, end: number) {
      return owner.get(inst)?.history(inst, interval, end) ?? [];
    },
    start(sink: SourceSink) {
      for (const { source } of parts) source.start(sink);
    },
    async stop() {
      await Promise.all(parts.map(({ source }) => source.stop()));
    },
    counters: () => parts.flatMap(({ source }) => source.counters?.() ?? []),
  };
}
