/**
 * The `account` channel folded into the paper queries: the gateway pushes every change (orders,
 * fills, positions, balances) and this writes it into the same query data the REST endpoints
 * fill, so the panels and the persisted offline copy move together with no polling. Query data
 * stays the one home of account state (DESIGN rule 2); the socket is just a faster way to fill it.
 */
import type { QueryClient } from '@tanstack/react-query';
import type {
  AccountMark,
  AccountMessage,
  AccountSnapshot,
  AccountUpdate,
} from '../../../protocol/account-messages';
import { ServerKind } from '../../../protocol/messages';
import type {
  AccountResponse,
  FillView,
  FillsResponse,
  OrdersResponse,
  PositionView,
  PositionsResponse,
} from '../../../protocol/paper';
import { FILLS_LIMIT, paperKeys } from './paper';
import { mergeOrders } from './paper-mutations';

/** Applies account-channel messages, oldest first, to the paper queries of `client`. */
export function applyAccountMessages(
  client: QueryClient,
  messages: readonly AccountMessage[],
): void {
  for (const message of messages) {
    if (message.kind === ServerKind.accountSnapshot) applySnapshot(client, message);
    else if (message.kind === ServerKind.accountUpdate) applyUpdate(client, message);
    else applyMark(client, message);
  }
}

/**
 * The whole current account. Live orders and positions are complete in it; order history and
 * fills are only its newest part (and a reset empties them), so those are fetched again.
 */
function applySnapshot(client: QueryClient, snapshot: AccountSnapshot): void {
  client.setQueryData<AccountResponse>(paperKeys.account(), { account: snapshot.account });
  client.setQueryData<PositionsResponse>(paperKeys.positions(), { positions: snapshot.positions });
  client.setQueryData<OrdersResponse>(paperKeys.orders('open'), {
    orders: [...snapshot.orders].sort((a, b) => b.createdAt - a.createdAt),
  });
  void client.invalidateQueries({ queryKey: paperKeys.orders('closed') });
  void client.invalidateQueries({ queryKey: paperKeys.orders('all') });
  void client.invalidateQueries({ queryKey: paperKeys.fills() });
}

function applyUpdate(client: QueryClient, update: AccountUpdate): void {
  // Orders carry their own updatedAt and fills are immutable, so both merge safely whatever the
  // order; balances and positions only move forward (a REST answer may already be newer).
  mergeOrders(client, update.orders);
  addFills(client, update.fills);
  if (!isNewer(client, update.seq)) return;
  client.setQueryData<AccountResponse>(paperKeys.account(), { account: update.account });
  mergePositions(client, update.positions);
}

function applyMark(client: QueryClient, mark: AccountMark): void {
  if (!isNewer(client, mark.account.seq, true)) return;
  client.setQueryData<AccountResponse>(paperKeys.account(), { account: mark.account });
  mergePositions(client, mark.positions);
}

/** True when `seq` is ahead of the cached account (or equal, for a mark of the same state). */
function isNewer(client: QueryClient, seq: number, orEqual = false): boolean {
  const cached = client.getQueryData<AccountResponse>(paperKeys.account())?.account.seq;
  return cached === undefined || seq > cached || (orEqual && seq === cached);
}

/** New fills (oldest first on the wire) on top of the cached list, newest first, no repeats. */
function addFills(client: QueryClient, fills: readonly FillView[]): void {
  if (fills.length === 0) return;
  client.setQueryData<FillsResponse>(paperKeys.fills(), (current) => {
    if (!current) return current;
    const known = new Set(current.fills.map((f) => f.id));
    const fresh = fills.filter((f) => !known.has(f.id)).reverse();
    if (fresh.length === 0) return current;
    return { fills: [...fresh, ...current.fills].slice(0, FILLS_LIMIT) };
  });
}

/** Replaces the cached positions of the instruments in `changed`, keeping the list's order. */
function mergePositions(client: QueryClient, changed: readonly PositionView[]): void {
  if (changed.length === 0) return;
  client.setQueryData<PositionsResponse>(paperKeys.positions(), (current) => {
    if (!current) return current;
    const byInst = new Map(changed.map((p) => [p.inst, p]));
    const positions = current.positions.map((p) => byInst.get(p.inst) ?? p);
    const known = new Set(current.positions.map((p) => p.inst));
    for (const p of changed) if (!known.has(p.inst)) positions.push(p);
    return { positions };
  });
}
