/** Entry point: persisted query client, feed worker, service worker and the app. */
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { AccountMessage } from '../protocol/account-messages';
import type * as PaperLive from './lib/api/paper-live';
import { App } from './app';
import { applyBatch } from './feed/apply-batch';
import { createBrowserFeedClient } from './feed/feed-client';
import { FeedContext } from './feed/feed-context';
import { browserOnlineSources, wireOnlineManager } from './lib/online';
import { createQueryPersister, queryPersistOptions } from './lib/query-persistence';
import { createAppQueryClient } from './lib/query-persistence-client';
import { AppErrorBoundary } from './pwa/app-error-boundary';
import { ChunkGuardContext } from './pwa/chunk-guard-context';
import { createChunkReloadGuard, gatewayAnswers } from './pwa/chunk-reload';
import { registerServiceWorker } from './pwa/register-sw';
import { UpdatePrompt } from './pwa/update-prompt';
import './styles.css';

document.documentElement.dataset.build = __BUILD_ID__;

// Reading window.sessionStorage itself throws where storage is blocked; the guard catches it.
const session = {
  getItem: (key: string) => window.sessionStorage.getItem(key),
  setItem: (key: string, value: string) => window.sessionStorage.setItem(key, value),
};
const chunkGuard = createChunkReloadGuard(
  session,
  __BUILD_ID__,
  () => window.location.reload(),
  gatewayAnswers,
);

wireOnlineManager(browserOnlineSources());
const queryClient = createAppQueryClient();
const persistOptions = queryPersistOptions(createQueryPersister(), __BUILD_ID__);
const feed = createBrowserFeedClient((batch) => {
  applyBatch(batch);
  if (batch.account) applyAccount(batch.account);
});
const updates = registerServiceWorker();

/**
 * Account messages go into the paper queries. The code that folds them lives with the paper
 * views, off the critical path; batches that arrive while it loads queue on the same promise and
 * so still apply in order.
 */
let paperLive: Promise<typeof PaperLive> | null = null;
function applyAccount(messages: readonly AccountMessage[]): void {
  paperLive ??= import('./lib/api/paper-live');
  void paperLive.then((m) => m.applyAccountMessages(queryClient, messages));
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const app = (
  <StrictMode>
    <PersistQueryClientProvider client={queryClient} persistOptions={persistOptions}>
      <FeedContext.Provider value={feed}>
        <ChunkGuardContext.Provider value={chunkGuard}>
          <AppErrorBoundary guard={chunkGuard}>
            <App />
          </AppErrorBoundary>
        </ChunkGuardContext.Provider>
      </FeedContext.Provider>
    </PersistQueryClientProvider>
    {updates && <UpdatePrompt controller={updates} />}
  </StrictMode>
);
// As a transition the first render is time-sliced: React yields to the browser every few
// milliseconds instead of building the whole dashboard in one long task (what a slow phone feels
// as a frozen page and Lighthouse counts as blocking time).
startTransition(() => createRoot(root).render(app));
