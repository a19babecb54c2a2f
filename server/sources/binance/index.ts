export {
  BINANCE_REST_URL,
  BINANCE_WS_URL,
  binanceStreamPath,
  createBinanceSource,
  DEFAULT_MAX_CONNECTION_MS,
  type BinanceSource,
  type BinanceSourceOptions,
} from './binance-source';
export { binanceSymbol, type BinanceLimits } from './binance-instruments';
export {
  DEFAULT_DEPTH_LIMIT,
  DEFAULT_SNAPSHOT_PACING,
  type SnapshotPacing,
} from './binance-snapshots';
