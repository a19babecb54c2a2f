/** React access to the feed client; without a provider, subscriptions are no-ops (tests). */
import { createContext, useContext, useEffect } from 'react';
import type { Channel } from '../../protocol/messages';
import type { Interval } from '../../protocol/intervals';
import type { FeedClient } from './feed-client';

export const FeedContext = createContext<FeedClient | null>(null);

/** Keeps a stream subscribed while the component is mounted and its arguments stay the same. */
export function useFeedSubscription(
  channel: Channel,
  symbol: string | null | undefined,
  options: { depth?: number; interval?: Interval } = {},
): void {
  const client = useContext(FeedContext);
  const { depth, interval } = options;
  useEffect(() => {
    if (!client || symbol === undefined) return;
    return client.subscribe(channel, symbol, {
      ...(depth !== undefined ? { depth } : {}),
      ...(interval !== undefined ? { interval } : {}),
    });
  }, [client, channel, symbol, depth, interval]);
}
