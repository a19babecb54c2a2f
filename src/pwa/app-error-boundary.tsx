/** Catches render errors, including a lazy chunk that failed to load, and shows an error state. */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { isChunkLoadError, type ChunkReloadGuard } from './chunk-reload';
import './pwa.css';

export interface AppErrorBoundaryProps {
  guard: ChunkReloadGuard;
  children: ReactNode;
}

interface BoundaryState {
  error: Error | null;
}

/** A chunk-load failure reloads once (through `guard`); any other or repeated failure shows why. */
export class AppErrorBoundary extends Component<AppErrorBoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, _info: ErrorInfo): void {
    if (!isChunkLoadError(error)) return;
    void this.props.guard.reloadIfDeployed().then((reloading) => {
      if (reloading) this.forceUpdate();
    });
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    // After a preloadError the failed import resolves to nothing and React reports a TypeError;
    // while the reload is on its way that is noise, not something to show the trader.
    if (this.props.guard.isReloading()) {
      return (
        <p className="app-error" role="status">
          Loading the new version…
        </p>
      );
    }
    return (
      <div className="app-error" role="alert">
        <h2>Quotedeck could not load</h2>
        <p>
          {isChunkLoadError(error)
            ? 'Part of the app could not be downloaded. Check your connection and try again.'
            : error.message}
        </p>
        <button type="button" onClick={() => window.location.reload()}>
          Try again
        </button>
      </div>
    );
  }
}
