// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { accountUpdate } from '../../../protocol/account-messages';
import { BTC_USD, TEST_ACCOUNT, TEST_FILL } from '../../../protocol/test-fixtures';
import { useToastStore } from '../../components/toast/toast-store';
import { createFeedClient, type PageFeedClient, type WorkerLike } from '../../feed/feed-client';
import type { FeedBatch } from '../../feed/feed-types';
import { paperKeys } from '../../lib/api/paper';
import { applyAccountMessages } from '../../lib/api/paper-live';
import { browserNotifier, type Notifier } from './fill-alerts';
import { useFillAlerts } from './use-fill-alerts';

const shown: Array<{ title: string; options: NotificationOptions | undefined }> = [];

class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static requestPermission = () => Promise.resolve<NotificationPermission>('granted');
  constructor(title: string, options?: NotificationOptions) {
    shown.push({ title, options });
  }
}

let hidden = false;

function setHidden(value: boolean): void {
  hidden = value;
  document.dispatchEvent(new Event('visibilitychange'));
}

function Alerts({ notifier }: { notifier: Notifier }) {
  useFillAlerts(notifier);
  return null;
}

/**
 * The app's path from the socket to the alert: a feed client on the real document (its
 * visibility decides how batches are scheduled), account messages folded into the fills query as
 * main.tsx does, and the alerts hook reading that query.
 */
function setup() {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, enabled: false } },
  });
  client.setQueryData(paperKeys.fills(), { fills: [] });
  client.setQueryData(['instruments'], { version: 'v1', instruments: [BTC_USD] });
  const worker: WorkerLike = { postMessage: () => undefined, onmessage: null, terminate: () => {} };
  // Frames are only ever run by the test: a hidden page gets none.
  const frames: Array<() => void> = [];
  const feed: PageFeedClient = createFeedClient({
    createWorker: () => worker,
    url: 'ws://x/ws',
    apply: (batch: FeedBatch) => {
      if (batch.account) applyAccountMessages(client, batch.account);
    },
    requestFrame: (callback) => frames.push(callback),
  });
  render(
    <QueryClientProvider client={client}>
      <Alerts notifier={browserNotifier()} />
    </QueryClientProvider>,
  );
  const deliverFill = (id: string) => {
    const batch: FeedBatch = {
      account: [accountUpdate({ ...TEST_ACCOUNT, seq: 8 }, [], [{ ...TEST_FILL, id }], [])],
    };
    act(() => worker.onmessage?.(new MessageEvent('message', { data: { type: 'batch', batch } })));
  };
  return { feed, frames, deliverFill };
}

describe('fill alerts while the page is hidden', () => {
  beforeEach(() => {
    shown.length = 0;
    hidden = false;
    useToastStore.setState({ toasts: [] });
    vi.stubGlobal('Notification', FakeNotification);
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (hidden ? 'hidden' : 'visible'),
    });
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    Reflect.deleteProperty(document, 'hidden');
    Reflect.deleteProperty(document, 'visibilityState');
  });

  it('raises a browser notification for a fill that arrives while hidden, with no frame', async () => {
    const { feed, frames, deliverFill } = setup();
    setHidden(true);
    deliverFill('f_hidden');
    await waitFor(() => expect(shown).toHaveLength(1));
    expect(frames).toHaveLength(0);
    expect(shown[0]).toEqual({
      title: 'Order filled',
      options: { body: 'Bought 0.5000 BTC-USD at 65010.00', tag: 'quotedeck-fill' },
    });
    feed.dispose();
  });

  it('only toasts a fill that arrives while the trader is looking', async () => {
    const { feed, frames, deliverFill } = setup();
    deliverFill('f_visible');
    expect(frames).toHaveLength(1);
    act(() => frames.shift()!());
    await waitFor(() =>
      expect(useToastStore.getState().toasts).toEqual([
        expect.objectContaining({ tone: 'success', body: 'Bought 0.5000 BTC-USD at 65010.00' }),
      ]),
    );
    expect(shown).toEqual([]);
    feed.dispose();
  });
});

describe('browserNotifier', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('notifies through the service worker where the page may not construct one (Android)', async () => {
    const showNotification = vi.fn(() => Promise.resolve());
    vi.stubGlobal(
      'Notification',
      class {
        static permission: NotificationPermission = 'granted';
        constructor() {
          throw new TypeError(
            'Illegal constructor. Use ServiceWorkerRegistration.showNotification()',
          );
        }
      },
    );
    vi.stubGlobal('navigator', {
      ...navigator,
      serviceWorker: { ready: Promise.resolve({ showNotification }) },
    });
    browserNotifier().show('Order filled', 'Sold 1 BTC-USD at 1.00');
    await waitFor(() =>
      expect(showNotification).toHaveBeenCalledWith('Order filled', {
        body: 'Sold 1 BTC-USD at 1.00',
        tag: 'quotedeck-fill',
      }),
    );
  });
});
