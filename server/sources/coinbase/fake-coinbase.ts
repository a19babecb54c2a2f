/**
 * Test support: a scripted Coinbase on loopback. REST routes answer products and candles in the
 * documented shapes; `CoinbaseScript` numbers the frames it sends on one connection with
 * `sequence_num` as Coinbase does (one counter per connection, over every channel), so a test can
 * skip a number to simulate a lost message.
 */
import type { FakeConnection, FakeRoute } from '../exchange/fake-venue';

/** Product fixtures as the products endpoint publishes them (fields we read plus a few others). */
export const PRODUCTS = {
  'BTC-USD': {
    product_id: 'BTC-USD',
    price: '64000.01',
    base_increment: '0.00000001',
    quote_increment: '0.01',
    price_increment: '0.01',
    base_min_size: '0.00000001',
    base_max_size: '3400',
    quote_min_size: '1',
    base_name: 'Bitcoin',
    quote_name: 'US Dollar',
    status: 'online',
    trading_disabled: false,
    product_type: 'SPOT',
    base_currency_id: 'BTC',
    quote_currency_id: 'USD',
    base_display_symbol: 'BTC',
    quote_display_symbol: 'USD',
  },
  'ETH-EUR': {
    product_id: 'ETH-EUR',
    price: '3100.5',
    base_increment: '0.0001',
    quote_increment: '0.01',
    price_increment: '0.05',
    base_min_size: '0.0001',
    quote_min_size: '1',
    base_name: 'Ethereum',
    quote_name: 'Euro',
    status: 'online',
    trading_disabled: false,
    product_type: 'SPOT',
    base_currency_id: 'ETH',
    quote_currency_id: 'EUR',
  },
} as const;

/** The products route: filters by `product_ids` like the real endpoint. */
export const productsRoute: FakeRoute = (url) => {
  const ids = url.searchParams.getAll('product_ids');
  const all = Object.values(PRODUCTS);
  const products = ids.length > 0 ? all.filter((p) => ids.includes(p.product_id)) : all;
  return { body: { products, num_products: products.length } };
};

/** A candles route for a product: one candle per interval with price 100 + index, newest first. */
export function candlesRoute(
  granularityMs: Record<string, number>,
  price = (seconds: number) => `${100 + (seconds % 7)}.00`,
): FakeRoute {
  return (url) => {
    const start = Number(url.searchParams.get('start'));
    const end = Number(url.searchParams.get('end'));
    const ms = granularityMs[url.searchParams.get('granularity') ?? ''];
    if (!ms || !Number.isFinite(start) || !Number.isFinite(end)) {
      return { status: 400, body: { error: 'INVALID_ARGUMENT' } };
    }
    const step = ms / 1000;
    const candles = [];
    for (let t = start; t <= end; t += step) {
      const p = price(t);
      candles.push({ start: String(t), low: p, high: p, open: p, close: p, volume: '1.5' });
    }
    if (candles.length > 350) return { status: 400, body: { error: 'too many candles' } };
    return { body: { candles: candles.reverse() } };
  };
}

export interface Level {
  side: 'bid' | 'offer';
  price: string;
  qty: string;
}

/** Drives one fake connection with correctly numbered frames. */
export class CoinbaseScript {
  seq = 0;

  constructor(readonly connection: FakeConnection) {}

  /** Sends a frame with the next sequence_num; `skip` loses that many numbers first. */
  frame(channel: string, events: unknown[], skip = 0): void {
    this.seq += skip;
    this.connection.send({
      channel,
      client_id: '',
      timestamp: '2024-05-01T12:00:00.123456789Z',
      sequence_num: this.seq++,
      events,
    });
  }

  snapshot(productId: string, levels: Level[], skip = 0): void {
    this.frame('l2_data', [{ type: 'snapshot', product_id: productId, updates: l2(levels) }], skip);
  }

  update(productId: string, levels: Level[], skip = 0): void {
    this.frame('l2_data', [{ type: 'update', product_id: productId, updates: l2(levels) }], skip);
  }

  heartbeat(skip = 0): void {
    this.frame(
      'heartbeats',
      [{ current_time: '2024-05-01 12:00:00 +0000 UTC', heartbeat_counter: this.seq }],
      skip,
    );
  }

  trades(
    type: 'snapshot' | 'update',
    trades: {
      productId: string;
      price: string;
      size: string;
      side: 'BUY' | 'SELL';
      time: string;
    }[],
  ): void {
    this.frame('market_trades', [
      {
        type,
        trades: trades.map((t, i) => ({
          trade_id: String(1000 + i),
          product_id: t.productId,
          price: t.price,
          size: t.size,
          side: t.side,
          time: t.time,
        })),
      },
    ]);
  }

  /** A ticker frame in the documented shape; `fields` overrides or removes (undefined) fields. */
  ticker(
    type: 'snapshot' | 'update',
    productId: string,
    fields: Record<string, string | number | undefined> = {},
  ): void {
    const ticker: Record<string, unknown> = {
      type: 'ticker',
      product_id: productId,
      price: '100.25',
      volume_24_h: '1234.56789012',
      low_24_h: '95.5',
      high_24_h: '104.75',
      low_52_w: '15460',
      high_52_w: '48240',
      price_percent_chg_24_h: '-4.15775596190603',
      best_bid: '100.24',
      best_bid_quantity: '0.5',
      best_ask: '100.26',
      best_ask_quantity: '1.25',
    };
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) delete ticker[key];
      else ticker[key] = value;
    }
    this.frame('ticker', [{ type, tickers: [ticker] }]);
  }

  /** Reads the client's messages until `count` subscriptions have arrived; returns them all. */
  async readMessages(count: number): Promise<unknown[]> {
    const seen: unknown[] = [];
    while (seen.length < count) seen.push(await this.connection.next());
    return seen;
  }
}

function l2(levels: Level[]) {
  return levels.map((l) => ({
    side: l.side,
    event_time: '2024-05-01T12:00:00.100Z',
    price_level: l.price,
    new_quantity: l.qty,
  }));
}

/** Shorthands for fixtures: bid('100.00', '1.5'). */
export const bid = (price: string, qty: string): Level => ({ side: 'bid', price, qty });
export const offer = (price: string, qty: string): Level => ({ side: 'offer', price, qty });
