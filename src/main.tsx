/** Entry point: query client, feed worker, and the app. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { applyBatch } from './feed/apply-batch';
import { createBrowserFeedClient } from './feed/feed-client';
import { FeedContext } from './feed/feed-context';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 2, refetchOnWindowFocus: false } },
});
const feed = createBrowserFeedClient(applyBatch);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <FeedContext.Provider value={feed}>
        <App />
      </FeedContext.Provider>
    </QueryClientProvider>
  </StrictMode>,
);
