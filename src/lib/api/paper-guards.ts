/** Type guards for the paper-trading REST bodies in protocol/paper.ts. */
import {
  REJECT_CODES,
  type AccountResponse,
  type CancelAllResponse,
  type CancelResponse,
  type FillsResponse,
  type OrderRejectedResponse,
  type OrdersResponse,
  type PlaceOrderResponse,
  type PositionsResponse,
} from '../../../protocol/paper';
import { isRecord } from '../../../protocol/value-guards';
// The views' guards are the protocol's, shared with the account channel.
import {
  isAccountView,
  isFillView,
  isOrderView,
  isPositionView,
  listOf,
  oneOf,
} from '../../../protocol/account-guards';

export {
  isAccountView,
  isFillView,
  isMoneyText,
  isOrderView,
  isPositionView,
} from '../../../protocol/account-guards';

/** GET /api/orders */
export function isOrdersResponse(value: unknown): value is OrdersResponse {
  return isRecord(value) && listOf(value.orders, isOrderView);
}

/** GET /api/fills */
export function isFillsResponse(value: unknown): value is FillsResponse {
  return isRecord(value) && listOf(value.fills, isFillView);
}

/** GET /api/positions */
export function isPositionsResponse(value: unknown): value is PositionsResponse {
  return isRecord(value) && listOf(value.positions, isPositionView);
}

/** GET /api/account and POST /api/account/reset */
export function isAccountResponse(value: unknown): value is AccountResponse {
  return isRecord(value) && isAccountView(value.account);
}

/** POST /api/orders, 200 or 201 */
export function isPlaceOrderResponse(value: unknown): value is PlaceOrderResponse {
  return isRecord(value) && isOrderView(value.order) && typeof value.duplicate === 'boolean';
}

/** POST /api/orders, 422 */
export function isOrderRejectedResponse(value: unknown): value is OrderRejectedResponse {
  return (
    isRecord(value) &&
    isRecord(value.error) &&
    oneOf(REJECT_CODES, value.error.code) &&
    typeof value.error.message === 'string' &&
    isOrderView(value.order)
  );
}

/** DELETE /api/orders/:id */
export function isCancelResponse(value: unknown): value is CancelResponse {
  return isRecord(value) && isOrderView(value.order);
}

/** DELETE /api/orders?symbol= */
export function isCancelAllResponse(value: unknown): value is CancelAllResponse {
  return isRecord(value) && listOf(value.orders, isOrderView);
}
