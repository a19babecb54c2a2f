/** GET a JSON document from an exchange's public REST API, with a timeout and a clear error. */

export class ExchangeHttpError extends Error {
  override name = 'ExchangeHttpError';
  constructor(
    message: string,
    /** HTTP status, or 0 when no response arrived. */
    readonly status: number,
  ) {
    super(message);
  }
}

export const DEFAULT_HTTP_TIMEOUT_MS = 10_000;

/** Fetches `url` and parses its body as JSON; rejects with ExchangeHttpError on any failure. */
export async function fetchJson(
  url: string,
  timeoutMs = DEFAULT_HTTP_TIMEOUT_MS,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    const reason =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    throw new ExchangeHttpError(`GET ${url} failed: ${reason}`, 0);
  }
  const text = await response.text();
  if (!response.ok) {
    throw new ExchangeHttpError(
      `GET ${url} answered ${response.status}: ${text.slice(0, 200)}`,
      response.status,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ExchangeHttpError(
      `GET ${url} did not return JSON: ${text.slice(0, 200)}`,
      response.status,
    );
  }
}
