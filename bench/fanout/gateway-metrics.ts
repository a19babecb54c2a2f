/**
 * The gateway's own counters from GET /metrics (Prometheus text): what it says it sent, to set
 * beside what the clients counted, and how often it conflated or dropped slow clients.
 */

export const FEED_COUNTERS = {
  messagesSent: 'quotedeck_ws_messages_sent_total',
  framesSent: 'quotedeck_ws_frames_sent_total',
  bytesSent: 'quotedeck_ws_bytes_sent_total',
  conflations: 'quotedeck_ws_conflations_total',
  slowCloses: 'quotedeck_ws_slow_closes_total',
} as const;

export type FeedCounters = Record<keyof typeof FEED_COUNTERS, number>;

/** Values of the named metrics in Prometheus text, summed over label sets; missing ones absent. */
export function parsePrometheus(text: string, names: readonly string[]): Map<string, number> {
  const wanted = new Set(names);
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match || !wanted.has(match[1]!)) continue;
    const value = Number(match[3]);
    if (!Number.isFinite(value)) continue;
    values.set(match[1]!, (values.get(match[1]!) ?? 0) + value);
  }
  return values;
}

/** The feed counters from `text`; NaN for each one the gateway does not export. */
export function feedCounters(text: string): FeedCounters {
  const values = parsePrometheus(text, Object.values(FEED_COUNTERS));
  const read = (name: string): number => values.get(name) ?? NaN;
  return {
    messagesSent: read(FEED_COUNTERS.messagesSent),
    framesSent: read(FEED_COUNTERS.framesSent),
    bytesSent: read(FEED_COUNTERS.bytesSent),
    conflations: read(FEED_COUNTERS.conflations),
    slowCloses: read(FEED_COUNTERS.slowCloses),
  };
}

/** Scrapes the gateway's feed counters; all NaN when /metrics is missing or does not answer. */
export async function scrapeFeedCounters(
  baseUrl: string,
  timeoutMs = 5_000,
): Promise<FeedCounters> {
  try {
    const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
    return feedCounters(response.ok ? await response.text() : '');
  } catch {
    return feedCounters('');
  }
}

/** Per-second rates of the counters between two scrapes `seconds` apart. */
export function counterRates(
  start: FeedCounters,
  end: FeedCounters,
  seconds: number,
): FeedCounters {
  const rate = (key: keyof FeedCounters): number => (end[key] - start[key]) / seconds;
  return {
    messagesSent: rate('messagesSent'),
    framesSent: rate('framesSent'),
    bytesSent: rate('bytesSent'),
    conflations: rate('conflations'),
    slowCloses: rate('slowCloses'),
  };
}
