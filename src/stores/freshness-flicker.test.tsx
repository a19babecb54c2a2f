// @vitest-environment jsdom
/**
 * Hysteresis of the stale marking: a connection or stream that flaps quickly must not make a
 * panel's marking blink. It turns stale once, stays stale through the flapping, and turns live
 * once, when data newer than the stale moment arrives.
 */
import { act, cleanup, render } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONNECTION_STATES, type ConnectionInfo } from '../feed/feed-types';
import { resetLiveStores } from '../offline/test-stores';
import { applyConnection } from './connection-store';
import { markLive, sliceKey } from './freshness-store';
import { nextFreshness, NOT_STALE, type FreshnessFacts } from './freshness-rules';
import { usePanelFreshness } from './use-panel-freshness';

const INST = 3;
const info = (state: ConnectionInfo['state'], staleStreams: string[] = []): ConnectionInfo => ({
  state,
  latencyMs: 1,
  lastMessageTime: 1,
  invalidMessages: 0,
  lastError: null,
  closeReason: null,
  staleStreams,
});

/** Renders a trades panel's freshness and records every value of `stale` it rendered with. */
function renderPanel() {
  const shown: boolean[] = [];
  function Probe() {
    const { stale } = usePanelFreshness({
      slice: sliceKey.trades(INST),
      channel: 'trades',
      inst: INST,
    });
    if (shown.at(-1) !== stale) shown.push(stale);
    return null;
  }
  render(<Probe />);
  return shown;
}

describe('stale marking hysteresis', () => {
  beforeEach(() => {
    resetLiveStores();
    act(() => {
      applyConnection(info('live'));
      markLive([sliceKey.trades(INST)], 1_000);
    });
  });
  afterEach(cleanup);

  it('does not blink while the connection flaps without new data', () => {
    const shown = renderPanel();
    for (let i = 0; i < 20; i++) {
      act(() => applyConnection(info(i % 2 === 0 ? 'offline' : 'live')));
      act(() => applyConnection(info(i % 3 === 0 ? 'connecting' : 'degraded')));
    }
    act(() => applyConnection(info('live')));
    expect(shown).toEqual([false, true]);
    act(() => markLive([sliceKey.trades(INST)], 2_000));
    expect(shown).toEqual([false, true, false]);
  });

  it('does not blink while its stream flaps between not live and live without new data', () => {
    const shown = renderPanel();
    for (let i = 0; i < 20; i++) {
      act(() => applyConnection(info('degraded', [`trades|${INST}`])));
      act(() => applyConnection(info('live')));
    }
    expect(shown).toEqual([false, true]);
    // Data of the stale moment itself is not news; only newer data ends the marking.
    act(() => markLive([sliceKey.trades(INST)], 1_000));
    expect(shown).toEqual([false, true]);
    act(() => markLive([sliceKey.trades(INST)], 1_001));
    expect(shown).toEqual([false, true, false]);
  });

  it("ignores other streams' outages", () => {
    const shown = renderPanel();
    for (let i = 0; i < 10; i++) {
      act(() => applyConnection(info('degraded', [`trades|${INST + 1}`, `book|${INST}`])));
      act(() => applyConnection(info('live')));
    }
    expect(shown).toEqual([false]);
  });
});

describe('nextFreshness', () => {
  const facts = fc.record<FreshnessFacts>({
    connection: fc.constantFrom(...CONNECTION_STATES),
    streamStale: fc.boolean(),
    hasData: fc.constant(true),
    restored: fc.boolean(),
    sliceAsOf: fc.constant(1_000),
  });

  it('once stale, stays stale through any flapping until newer data arrives', () => {
    fc.assert(
      fc.property(fc.array(facts, { minLength: 1, maxLength: 40 }), (sequence) => {
        let memory = NOT_STALE;
        let toggles = 0;
        for (const next of sequence) {
          const after = nextFreshness(memory, next);
          if (after.stale !== memory.stale) toggles++;
          memory = after;
        }
        // Without newer data the marking can turn on, but never off again.
        expect(toggles).toBeLessThanOrEqual(1);
      }),
    );
  });
});
