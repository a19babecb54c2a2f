// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionInfo } from '../feed/feed-types';
import { applyConnection } from '../stores/connection-store';
import { ConnectionStatus } from './connection-status';

const info = (fields: Partial<ConnectionInfo>): ConnectionInfo => ({
  state: 'live',
  latencyMs: 12,
  lastMessageTime: 1,
  invalidMessages: 0,
  lastError: null,
  closeReason: null,
  staleStreams: [],
  ...fields,
});

const badge = () => screen.getByTestId('connection-status').closest('.connection')!;

describe('ConnectionStatus', () => {
  beforeEach(() => applyConnection(info({ state: 'connecting', latencyMs: null })));
  afterEach(cleanup);

  it('tells connecting, live, degraded and offline apart, in text, dot and title', () => {
    render(<ConnectionStatus />);
    const seen: Array<[string, string | null, string | null]> = [];
    const look = () =>
      seen.push([
        screen.getByTestId('connection-status').textContent ?? '',
        badge().querySelector('.dot')!.getAttribute('class'),
        badge().getAttribute('title'),
      ]);
    look();
    act(() => applyConnection(info({ state: 'live' })));
    look();
    act(() => applyConnection(info({ state: 'degraded', staleStreams: ['book|1', 'trades|1'] })));
    look();
    act(() => applyConnection(info({ state: 'offline', lastError: 'the browser is offline' })));
    look();
    expect(seen).toEqual([
      ['connecting', 'dot dot-connecting', 'Connecting to the gateway'],
      ['live', 'dot dot-live', 'Live: every stream is current'],
      ['degraded', 'dot dot-degraded', 'Degraded: 2 streams not live, marked stale'],
      [
        'offline',
        'dot dot-offline',
        'Offline: the browser is offline; showing the last known data, reconnecting',
      ],
    ]);
  });

  it('shows latency only while connected', () => {
    render(<ConnectionStatus />);
    act(() => applyConnection(info({ state: 'degraded', latencyMs: 33.4 })));
    expect(screen.getByTestId('latency').textContent).toBe('33 ms');
    act(() => applyConnection(info({ state: 'offline', latencyMs: 33.4 })));
    expect(screen.getByTestId('latency').textContent).toBe('— ms');
  });

  it('says the gateway is shutting down after a 1001 close, and stops saying it once live', () => {
    render(<ConnectionStatus />);
    act(() => applyConnection(info({ state: 'offline', closeReason: 'gateway shutting down' })));
    expect(screen.getByTestId('connection-status').textContent).toBe('offline');
    expect(screen.getByTestId('connection-reason').textContent).toBe('gateway shutting down');
    expect(badge().getAttribute('title')).toContain('gateway shutting down');
    act(() => applyConnection(info({ state: 'live', closeReason: null })));
    expect(screen.queryByTestId('connection-reason')).toBeNull();
  });

  it('copes with a report from an older worker that has no closeReason', () => {
    render(<ConnectionStatus />);
    const old: ConnectionInfo = info({ state: 'offline' });
    delete old.closeReason;
    act(() => applyConnection(old));
    expect(screen.queryByTestId('connection-reason')).toBeNull();
    expect(badge().getAttribute('title')).toBe(
      'Offline; showing the last known data, reconnecting',
    );
  });
});
