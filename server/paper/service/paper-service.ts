/**
 * The paper account as the gateway runs it: the engine (pure, in memory), the store (durable) and
 * the market, tied together by one serial queue. Every command and every market trade that
 * touches the account runs as: engine → store.commit(transition) → publish → answer. Nobody hears
 * of a change before it is committed; if a commit fails, the engine is rebuilt from the store so
 * memory never runs ahead of disk. Reads that need the live engine go through the queue too, so
 * they see committed state only.
 */
import { ACCOUNT_SNAPSHOT_FILLS } from '../../../protocol/account-messages';
import type { Instrument } from '../../../protocol/instruments';
import type { AccountView, FillView, OrderView, PositionView } from '../../../protocol/paper';
import type { TradeListener } from '../../hub/hub';
import { createPaperEngine, instrumentLookup, type MarketView, type PaperEngine } from '../engine';
import type { ListFillsQuery, ListOrdersQuery, PaperStore } from '../store/paper-store';
import type { AccountState, OrderRequest, Transition } from '../types';
import {
  toAccountView,
  toFillView,
  toOrderView,
  toPositionView,
  type InstrumentById,
} from './account-views';
import { LiveOrders } from './live-orders';
import { SerialQueue } from './serial-queue';

export interface PaperServiceOptions {
  store: PaperStore;
  instruments: readonly Instrument[];
  market: MarketView;
  /** Subscribes to market trades (the hub's onTrade); returns the function that stops it. */
  onTrade?: (listener: TradeListener) => () => void;
  /** Default `paper`. */
  accountId?: string;
  /** Money units (MONEY_SCALE) a new or reset account starts with; default 100,000. */
  startingCash?: bigint;
  makerFeeBps?: number;
  takerFeeBps?: number;
  now?: () => number;
  /** Where failures of background work (market trades, marks) are reported. */
  onError?: (error: unknown) => void;
}

/** A change, already committed: what account subscribers are told. */
export type AccountChange =
  | {
      type: 'update';
      account: AccountView;
      orders: OrderView[];
      fills: FillView[];
      positions: PositionView[];
    }
  /** The account was reset: everything a subscriber holds is void, it needs a new snapshot. */
  | { type: 'reset' };

export interface PlaceOutcome {
  order: OrderView;
  duplicate: boolean;
}

export type CancelOutcome =
  | { ok: true; order: OrderView }
  | { ok: false; error: 'unknown_order' | 'not_open'; order: OrderView | null };

export interface AccountSnapshotData {
  account: AccountView;
  orders: OrderView[];
  positions: PositionView[];
  fills: FillView[];
}

/** The store could not take a change; nothing was applied. */
export class PaperUnavailableError extends Error {
  override name = 'PaperUnavailableError';
}

/** The paper account service (call `start` before anything else). */
export class PaperService {
  readonly accountId: string;
  private readonly queue = new SerialQueue();
  private readonly listeners = new Set<(change: AccountChange) => void>();
  private readonly live = new LiveOrders();
  private readonly instrument: InstrumentById;
  private readonly now: () => number;
  private engine: PaperEngine | null = null;
  private broken = false;
  private seq = 0;
  private updatedAt = 0;
  private stopTrades: (() => void) | null = null;

  constructor(private readonly options: PaperServiceOptions) {
    this.accountId = options.accountId ?? 'paper';
    const lookup = instrumentLookup(options.instruments);
    this.instrument = lookup.byId;
    this.now = options.now ?? Date.now;
  }

  /** Loads the account (a new one starts with the starting cash) and starts hearing trades. */
  async start(): Promise<void> {
    await this.queue.run(() => this.rebuild());
    this.stopTrades =
      this.options.onTrade?.((inst, price, size) => this.onTrade(inst, price, size)) ?? null;
  }

  /** Stops hearing trades, waits for queued work, refuses new commands. Leaves the store open. */
  async close(): Promise<void> {
    this.stopTrades?.();
    this.stopTrades = null;
    await this.queue.close();
  }

