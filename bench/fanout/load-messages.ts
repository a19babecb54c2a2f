/**
 * Messages between the benchmark (parent) and its load process over the IPC channel, with the
 * guards each side runs on what it receives.
 */
import { isRecord } from '../../protocol/value-guards';
import type { Delivery } from './delivery';
import type { LatencySummary } from './latency-histogram';

export interface ConnectCommand {
  type: 'connect';
  /** ws://127.0.0.1:port/ws[?format=json] */
  url: string;
  /** Subscribe with JSON text frames (the JSON feed) instead of MessagePack. */
  json: boolean;
  /** The gateway sends each message in a frame of its own (the naive baseline). */
  oneMessagePerFrame: boolean;
  clients: number;
  /** Clients of each profile that decode every frame (the rest count bytes). */
  decodePerProfile: number;
  symbols: string[];
  /** Handshakes in flight at once (the listen backlog is finite). */
  concurrency: number;
}

export type LoadCommand = ConnectCommand | { type: 'mark' } | { type: 'report' } | { type: 'stop' };

export interface LoadReport {
  /** Length of the measuring window by the load process's clock. */
  windowMs: number;
  delivery: Delivery;
  /** Trade event time → receipt, over decoded clients. */
  latency: LatencySummary;
  /** Frames that arrived as text (JSON) rather than binary. */
  /** Decoded messages per numeric `kind` (decoded clients only). */
  kinds: Record<string, number>;
  textFrames: number;
  malformedFrames: number;
  /** Clients still open at the end of the window. */
  open: number;
  /** Close codes of clients that closed during the window, with counts. */
  closeCodes: Record<string, number>;
  /** CPU seconds the load process used during the window. */
  cpuSeconds: number;
}

export type LoadEvent =
  | { type: 'connected'; open: number; failed: number; firstError: string | null }
  | { type: 'marked' }
  | { type: 'report'; report: LoadReport };

const isNumber = (value: unknown): value is number => typeof value === 'number';
const isCount = (value: unknown): value is number =>
  Number.isSafeInteger(value) && Number(value) >= 0;

/** The command in `value`, or null when it is not one. */
export function parseLoadCommand(value: unknown): LoadCommand | null {
  if (!isRecord(value)) return null;
  switch (value.type) {
    case 'mark':
    case 'report':
    case 'stop':
      return { type: value.type };
    case 'connect': {
      const { url, json, oneMessagePerFrame, clients, decodePerProfile, symbols, concurrency } =
        value;
      if (typeof url !== 'string' || !/^wss?:\/\//.test(url)) return null;
      if (typeof json !== 'boolean' || typeof oneMessagePerFrame !== 'boolean') return null;
      if (!isCount(clients) || !isCount(decodePerProfile) || !isCount(concurrency)) return null;
      if (concurrency < 1) return null;
      if (!Array.isArray(symbols) || symbols.length === 0) return null;
      if (!symbols.every((s): s is string => typeof s === 'string')) return null;
      return {
        type: 'connect',
        url,
        json,
        oneMessagePerFrame,
        clients,
        decodePerProfile,
        symbols,
        concurrency,
      };
    }
    default:
      return null;
  }
}

/** The event in `value`, or null when it is not one. */
export function parseLoadEvent(value: unknown): LoadEvent | null {
  if (!isRecord(value)) return null;
  switch (value.type) {
    case 'marked':
      return { type: 'marked' };
    case 'connected': {
      const { open, failed, firstError } = value;
      if (!isCount(open) || !isCount(failed)) return null;
      if (firstError !== null && typeof firstError !== 'string') return null;
      return { type: 'connected', open, failed, firstError };
    }
    case 'report':
      return isLoadReport(value.report) ? { type: 'report', report: value.report } : null;
    default:
      return null;
  }
}

function isLoadReport(value: unknown): value is LoadReport {
  if (!isRecord(value)) return false;
  const { delivery, latency, closeCodes } = value;
  return (
    isNumber(value.windowMs) &&
    isRecord(delivery) &&
    (isCount(delivery.messages) || Number.isNaN(delivery.messages)) &&
    [
      'decodedMessages',
      'derivedMessages',
      'decodedClients',
      'bytes',
      'frames',
      'underivedBytes',
      'framesMismatch',
    ].every((key) => isCount(delivery[key])) &&
    isNumber(delivery.ratioSpread) &&
    isRecord(latency) &&
    ['count', 'p50', 'p99', 'max'].every((key) => isNumber(latency[key])) &&
    isRecord(value.kinds) &&
    Object.values(value.kinds).every(isCount) &&
    isCount(value.textFrames) &&
    isCount(value.malformedFrames) &&
    isCount(value.open) &&
    isRecord(closeCodes) &&
    Object.values(closeCodes).every(isCount) &&
    isNumber(value.cpuSeconds)
  );
}
