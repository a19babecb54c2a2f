/**
 * The paper account's commands: place, cancel, cancel-all and reset. Each is one HTTP request and
 * is never retried here: a retry of a placement must reuse its client order id, which only the
 * ticket knows (see features/ticket/submission.ts).
 */
import type { OrderView, PlaceOrderBody, RejectCode } from '../../../protocol/paper';
import { ApiError } from './fetch-json';
import {
  isAccountResponse,
  isCancelAllResponse,
  isCancelResponse,
  isOrderRejectedResponse,
  isPlaceOrderResponse,
} from './paper-guards';
import type { AccountView } from '../../../protocol/paper';

export type PlaceResult =
  | { ok: true; order: OrderView; duplicate: boolean }
  | { ok: false; code: RejectCode; message: string; order: OrderView };

function errorMessage(path: string, status: number, body: unknown): ApiError {
  const error =
    typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  const detail =
    typeof error === 'object' && error !== null && 'message' in error ? error.message : undefined;
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : null;
  return new ApiError(
    `${path} failed with ${status}${typeof detail === 'string' ? `: ${detail}` : ''}`,
    status,
    typeof code === 'string' ? code : 'http_error',
  );
}

async function send(path: string, method: string, body?: unknown): Promise<Response> {
  return await fetch(path, {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    // Commands must reach the gateway or fail; never an answer from a cache.
    cache: 'no-store',
  });
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return null;
  }
}

/** POST /api/orders: the order (new or the original of a duplicate) or the engine's rejection. */
export async function placeOrder(body: PlaceOrderBody): Promise<PlaceResult> {
  const path = '/api/orders';
  const response = await send(path, 'POST', body);
  const json = await readJson(response);
  if (response.status === 422 && isOrderRejectedResponse(json)) {
    return { ok: false, code: json.error.code, message: json.error.message, order: json.order };
  }
  if (!response.ok) throw errorMessage(path, response.status, json);
  if (!isPlaceOrderResponse(json)) {
    throw new ApiError(`${path}: unexpected response shape`, response.status, 'bad_shape');
  }
  return { ok: true, order: json.order, duplicate: json.duplicate };
}

async function command<T>(
  path: string,
  method: string,
  guard: (value: unknown) => value is T,
  body?: unknown,
): Promise<T> {
  const response = await send(path, method, body);
  const json = await readJson(response);
  if (!response.ok) throw errorMessage(path, response.status, json);
  if (!guard(json)) {
    throw new ApiError(`${path}: unexpected response shape`, response.status, 'bad_shape');
  }
  return json;
}

/** DELETE /api/orders/:id */
export async function cancelOrder(orderId: string): Promise<OrderView> {
  const path = `/api/orders/${encodeURIComponent(orderId)}`;
  return (await command(path, 'DELETE', isCancelResponse)).order;
}

/** DELETE /api/orders?symbol= — every open order of one instrument. */
export async function cancelAllOrders(symbol: string): Promise<OrderView[]> {
  const path = `/api/orders?symbol=${encodeURIComponent(symbol)}`;
  return (await command(path, 'DELETE', isCancelAllResponse)).orders;
}

/** POST /api/account/reset — back to starting cash. */
export async function resetAccount(): Promise<AccountView> {
  return (await command('/api/account/reset', 'POST', isAccountResponse, { confirm: true }))
    .account;
}
