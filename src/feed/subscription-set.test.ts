import { describe, expect, it } from 'vitest';
import { ClientKind } from '../../protocol/messages';
import { SubscriptionSet } from './subscription-set';
import type { StreamSpec } from './feed-types';

const book: StreamSpec = { channel: 'book', symbol: 'BTC-USD', depth: 20, interval: null };
const trades: StreamSpec = { channel: 'trades', symbol: 'BTC-USD', depth: null, interval: null };

describe('SubscriptionSet', () => {
  it('subscribes once per stream and unsubscribes with the same ref', () => {
    const set = new SubscriptionSet();
    const sub = set.add(book);
    expect(sub).toMatchObject({ kind: ClientKind.subscribe, channel: 'book', depth: 20 });
    expect(set.add({ ...book })).toBeNull();
    const unsub = set.remove(book);
    expect(unsub).toMatchObject({
      kind: ClientKind.unsubscribe,
      ref: sub?.kind === ClientKind.subscribe ? sub.ref : -1,
    });
    expect(set.remove(book)).toBeNull();
  });

  it('re-sends every wanted stream after a reconnect', () => {
    const set = new SubscriptionSet();
    set.add(book);
    set.add(trades);
    expect(set.resubscribeAll().map((m) => 'channel' in m && m.channel)).toEqual([
      'book',
      'trades',
    ]);
  });

  it('resyncs only the streams of the channel and symbol that lost their place', () => {
    const set = new SubscriptionSet();
    set.add(book);
    set.add(trades);
    const messages = set.resync('book', 'BTC-USD');
    expect(messages.map((m) => m.kind)).toEqual([ClientKind.unsubscribe, ClientKind.subscribe]);
    expect(set.resync('book', 'ETH-USD')).toEqual([]);
  });
});
