/**
 * The I/O boundary for order requests: turns an unknown body into an OrderRequest or a message
 * saying what is wrong. Only the shape is checked here; instrument rules (tick, lot, notional…)
 * belong to the engine, which records their failures as rejected orders.
 */
import { CLIENT_ORDER_ID_PATTERN } from '../../../protocol/paper';
import {
  ORDER_SIDES,
  ORDER_TYPES,
  TIME_IN_FORCE,
  type OrderRequest,
  type OrderSide,
  type OrderType,
  type TimeInForce,
} from '../types';

export { CLIENT_ORDER_ID_PATTERN };

export type ParsedOrderRequest =
  { ok: true; request: OrderRequest } | { ok: false; message: string };

/** True when `id` is a usable idempotency key (1–64 of [A-Za-z0-9_-]). */
export function isClientOrderId(id: unknown): id is string {
  return typeof id === 'string' && CLIENT_ORDER_ID_PATTERN.test(id);
}

/**
 * Parses a request body. `timeInForce` defaults to gtc, `postOnly` to false, prices to null;
 * everything else is required.
 */
export function parseOrderRequest(body: unknown): ParsedOrderRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail('the order must be a JSON object');
  }
  const fields = body as Record<string, unknown>;
  const { clientOrderId, symbol, side, type, quantity } = fields;
  if (!isClientOrderId(clientOrderId)) {
    return fail('clientOrderId must be 1-64 characters of A-Z, a-z, 0-9, _ or -');
  }
  if (typeof symbol !== 'string' || symbol.length === 0 || symbol.length > 32) {
    return fail('symbol must be a non-empty string');
  }
  if (!isOneOf(ORDER_SIDES, side)) return fail(`side must be one of ${ORDER_SIDES.join(', ')}`);
  if (!isOneOf(ORDER_TYPES, type)) return fail(`type must be one of ${ORDER_TYPES.join(', ')}`);
  if (!isPositiveInteger(quantity)) return fail('quantity must be a positive integer (size units)');
  const limitPrice = fields.limitPrice ?? null;
  const stopPrice = fields.stopPrice ?? null;
  if (limitPrice !== null && !isPositiveInteger(limitPrice)) {
    return fail('limitPrice must be a positive integer (price units) or null');
  }
  if (stopPrice !== null && !isPositiveInteger(stopPrice)) {
    return fail('stopPrice must be a positive integer (price units) or null');
  }
  const timeInForce = fields.timeInForce ?? 'gtc';
  if (!isOneOf(TIME_IN_FORCE, timeInForce)) {
    return fail(`timeInForce must be one of ${TIME_IN_FORCE.join(', ')}`);
  }
  const postOnly = fields.postOnly ?? false;
  if (typeof postOnly !== 'boolean') return fail('postOnly must be a boolean');
  const request: OrderRequest = {
    clientOrderId,
    symbol,
    side: side satisfies OrderSide,
    type: type satisfies OrderType,
    quantity,
    limitPrice,
    stopPrice,
    timeInForce: timeInForce satisfies TimeInForce,
    postOnly,
  };
  return { ok: true, request };
}

function fail(message: string): ParsedOrderRequest {
  return { ok: false, message };
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
