export { SIM_CATALOG, simCatalog, type SimInstrument } from './catalog';
export { SimulatedExchange, type SimulatedExchangeOptions } from './simulated-exchange';
export {
  createSimulatedSource,
  DEFAULT_SIM_RATE,
  type SimulatedSourceOptions,
} from './simulated-source';
