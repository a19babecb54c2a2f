/**
 * One instrument's limit order book driven by order flow around a latent fair value.
 *
 * The fair value follows a geometric random walk whose volatility switches between calm and
 * stormy regimes. Traders place limit orders around it (dense near the touch, thinning with
 * distance), cancel stale quotes, and send market orders that lean toward it; the visible price
 * moves only because that flow consumes and rebuilds the book.
 */
import { Side } from '../../../protocol/messages';
import { BookSide } from './book-side';
import type { MarketParams } from './market-params';
import type { Random } from './random';
import { nextRegime, regimeVolatility, YEAR_MS } from './volatility-regime';

/** Changes produced by one action: [price, newSize] pairs per side and [price, size, side] trades. */
export interface SimEvents {
  bids: number[];
  asks: number[];
  trades: number[];
}

const SEED_LEVELS = 48;
const MIN_LEVELS = 40;
const MAX_LEVELS = 80;
const WHOLE_CANCEL_FLOOR = 36;
const MAX_SWEEP = 5;

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export class OrderBookSim {
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);
  private fairTicks: number;
  private regime = 0;
  private lastTime: number;

  constructor(
    readonly params: MarketParams,
    private readonly rng: Random,
    startTime: number,
  ) {
    this.fairTicks = params.startTicks;
    this.lastTime = startTime;
    this.seed();
  }

  /** Mid price in price units (may be half a tick off the grid). */
  mid(): number {
    return (this.bids.best() + this.asks.best()) / 2;
  }

  /** Advances the fair value to `time` and performs one trader action, appending its events. */
  act(time: number, out: SimEvents): void {
    this.advance(time);
    if (this.bids.length < MIN_LEVELS && this.refill(this.bids, out)) return;
    if (this.asks.length < MIN_LEVELS && this.refill(this.asks, out)) return;
    const midTicks = this.mid() / this.params.tick;
    // How far fair value sits above the mid, in units of the typical quote distance.
    const lean = (this.fairTicks - midTicks) / Math.max(1, this.params.nearTicks * 2);
    const pMarket = Math.min(0.25, Math.max(0.05, 0.1 * Math.exp(this.regime)));
    const u = this.rng.next();
    if (u < pMarket) this.market(this.rng.next() < logistic(lean), out);
    else if (u < pMarket + 0.37)
      this.cancel(this.rng.next() < logistic(lean) ? this.asks : this.bids, out);
    else this.limit(this.rng.next() < 0.5, out);
  }

  private advance(time: number): void {
    const dt = time - this.lastTime;
    if (dt <= 0) return;
    this.lastTime = time;
    const years = dt / YEAR_MS;
    this.regime = nextRegime(this.regime, dt, this.rng);
    const sigma = regimeVolatility(this.params.spec.volatility, this.regime);
    this.fairTicks *= Math.exp(
      sigma * Math.sqrt(years) * this.rng.normal() - 0.5 * sigma * sigma * years,
    );
  }

  /** A typical order in lots, `scale` times bigger, often rounded to a round lot. */
  private orderLots(scale: number, spread: number): number {
    const { clipLots, roundLots } = this.params;
    const raw = clipLots * scale * this.rng.logNormal(spread);
    if (this.rng.next() < 0.6) return Math.max(roundLots, Math.round(raw / roundLots) * roundLots);
    return Math.max(1, Math.round(raw));
  }

  private seed(): void {
    const { startTicks, nearTicks, depthTicks, tick, lot } = this.params;
    const spread = Math.max(1, Math.round(nearTicks));
    const bestBid = Math.max(1, startTicks - Math.floor(spread / 2));
    const gapMean = Math.max(0, (3 * depthTicks) / SEED_LEVELS - 1);
    for (const side of [this.bids, this.asks]) {
      let price = side.isBid ? bestBid : bestBid + spread;
      for (let i = 0; i < SEED_LEVELS && price >= 1; i++) {
        const distance = Math.abs(price - startTicks);
        const lots = this.orderLots(1 + distance / depthTicks, 0.9) * (1 + this.rng.int(3));
        side.add(price * tick, lots * lot);
        const gap = 1 + Math.floor(this.rng.exponential(gapMean));
        price += side.isBid ? -gap : gap;
      }
    }
  }

  private limit(buy: boolean, out: SimEvents): void {
    const { tick, lot, nearTicks, depthTicks } = this.params;
    const side = buy ? this.bids : this.asks;
    const opposite = buy ? this.asks : this.bids;
    // Quote around fair value, but never through the other side: that would be a market order.
    const oppositeTicks = opposite.length > 0 ? opposite.best() / tick : buy ? Infinity : -Infinity;
    const base = buy
      ? Math.min(Math.floor(this.fairTicks), oppositeTicks - 1)
      : Math.max(Math.ceil(this.fairTicks), oppositeTicks + 1);
    const near = this.rng.next() < 0.55;
    const distance = Math.min(
      8 * depthTicks,
      near
        ? Math.floor(this.rng.exponential(nearTicks))
        : 1 + Math.floor(this.rng.exponential(depthTicks)),
    );
    const priceTicks = buy ? base - distance : base + distance;
    if (priceTicks < 1) return;
    const size = this.orderLots(1 + distance / depthTicks, 0.9) * lot;
    const total = side.add(priceTicks * tick, size);
    const changes = buy ? out.bids : out.asks;
    changes.push(priceTicks * tick, total);
    if (side.length > MAX_LEVELS) changes.push(side.removeDeepest(), 0);
  }

  private market(buy: boolean, out: SimEvents): void {
    const book = buy ? this.asks : this.bids;
    const changes = buy ? out.asks : out.bids;
    const side = buy ? Side.buy : Side.sell;
    let remaining = this.orderLots(1.5, 1.1) * this.params.lot;
    // Never empty a side: sweeps stop after a few levels, the way real books refill.
    const maxLevels = Math.min(MAX_SWEEP, book.length - 1);
    for (let swept = 0; remaining > 0 && swept < maxLevels; swept++) {
      const price = book.priceFromTop(0);
      const size = book.sizeFromTop(0);
      const fill = Math.min(size, remaining);
      remaining -= fill;
      book.setFromTop(0, size - fill);
      out.trades.push(price, fill, side);
      changes.push(price, size - fill);
    }
  }

  private cancel(book: BookSide, out: SimEvents): void {
    const { lot } = this.params;
    const count = book.length;
    // Most cancels are stale quotes at the touch; the rest anywhere in the book.
    const k =
      this.rng.next() < 0.6
        ? Math.min(count - 1, Math.floor(this.rng.exponential(2)))
        : this.rng.int(count);
    const price = book.priceFromTop(k);
    const lots = book.sizeFromTop(k) / lot;
    let next: number;
    if (count > WHOLE_CANCEL_FLOOR && (lots <= 1 || this.rng.next() < 0.45)) {
      next = 0;
    } else {
      if (lots <= 1) return;
      const cut = Math.max(1, Math.min(lots - 1, Math.round(lots * (0.2 + 0.7 * this.rng.next()))));
      next = (lots - cut) * lot;
    }
    book.setFromTop(k, next);
    (book.isBid ? out.bids : out.asks).push(price, next);
  }

  /** Adds a level within the book's usual reach, filling a gap, so depth never runs out. */
  private refill(book: BookSide, out: SimEvents): boolean {
    const { tick, lot, depthTicks } = this.params;
    const touch = book.length > 0 ? book.best() / tick : Math.round(this.fairTicks);
    const distance = 1 + Math.floor(this.rng.next() * 4 * depthTicks);
    const start = (book.isBid ? touch - distance : touch + distance) * tick;
    const price = book.firstFreePrice(start, tick);
    if (price < tick) return false;
    const lots = this.orderLots(1 + Math.abs(price / tick - touch) / depthTicks, 0.9);
    const total = book.add(price, lots * lot);
    (book.isBid ? out.bids : out.asks).push(price, total);
    return true;
  }
}
