/** What the soak and hostile benchmarks ask a running gateway over HTTP. */
import { isInstrument, isRecord } from '../../protocol/value-guards';
import { parsePrometheus } from '../fanout/gateway-metrics';

/** The instrument symbols GET /api/instruments lists (throws when it lists none). */
export async function fetchSymbols(url: string, token?: string): Promise<string[]> {
  const response = await fetch(`${url}/api/instruments`, { headers: authorization(token) });
  const body: unknown = await response.json();
  if (!response.ok || !isRecord(body) || !Array.isArray(body.instruments)) {
    throw new Error(`GET /api/instruments answered ${response.status} with an unexpected body`);
  }
  const symbols = body.instruments.filter(isInstrument).map((i) => i.symbol);
  if (symbols.length === 0) throw new Error('the gateway lists no instruments');
  return symbols;
}

/** Waits until GET /readyz answers 200 (markets live, paper account open); throws after `timeoutMs`. */
export async function waitUntilReady(
  url: string,
  token?: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${url}/readyz`, { headers: authorization(token) }).catch(
      () => null,
    );
    await response?.arrayBuffer();
    if (response?.ok) return;
    if (performance.now() > deadline) {
      throw new Error(`GET /readyz did not answer 200 within ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The named samples of GET /metrics, exactly as written (labels included, e.g.
 * `quotedeck_ws_rejections_total{reason="rate_limited"}`), plus each metric's sum over its label
 * sets under its bare name. Empty when /metrics does not answer in time.
 */
export async function scrapeMetrics(
  url: string,
  options: { token?: string; timeoutMs?: number } = {},
): Promise<Map<string, number>> {
  try {
    const response = await fetch(`${url}/metrics`, {
      headers: authorization(options.token),
      signal: AbortSignal.timeout(options.timeoutMs ?? 2_000),
    });
    if (!response.ok) return new Map();
    return parseSamples(await response.text());
  } catch {
    return new Map();
  }
}

/** Every sample of Prometheus text by its full name, plus sums per bare metric name. */
export function parseSamples(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?)\s+(\S+)/.exec(line);
    if (!match) continue;
    const value = Number(match[2]);
    if (!Number.isFinite(value)) continue;
    samples.set(match[1]!, value);
    names.add(match[1]!.replace(/\{.*$/, ''));
  }
  for (const [name, value] of parsePrometheus(text, [...names])) {
    if (!samples.has(name)) samples.set(name, value);
  }
  return samples;
}

/** The Authorization header for a gateway's token (none for an open gateway). */
export function authorization(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { authorization: `Bearer ${token}` };
}
