/** What the trader has typed into the ticket, and its defaults. */
import type { OrderSide, OrderType, TimeInForce } from '../../../protocol/paper';

export type SizeMode = 'quantity' | 'notional';

export interface TicketInput {
  side: OrderSide;
  type: OrderType;
  /** Limit price (limit, stop_limit). */
  priceText: string;
  /** Trigger price (stop, stop_limit). */
  stopText: string;
  sizeMode: SizeMode;
  /** Quantity in base units, or notional in the account currency (sizeMode). */
  sizeText: string;
  timeInForce: TimeInForce;
  postOnly: boolean;
}

export const INITIAL_TICKET: TicketInput = {
  side: 'buy',
  type: 'limit',
  priceText: '',
  stopText: '',
  sizeMode: 'quantity',
  sizeText: '',
  timeInForce: 'gtc',
  postOnly: false,
};

/** Whether the order type takes a limit price. */
export function needsLimit(type: OrderType): boolean {
  return type === 'limit' || type === 'stop_limit';
}

/** Whether the order type takes a trigger price. */
export function needsStop(type: OrderType): boolean {
  return type === 'stop' || type === 'stop_limit';
}
