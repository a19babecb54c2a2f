/**
 * The paper engine's view of the live market, read straight from the hub's per-instrument state
 * (the full book, not a depth tier, with the time of its last change; the tape's last trade).
 */
import type { Hub } from '../../hub/hub';
import type { LastTrade, MarketView } from '../engine';

/** A MarketView over the hub. `isOpen` follows the source's stream status (the sim never closes). */
export function hubMarketView(hub: Hub): MarketView {
  return {
    book(inst, depth) {
      const state = hub.instrumentState(inst);
      if (!state || state.book.time === 0) return null;
      return {
        bids: state.book.bids.top(depth),
        asks: state.book.asks.top(depth),
        time: state.book.time,
      };
    },
    lastTrade(inst): LastTrade | null {
      const trade = hub.instrumentState(inst)?.tape.last();
      return trade ? { price: trade.price, size: trade.size, time: trade.time } : null;
    },
    isOpen: (inst) => hub.instrumentState(inst)?.live ?? false,
  };
}
