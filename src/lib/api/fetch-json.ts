/** Typed fetch for the gateway's REST API: the body is `unknown` until a guard accepts it. */

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

function errorBody(body: unknown): { code: string; message: string } | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string' ? { code, message } : null;
}

/** GETs `path`, checks the status and validates the JSON body with `guard`. */
export async function fetchJson<T>(
  path: string,
  guard: (value: unknown) => value is T,
  init: RequestInit = {},
): Promise<T> {
  const response = await fetch(path, { ...init, headers: { accept: 'application/json' } });
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    if (response.ok)
      throw new ApiError(`${path}: the response is not JSON`, response.status, 'bad_json');
  }
  if (!response.ok) {
    const detail = errorBody(body);
    throw new ApiError(
      `${path} failed with ${response.status}${detail ? `: ${detail.message}` : ''}`,
      response.status,
      detail?.code ?? 'http_error',
    );
  }
  if (!guard(body)) {
    throw new ApiError(`${path}: unexpected response shape`, response.status, 'bad_shape');
  }
  return body;
}
