/**
 * Per-instrument microstructure derived from the catalog: how wide the book is, how big orders
 * are, and how order sizes are rounded, so each market's book looks like its real counterpart.
 */
import type { SimInstrument } from './catalog';

export interface MarketParams {
  spec: SimInstrument;
  /** Price units per tick. */
  tick: number;
  /** Size units per lot. */
  lot: number;
  /** Start price in ticks. */
  startTicks: number;
  /** Distance (ticks) over which resting liquidity thins out. */
  depthTicks: number;
  /** Mean distance (ticks) of aggressive quotes from the reference price; keeps spreads tight. */
  nearTicks: number;
  /** Typical order size in lots. */
  clipLots: number;
  /** Lots that "round" orders are multiples of (100 shares, 100k units, 0.01 BTC...). */
  roundLots: number;
  /** Typical traded volume per minute in size units, for candle history. */
  volumePerMinute: number;
}

const DEPTH_BP = { crypto: 3, equity: 5, fx: 1.5 } as const;
const CLIP_NOTIONAL = { crypto: 6000, equity: 12000, fx: 0 } as const;

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Derives the order-book parameters for one catalog entry. */
export function marketParams(spec: SimInstrument): MarketParams {
  const { instrument, startPrice, activity } = spec;
  const { assetClass, tick, lot } = instrument;
  const startTicks = Math.round(startPrice / tick);
  // Quiet names have wider, thinner books.
  const depthBp = DEPTH_BP[assetClass] * clamp(3 / Math.sqrt(activity + 1), 0.6, 3);
  const depthTicks = Math.max(4, Math.round((startTicks * depthBp) / 10_000));
  const nearTicks = clamp(depthTicks / 20, 0.7, 4);

  const price = startPrice / 10 ** instrument.priceScale;
  const lotInBase = lot / 10 ** instrument.sizeScale;
  const clipLots =
    assetClass === 'fx'
      ? // FX clips are quoted in base currency: about one million per order.
        Math.round(1_000_000 / lotInBase / 2)
      : Math.max(
          1,
          Math.round((CLIP_NOTIONAL[assetClass] * Math.sqrt(activity)) / (price * lotInBase)),
        );
  const roundLots =
    assetClass === 'fx'
      ? 100
      : assetClass === 'equity'
        ? Math.min(100, 10 ** Math.floor(Math.log10(clipLots)))
        : Math.max(1, 10 ** (Math.floor(Math.log10(clipLots)) - 1));
  const volumePerMinute = Math.round(clipLots * lot * activity * 6);

  return {
    spec,
    tick,
    lot,
    startTicks,
    depthTicks,
    nearTicks,
    clipLots,
    roundLots,
    volumePerMinute,
  };
}
