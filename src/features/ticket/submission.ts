/**
 * One order submission and its client order id. A submit creates one id; retrying that submit
 * (after an answer that never came) sends the very same body with the same id, so the gateway
 * returns the original order instead of placing a second one. Nothing here retries on its own and
 * nothing is queued: an attempt is sent only when the trader asks.
 */
import type { PlaceOrderBody } from '../../../protocol/paper';
import { newClientOrderId } from '../../lib/api/client-order-id';
import { ApiError } from '../../lib/api/fetch-json';
import type { PlaceResult } from '../../lib/api/paper-commands';

export interface Attempt {
  body: PlaceOrderBody;
  /** Times it was sent. */
  sends: number;
}

export type Outcome =
  | { kind: 'placed'; result: Extract<PlaceResult, { ok: true }> }
  | { kind: 'rejected'; result: Extract<PlaceResult, { ok: false }> }
  /** The gateway refused the request itself (4xx): a retry would get the same answer. */
  | { kind: 'refused'; message: string }
  /** No answer (network, 5xx): the order may or may not exist; only a retry with the same id is safe. */
  | { kind: 'unconfirmed'; message: string };

/** Starts a new submission of `order` with a new client order id. */
export function startAttempt(
  order: Omit<PlaceOrderBody, 'clientOrderId'>,
  makeId: () => string = newClientOrderId,
): Attempt {
  return { body: { clientOrderId: makeId(), ...order }, sends: 0 };
}

/** Sends an attempt (first time or retry, always the same body and id) and classifies the answer. */
export async function sendAttempt(
  attempt: Attempt,
  place: (body: PlaceOrderBody) => Promise<PlaceResult>,
): Promise<Outcome> {
  attempt.sends += 1;
  try {
    const result = await place(attempt.body);
    return result.ok ? { kind: 'placed', result } : { kind: 'rejected', result };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
      if (error.status !== 408 && error.status !== 429) return { kind: 'refused', message };
    }
    return { kind: 'unconfirmed', message };
  }
}
