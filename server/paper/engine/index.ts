/** The paper-trading engine's public surface (the API and the store import from here). */
export { createPaperEngine } from './engine';
export type {
  CancelAllResult,
  CancelResult,
  MarketTrade,
  PaperEngine,
  PlaceResult,
} from './engine';
export {
  DEFAULT_BOOK_DEPTH,
  DEFAULT_MAKER_FEE_BPS,
  DEFAULT_MAX_BOOK_AGE_MS,
  DEFAULT_MIN_NOTIONAL,
  DEFAULT_STARTING_CASH,
  DEFAULT_TAKER_FEE_BPS,
  formatId,
  instrumentLookup,
} from './engine-options';
export type { InstrumentLookup, PaperEngineOptions } from './engine-options';
export {
  accountSummary,
  exposuresOf,
  instrumentMargin,
  markPosition,
  markValue,
  reserveOf,
  summarize,
} from './account-summary';
export type { AccountSummary, Exposure, MarginRules, PositionMark } from './account-summary';
export type { BookTop, LastTrade, MarketView } from './market-view';
export {
  MONEY_UNIT,
  averagePrice,
  feeOf,
  formatMoney,
  moneyFromRaw,
  notionalOf,
  parseMoney,
} from './money';
export { CLIENT_ORDER_ID_PATTERN, isClientOrderId, parseOrderRequest } from './order-request';
export type { ParsedOrderRequest } from './order-request';
export { walkBook } from './book-walk';
export type { WalkPlan } from './book-walk';
