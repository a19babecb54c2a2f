/** Reads one sample from Prometheus text exposition (the gateway's GET /metrics). */

/** The value of an unlabelled metric `name` in `text`, or NaN when absent or malformed. */
export function promValue(text: string, name: string): number {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const [metric, value] = line.trim().split(/\s+/);
    if (metric === name) return value === undefined ? Number.NaN : Number(value);
  }
  return Number.NaN;
}

/** Fetches `name` from the gateway at `baseUrl`. */
export async function readMetric(baseUrl: string, name: string): Promise<number> {
  const response = await fetch(`${baseUrl}/metrics`);
  return promValue(await response.text(), name);
}
