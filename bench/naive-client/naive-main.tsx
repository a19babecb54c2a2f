/**
 * BENCHMARK BASELINE ONLY: the Quotedeck dashboard (the same App and feature components) on top of
 * the naive feed client instead of the worker pipeline.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../../src/app';
import { FeedContext } from '../../src/feed/feed-context';
import { createNaiveFeedClient } from './naive-feed';
import '../../src/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const feed = createNaiveFeedClient();
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={new QueryClient()}>
      <FeedContext.Provider value={feed}>
        <App />
      </FeedContext.Provider>
    </QueryClientProvider>
  </StrictMode>,
);
