/** Client order ids: the idempotency key of every order the app sends. */
import { CLIENT_ORDER_ID_PATTERN } from '../../../protocol/paper';

/** A fresh client order id within [A-Za-z0-9_-]{1,64}: "qd_" and a random UUID. */
export function newClientOrderId(
  source: Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>> = crypto,
): string {
  let uuid: string;
  if (typeof source.randomUUID === 'function') {
    uuid = source.randomUUID();
  } else {
    // randomUUID needs a secure context; a plain-http LAN address still has getRandomValues.
    const bytes = source.getRandomValues(new Uint8Array(16));
    uuid = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  const id = `qd_${uuid}`;
  if (!CLIENT_ORDER_ID_PATTERN.test(id)) throw new Error(`bad client order id ${id}`);
  return id;
}
