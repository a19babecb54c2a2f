/** How many WebSocket clients the gateway says it has, for tests about connection sharing. */

const METRIC = /^quotedeck_ws_connections(?:\{[^}]*\})?\s+(\d+(?:\.\d+)?)\s*$/m;

/**
 * Reads the gauge `quotedeck_ws_connections` from GET /metrics; while a gateway has no metrics
 * route, falls back to the `clients` count of GET /healthz.
 */
export async function gatewayConnections(baseUrl: string): Promise<number> {
  const metrics = await fetch(`${baseUrl}/metrics`);
  if (metrics.ok) {
    const match = METRIC.exec(await metrics.text());
    if (match) return Number(match[1]);
  }
  const health = await fetch(`${baseUrl}/healthz`);
  const body: unknown = await health.json();
  if (typeof body === 'object' && body !== null && 'clients' in body) {
    const clients = (body as { clients: unknown }).clients;
    if (typeof clients === 'number') return clients;
  }
  throw new Error('the gateway reports its clients neither in /metrics nor in /healthz');
}
