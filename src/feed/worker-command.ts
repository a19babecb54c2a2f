/** Guards for what crosses between the page and the feed worker. */
import { CHANNELS, type Channel } from '../../protocol/messages';
import { isInterval } from '../../protocol/intervals';
import type { StreamSpec, WorkerCommand, WorkerEvent, WorkerStats } from './feed-types';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStreamSpec(value: unknown): value is StreamSpec {
  return (
    isRecord(value) &&
    (CHANNELS as readonly unknown[]).includes(value.channel as Channel) &&
    (value.symbol === null || typeof value.symbol === 'string') &&
    (value.depth === null || Number.isSafeInteger(value.depth)) &&
    (value.interval === null || isInterval(value.interval))
  );
}

/** True when `value` is a well-formed command from the page. */
export function isWorkerCommand(value: unknown): value is WorkerCommand {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'start':
      return typeof value.url === 'string';
    case 'instruments':
      return (
        Array.isArray(value.instruments) &&
        value.instruments.every(
          (i: unknown) => isRecord(i) && Number.isSafeInteger(i.id) && typeof i.symbol === 'string',
        )
      );
    case 'subscribe':
    case 'unsubscribe':
      return isStreamSpec(value.spec);
    case 'network':
      return typeof value.online === 'boolean';
    case 'perf':
      return typeof value.on === 'boolean';
    case 'wake':
      return typeof value.hiddenMs === 'number' && value.hiddenMs >= 0;
    case 'alive':
    case 'bye':
    case 'stop':
      return true;
    default:
      return false;
  }
}

/** True when `value` is a message the feed worker sends to a page. */
export function isWorkerEvent(value: unknown): value is WorkerEvent {
  if (!isRecord(value)) return false;
  if (value.type === 'probe' || value.type === 'rejoin') return true;
  return (
    value.type === 'batch' &&
    isRecord(value.batch) &&
    (value.stats === undefined || isWorkerStats(value.stats))
  );
}

const isCount = (value: unknown): boolean => typeof value === 'number' && value >= 0;
const isNullableNumber = (value: unknown): boolean =>
  value === null || (typeof value === 'number' && Number.isFinite(value));

/** True when `value` is a well-formed WorkerStats snapshot. */
export function isWorkerStats(value: unknown): value is WorkerStats {
  return (
    isRecord(value) &&
    isCount(value.at) &&
    isCount(value.messages) &&
    isCount(value.frames) &&
    isCount(value.handleMs) &&
    isCount(value.invalid) &&
    isNullableNumber(value.clockOffsetMs) &&
    isNullableNumber(value.rttMs)
  );
}
