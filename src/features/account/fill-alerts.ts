/** Which fills are new since the last look, and how a fill reads in a toast or a notification. */
import { formatPrice, formatSize, type Instrument } from '../../../protocol/instruments';
import type { FillView } from '../../../protocol/paper';

/** Fills not in `seen` (oldest first), adding them to `seen`. */
export function takeNewFills(seen: Set<string>, fills: readonly FillView[]): FillView[] {
  const fresh: FillView[] = [];
  for (const fill of fills) {
    if (seen.has(fill.id)) continue;
    seen.add(fill.id);
    fresh.push(fill);
  }
  return fresh.sort((a, b) => a.time - b.time);
}

/** The fills of one order that arrived together: total size and volume-weighted price. */
export interface FillGroup {
  orderId: string;
  inst: number;
  symbol: string;
  side: FillView['side'];
  quantity: number;
  /** Average price in price units, rounded half up. */
  price: number;
  count: number;
}

/** Groups fills by order (a market order walking five levels is one announcement, not five). */
export function groupFills(fills: readonly FillView[]): FillGroup[] {
  const groups = new Map<
    string,
    { first: FillView; quantity: number; value: bigint; count: number }
  >();
  for (const fill of fills) {
    const group = groups.get(fill.orderId);
    const value = BigInt(fill.price) * BigInt(fill.quantity);
    if (group) {
      group.quantity += fill.quantity;
      group.value += value;
      group.count += 1;
    } else {
      groups.set(fill.orderId, { first: fill, quantity: fill.quantity, value, count: 1 });
    }
  }
  return [...groups.values()].map(({ first, quantity, value, count }) => ({
    orderId: first.orderId,
    inst: first.inst,
    symbol: first.symbol,
    side: first.side,
    quantity,
    price: quantity > 0 ? Number((value * 2n + BigInt(quantity)) / (2n * BigInt(quantity))) : 0,
    count,
  }));
}

/** "Bought 0.5000 BTC-USD at 64,000.00 (3 fills)"-style text of a group of fills. */
export function fillText(group: FillGroup, instrument: Instrument | undefined): string {
  const size = instrument ? formatSize(instrument, group.quantity) : String(group.quantity);
  const price = instrument ? formatPrice(instrument, group.price) : String(group.price);
  const verb = group.side === 'buy' ? 'Bought' : 'Sold';
  const avg = group.count > 1 ? `an average ${price} (${group.count} fills)` : price;
  return `${verb} ${size} ${group.symbol} at ${avg}`;
}

/** The Notification API where it exists. */
export interface Notifier {
  permission(): NotificationPermission | 'unsupported';
  request(): Promise<NotificationPermission>;
  show(title: string, body: string): void;
}

/** The browser's notifier. */
export function browserNotifier(): Notifier {
  const supported = typeof window !== 'undefined' && 'Notification' in window;
  return {
    permission: () => (supported ? Notification.permission : 'unsupported'),
    request: () => (supported ? Notification.requestPermission() : Promise.resolve('denied')),
    show: (title, body) => {
      if (!supported || Notification.permission !== 'granted') return;
      const options = { body, tag: 'quotedeck-fill' };
      try {
        new Notification(title, options);
      } catch {
        // Chrome on Android refuses the constructor ("use showNotification"): pages there may
        // only notify through their service worker.
        void navigator.serviceWorker?.ready
          .then((registration) => registration.showNotification(title, options))
          .catch(() => undefined);
      }
    },
  };
}
