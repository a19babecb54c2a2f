// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Panel } from '../components/panel';
import { applyTickers, useQuote, useQuotesStore } from '../stores/quotes-store';
import { testTicker } from '../../protocol/test-fixtures';

/** A controllable IntersectionObserver: tests decide what is in view. */
class FakeObserver {
  static instances: FakeObserver[] = [];
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeObserver.instances.push(this);
  }
  observe(): void {}
  disconnect(): void {}
  report(isIntersecting: boolean): void {
    act(() =>
      this.callback(
        [{ isIntersecting } as IntersectionObserverEntry],
        this as unknown as IntersectionObserver,
      ),
    );
  }
}

function LastPrice({ inst, onRender }: { inst: number; onRender: () => void }) {
  onRender();
  const quote = useQuote(inst);
  return <span data-testid="last">{quote?.last ?? '—'}</span>;
}

describe('panels render live data only while in view', () => {
  beforeEach(() => {
    FakeObserver.instances = [];
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    useQuotesStore.setState({ tickers: {} });
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  function renderPanel() {
    const onRender = vi.fn();
    render(
      <Panel title="Quotes">
        <LastPrice inst={7} onRender={onRender} />
      </Panel>,
    );
    return onRender;
  }

  it('shows each new quote while the panel is in view', () => {
    renderPanel();
    FakeObserver.instances[0]!.report(true);
    act(() => applyTickers([testTicker({ inst: 7, last: 101 })]));
    expect(screen.getByTestId('last').textContent).toBe('101');
    act(() => applyTickers([testTicker({ inst: 7, last: 102 })]));
    expect(screen.getByTestId('last').textContent).toBe('102');
  });

  it('holds still out of view and shows the latest quote when scrolled back', () => {
    const onRender = renderPanel();
    act(() => applyTickers([testTicker({ inst: 7, last: 101 })]));
    FakeObserver.instances[0]!.report(false);
    const rendersWhenHidden = onRender.mock.calls.length;
    act(() => applyTickers([testTicker({ inst: 7, last: 102 })]));
    act(() => applyTickers([testTicker({ inst: 7, last: 103 })]));
    expect(onRender).toHaveBeenCalledTimes(rendersWhenHidden);
    expect(screen.getByTestId('last').textContent).toBe('101');

    FakeObserver.instances[0]!.report(true);
    expect(screen.getByTestId('last').textContent).toBe('103');
    act(() => applyTickers([testTicker({ inst: 7, last: 104 })]));
    expect(screen.getByTestId('last').textContent).toBe('104');
  });

  it('renders live data where there is no IntersectionObserver', () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    renderPanel();
    act(() => applyTickers([testTicker({ inst: 7, last: 105 })]));
    expect(screen.getByTestId('last').textContent).toBe('105');
  });
});
