export {
  createKrakenSource,
  KRAKEN_DEFAULT_DEPTH,
  KRAKEN_REST_URL,
  KRAKEN_WS_URL,
  type KrakenSourceOptions,
} from './kraken-source';