  /** Hears every committed change, in commit order. */
  subscribe(listener: (change: AccountChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Places an order (or answers a known clientOrderId with its original order). */
  place(request: OrderRequest): Promise<PlaceOutcome> {
    return this.command(async (engine) => {
      const inMemory = engine.findByClientOrderId(request.clientOrderId);
      const stored = inMemory
        ? null
        : await this.options.store.findOrderByClientId(this.accountId, request.clientOrderId);
      const result = engine.place(request, this.now(), stored);
      if (result.transition) await this.commit(result.transition);
      return { order: toOrderView(result.order, this.instrument), duplicate: result.duplicate };
    });
  }

  /** Cancels one order by id. */
  cancel(orderId: string): Promise<CancelOutcome> {
    return this.command(async (engine) => {
      const result = engine.cancel(orderId, this.now());
      if (result.ok) {
        await this.commit(result.transition);
        return { ok: true, order: toOrderView(result.order, this.instrument) };
      }
      const order = result.order ?? (await this.options.store.getOrder(this.accountId, orderId));
      if (!order) return { ok: false, error: 'unknown_order', order: null };
      return { ok: false, error: 'not_open', order: toOrderView(order, this.instrument) };
    });
  }

  /** Cancels every live order of one instrument, or of all (null). */
  cancelAll(inst: number | null): Promise<OrderView[]> {
    return this.command(async (engine) => {
      const result = engine.cancelAll(inst, this.now());
      if (result.transition) await this.commit(result.transition);
      return result.orders.map((order) => toOrderView(order, this.instrument));
    });
  }

  /** Back to the starting cash: orders, fills and positions deleted; seq and ids continue. */
  reset(): Promise<AccountView> {
    return this.command(async () => {
      const { store } = this.options;
      if ((await store.getBalance(this.accountId)) !== null) {
        await store.resetAccount(this.accountId, this.startingCash(), this.now());
      }
      await this.rebuild();
      this.emit({ type: 'reset' });
      return this.accountNow();
    });
  }

  /** The account at the live market (committed state). */
  account(): Promise<AccountView> {
    return this.command(() => this.accountNow());
  }

  /** Positions marked at the live market (committed state), by instrument. */
  positions(): Promise<PositionView[]> {
    return this.command(() => this.positionsNow());
  }

  /**
   * Takes what a new account-channel subscriber gets between two commits and hands it to `use`
   * inside the queue, so no change can be published between the snapshot and its delivery.
   */
  snapshot<T>(use: (data: AccountSnapshotData) => T): Promise<T> {
    return this.command(async (engine) => {
      const fills = await this.options.store.listFills(this.accountId, {
        limit: ACCOUNT_SNAPSHOT_FILLS,
      });
      return use({
        account: this.accountNow(),
        orders: engine.state().openOrders.map((o) => toOrderView(o, this.instrument)),
        positions: this.positionsNow(),
        fills: fills.map((f) => toFillView(f, this.instrument)),
      });
    });
  }

  /** Account and positions for a mark message; null when no position is open. */
  marks(): Promise<{ account: AccountView; positions: PositionView[] } | null> {
    return this.command((engine) => {
      const open = engine.state().positions.filter((p) => p.quantity !== 0);
      if (open.length === 0) return null;
      return { account: this.accountNow(), positions: this.positionsNow() };
    });
  }

  /** Orders from the store, newest first. */
  async listOrders(query: ListOrdersQuery): Promise<OrderView[]> {
    const orders = await this.options.store.listOrders(this.accountId, query);
    return orders.map((o) => toOrderView(o, this.instrument));
  }

  /** Fills from the store, newest first. */
  async listFills(query: ListFillsQuery): Promise<FillView[]> {
    const fills = await this.options.store.listFills(this.accountId, query);
    return fills.map((f) => toFillView(f, this.instrument));
  }

  /** True while `inst` has orders that a trade could fill or trigger. */
  hasLiveOrders(inst: number): boolean {
    return this.live.has(inst);
  }

  private onTrade(inst: number, price: number, size: number): void {
    // Most trades are on instruments the account has no orders on: no queue, no allocation.
    if (!this.live.has(inst)) return;
    this.command(async (engine) => {
      const transition = engine.onTrade(inst, { price, size }, this.now());
      if (transition) await this.commit(transition);
    }).catch((error: unknown) => this.options.onError?.(error));
  }

  private command<T>(task: (engine: PaperEngine) => Promise<T> | T): Promise<T> {
    return this.queue.run(async () => {
      if (this.broken) await this.rebuild();
      return task(this.engine!);
    });
  }

  /** Commits, then tells subscribers; on failure rebuilds the engine from the store and throws. */
  private async commit(transition: Transition): Promise<void> {
    try {
      await this.options.store.commit(transition);
    } catch (error) {
      this.broken = true;
      await this.rebuild().catch(() => undefined);
      throw new PaperUnavailableError(`the paper store refused the change: ${String(error)}`, {
        cause: error,
      });
    }
    this.seq = transition.balance.seq;
    this.updatedAt = transition.balance.updatedAt;
    this.live.apply(transition.orders);
    this.emit({
      type: 'update',
      account: this.accountNow(),
      orders: transition.orders.map((o) => toOrderView(o, this.instrument)),
      fills: transition.fills.map((f) => toFillView(f, this.instrument)),
      positions: transition.positions.map((p) =>
        toPositionView(p, this.instrument, this.options.market),
      ),
    });
  }

  /** A fresh engine from what the store holds (a fresh account when it holds nothing). */
  private async rebuild(): Promise<void> {
    const state: AccountState | null = await this.options.store.load(this.accountId);
    this.engine = createPaperEngine({
      instruments: instrumentLookup(this.options.instruments),
      market: this.options.market,
      accountId: this.accountId,
      startingCash: this.startingCash(),
      ...(this.options.makerFeeBps === undefined ? {} : { makerFeeBps: this.options.makerFeeBps }),
      ...(this.options.takerFeeBps === undefined ? {} : { takerFeeBps: this.options.takerFeeBps }),
      initialState: state,
    });
    this.seq = state?.balance.seq ?? 0;
    this.updatedAt = state?.balance.updatedAt ?? 0;
    this.live.reset(state?.openOrders ?? []);
    this.broken = false;
  }

  private startingCash(): bigint {
    return this.options.startingCash ?? 100_000n * 10n ** 16n;
  }

  private accountNow(): AccountView {
    const engine = this.engine!;
    // The engine's resolved rates, so the ticket's preview charges what the engine will.
    return toAccountView(engine.summary(), engine, this.seq, this.updatedAt);
  }

  private positionsNow(): PositionView[] {
    return this.engine!.state()
      .positions.sort((a, b) => a.inst - b.inst)
      .map((p) => toPositionView(p, this.instrument, this.options.market));
  }

  private emit(change: AccountChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.options.onError?.(error);
      }
    }
  }
}
