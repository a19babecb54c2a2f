/**
 * The live / not-live bookkeeping every exchange adapter shares. The hub treats an instrument as
 * live until told otherwise, which suits the simulator but not an exchange: its book is not live
 * until the first snapshot arrives. So the wrapper says "not live" for every instrument the
 * moment the source starts, and afterwards passes a status on only when it changes. Adapters can
 * then report stale and live whenever their sync logic decides (after every snapshot, on every
 * gap) without each keeping its own copy of what it last told the hub.
 */
import type { SourceSink } from '../source';

/** A sink that also answers what it last told the hub. */
export interface LiveStatusSink extends SourceSink {
  isLive(inst: number): boolean;
}

/** Wraps `sink`: marks `instruments` not live now; de-duplicates later status calls. */
export function liveStatusSink(sink: SourceSink, instruments: readonly number[]): LiveStatusSink {
  const live = new Map<number, boolean>();
  for (const inst of instruments) {
    live.set(inst, false);
    sink.status(inst, false);
  }
  return {
    book: (inst, bids, asks, time, snapshot) => sink.book(inst, bids, asks, time, snapshot),
    trade: (inst, price, size, side, time) => sink.trade(inst, price, size, side, time),
    dayStats: (inst, stats, time) => sink.dayStats?.(inst, stats, time),
    status(inst, isLive) {
      if (live.get(inst) === isLive) return;
      live.set(inst, isLive);
      sink.status(inst, isLive);
    },
    isLive: (inst) => live.get(inst) === true,
  };
}
