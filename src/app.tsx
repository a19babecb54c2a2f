/**
 * The dashboard layout: header with the paper account, watchlist, instrument, chart, order book,
 * trades, and the paper-trading panels (ticket, positions, orders; their code loads lazily).
 */
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useContext, useEffect } from 'react';
import { ConnectionStatus } from './components/connection-status';
import { InstallButton } from './components/install-button';
import { FeedContext } from './feed/feed-context';
import { ChartSection } from './features/chart/chart-section';
import { InstrumentHeader } from './features/instrument-header/instrument-header';
import { OrderBook } from './features/order-book/order-book';
import { PerfToggle } from './features/perf-overlay/perf-toggle';
import { TradesTape } from './features/trades/trades-tape';
import { Watchlist } from './features/watchlist/watchlist';
import { instrumentsQuery } from './lib/api/instruments';
import { adoptSymbolFromUrl, useSelectedInstrument } from './lib/use-instruments';
import { usePreferencesStore } from './stores/preferences-store';

// The paper-trading panels are off the critical path; each placeholder has the panel's size.
const AccountBar = lazy(() =>
  import('./features/account/account-bar').then((m) => ({ default: m.AccountBar })),
);
const OrderTicket = lazy(() =>
  import('./features/ticket/order-ticket').then((m) => ({ default: m.OrderTicket })),
);
const PositionsPanel = lazy(() =>
  import('./features/positions/positions-panel').then((m) => ({ default: m.PositionsPanel })),
);
const OrdersPanel = lazy(() =>
  import('./features/orders/orders-panel').then((m) => ({ default: m.OrdersPanel })),
);

/** The header title; index.html's app shell paints the same one before any script runs. */
export const APP_TITLE = 'Quotedeck';

function PanelSlot({ area }: { area: string }) {
  return <div className={`panel paper-slot ${area}`} aria-hidden="true" />;
}

// Before the first render, so a shortcut's instrument is the first one subscribed.
if (typeof window !== 'undefined') adoptSymbolFromUrl(window.location, window.history);

export function App() {
  const feed = useContext(FeedContext);
  const instruments = useQuery(instrumentsQuery);
  const instrument = useSelectedInstrument();
  const setSymbol = usePreferencesStore((s) => s.setSymbol);

  useEffect(() => {
    if (feed && instruments.data) feed.setInstruments(instruments.data.instruments);
  }, [feed, instruments.data]);

  return (
    <div className="app">
      <header className="topbar">
        <h1>{APP_TITLE}</h1>
        <div className="topbar-end">
          {/* Always rendered, so it never moves the header; its overlay is fixed, out of the flow. */}
          <PerfToggle />
          {/* A reserved slot: the button appearing must not move the header (layout shift). */}
          <div className="install-slot">
            <InstallButton />
          </div>
          <ConnectionStatus />
        </div>
      </header>
      <Suspense fallback={<div className="account-bar" aria-hidden="true" />}>
        <AccountBar />
      </Suspense>
      {instruments.isError && (
        <p className="banner" role="alert">
          Could not load instruments: {instruments.error.message}
        </p>
      )}
      <main className="layout">
        <Watchlist
          instruments={instruments.data?.instruments ?? []}
          selectedSymbol={instrument?.symbol}
          onSelect={setSymbol}
          loading={instruments.isPending}
        />
        <InstrumentHeader instrument={instrument} />
        <ChartSection instrument={instrument} />
        <OrderBook instrument={instrument} />
        <TradesTape instrument={instrument} />
        <Suspense fallback={<PanelSlot area="area-ticket" />}>
          <OrderTicket instrument={instrument} />
        </Suspense>
        <Suspense fallback={<PanelSlot area="area-positions" />}>
          <PositionsPanel />
        </Suspense>
        <Suspense fallback={<PanelSlot area="area-orders" />}>
          <OrdersPanel instrument={instrument} />
        </Suspense>
      </main>
    </div>
  );
}
