/** Coinbase Advanced Trade market-data source. */
export {
  COINBASE_REST_URL,
  COINBASE_WS_URL,
  createCoinbaseSource,
  type CoinbaseTuning,
} from './coinbase-source';
