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

/** "Bought 0.5000 BTC-USD at 64,000.00"-style text of a fill. */
export function fillText(fill: FillView, instrument: Instrument | undefined): string {
  const size = instrument ? formatSize(instrument, fill.quantity) : String(fill.quantity);
  const price = instrument ? formatPrice(instrument, fill.price) : String(fill.price);
  return `${fill.side === 'buy' ? 'Bought' : 'Sold'} ${size} ${fill.symbol} at ${price}`;
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
      if (supported && Notification.permission === 'granted') {
        new Notification(title, { body, tag: 'quotedeck-fill' });
      }
    },
  };
}
