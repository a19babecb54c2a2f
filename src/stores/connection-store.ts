/** Connection state and freshness as reported by the feed worker. */
import { create } from 'zustand';
import type { ConnectionInfo } from '../feed/feed-types';

export const useConnectionStore = create<ConnectionInfo>()(() => ({
  state: 'connecting',
  latencyMs: null,
  lastMessageTime: null,
  invalidMessages: 0,
  lastError: null,
  staleStreams: [],
}));

/** Replaces the connection state with the worker's latest report. */
export function applyConnection(info: ConnectionInfo): void {
  useConnectionStore.setState(info);
}
