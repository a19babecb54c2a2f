/** Options of the paper engine, their defaults and the fresh account they imply. */
import type { Instrument } from '../../../protocol/instruments';
import type { AccountState, Balance, Order } from '../types';
import type { MarketView } from './market-view';
import { MONEY_UNIT } from './money';

export interface InstrumentLookup {
  byId(inst: number): Instrument | undefined;
  bySymbol(symbol: string): Instrument | undefined;
}

export interface PaperEngineOptions {
  instruments: InstrumentLookup;
  market: MarketView;
  /** Default `paper`; ignored when `initialState` is given. */
  accountId?: string;
  /** Account currency; instruments quoted in another currency are refused. Default USD. */
  currency?: string;
  /** Money units (MONEY_SCALE); default 100,000 of the currency. */
  startingCash?: bigint;
  /** Non-negative integers; defaults 2 (maker) and 5 (taker). */
  makerFeeBps?: number;
  takerFeeBps?: number;
  /** Positive integer multiple of equity that positions and orders may use; default 1. */
  leverage?: number;
  /** Orders are refused against a book older than this; default 5,000 ms. */
  maxBookAgeMs?: number;
  /** Money units; default 1 of the currency. */
  minNotional?: bigint;
  /** Levels per side a taking order may walk; default 100. */
  bookDepth?: number;
  /** The account as the store loaded it; null or absent starts a fresh account. */
  initialState?: AccountState | null;
  /** Finds an order by client order id among orders the engine no longer holds (the store's). */
  findOrderByClientId?: (clientOrderId: string) => Order | null | undefined;
  /** Final orders kept in memory for idempotency and cancel answers; default 10,000. */
  recentOrderCapacity?: number;
}

export interface ResolvedOptions {
  accountId: string;
  currency: string;
  startingCash: bigint;
  makerFeeBps: number;
  takerFeeBps: number;
  leverage: number;
  maxBookAgeMs: number;
  minNotional: bigint;
  bookDepth: number;
  recentOrderCapacity: number;
}

export const DEFAULT_STARTING_CASH = 100_000n * MONEY_UNIT;
export const DEFAULT_MAKER_FEE_BPS = 2;
export const DEFAULT_TAKER_FEE_BPS = 5;
export const DEFAULT_MAX_BOOK_AGE_MS = 5_000;
export const DEFAULT_MIN_NOTIONAL = MONEY_UNIT;
export const DEFAULT_BOOK_DEPTH = 100;

/** Fills in defaults and refuses options that would make the arithmetic meaningless. */
export function resolveOptions(options: PaperEngineOptions): ResolvedOptions {
  const balance = options.initialState?.balance;
  const resolved: ResolvedOptions = {
    accountId: balance?.accountId ?? options.accountId ?? 'paper',
    currency: balance?.currency ?? options.currency ?? 'USD',
    startingCash: balance?.startingCash ?? options.startingCash ?? DEFAULT_STARTING_CASH,
    makerFeeBps: options.makerFeeBps ?? DEFAULT_MAKER_FEE_BPS,
    takerFeeBps: options.takerFeeBps ?? DEFAULT_TAKER_FEE_BPS,
    leverage: options.leverage ?? 1,
    maxBookAgeMs: options.maxBookAgeMs ?? DEFAULT_MAX_BOOK_AGE_MS,
    minNotional: options.minNotional ?? DEFAULT_MIN_NOTIONAL,
    bookDepth: options.bookDepth ?? DEFAULT_BOOK_DEPTH,
    recentOrderCapacity: options.recentOrderCapacity ?? 10_000,
  };
  requireInteger('makerFeeBps', resolved.makerFeeBps, 0);
  requireInteger('takerFeeBps', resolved.takerFeeBps, 0);
  requireInteger('leverage', resolved.leverage, 1);
  requireInteger('maxBookAgeMs', resolved.maxBookAgeMs, 0);
  requireInteger('bookDepth', resolved.bookDepth, 1);
  requireInteger('recentOrderCapacity', resolved.recentOrderCapacity, 0);
  if (resolved.startingCash < 0n) throw new RangeError('startingCash must not be negative');
  if (resolved.minNotional < 0n) throw new RangeError('minNotional must not be negative');
  return resolved;
}

/** The balance of an account that has never traded. */
export function freshBalance(options: ResolvedOptions): Balance {
  return {
    accountId: options.accountId,
    currency: options.currency,
    cash: options.startingCash,
    startingCash: options.startingCash,
    feesPaid: 0n,
    realizedPnl: 0n,
    nextOrderNumber: 1,
    nextFillNumber: 1,
    seq: 0,
    updatedAt: 0,
  };
}

/** An instrument lookup over a list (tests, or a source's instrument list). */
export function instrumentLookup(instruments: readonly Instrument[]): InstrumentLookup {
  const byId = new Map(instruments.map((i) => [i.id, i]));
  const bySymbol = new Map(instruments.map((i) => [i.symbol, i]));
  return { byId: (inst) => byId.get(inst), bySymbol: (symbol) => bySymbol.get(symbol) };
}

/** `o_0000000042`-style ids: zero-padded so they sort like their numbers. */
export function formatId(prefix: 'o_' | 'f_', n: number): string {
  return `${prefix}${String(n).padStart(10, '0')}`;
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
  }
}
