/**
 * The simulated exchange's instruments: real-looking crypto pairs, US equities and FX pairs with
 * plausible price levels, tick and lot sizes, volatilities and activity.
 */
import { parseUnits } from '../../../protocol/decimal';
import type { AssetClass, Instrument } from '../../../protocol/instruments';

export interface SimInstrument {
  instrument: Instrument;
  /** Price the live book starts from, in integer price units on the tick grid. */
  startPrice: number;
  /** Annualized volatility (0.55 = 55 %). */
  volatility: number;
  /** Relative share of the order flow; 1 is a quiet name, BTC-USD is about 14. */
  activity: number;
}

/** Added to every market's activity so even the quietest name ticks every second or so. */
export const ACTIVITY_FLOOR = 2;

/** [symbol, name, start price, annualized volatility, activity] */
type Row = readonly [string, string, string, number, number];

const CRYPTO: readonly Row[] = [
  ['BTC-USD', 'Bitcoin', '65000.00', 0.55, 14],
  ['ETH-USD', 'Ethereum', '3500.00', 0.65, 10],
  ['SOL-USD', 'Solana', '150.00', 0.85, 6],
  ['XRP-USD', 'XRP', '0.5200', 0.8, 4],
  ['BNB-USD', 'BNB', '580.00', 0.6, 3],
  ['DOGE-USD', 'Dogecoin', '0.15000', 0.95, 4],
  ['ADA-USD', 'Cardano', '0.4500', 0.85, 2],
  ['AVAX-USD', 'Avalanche', '35.000', 0.9, 2],
  ['LINK-USD', 'Chainlink', '15.000', 0.85, 2],
  ['DOT-USD', 'Polkadot', '7.000', 0.85, 1.5],
  ['POL-USD', 'Polygon', '0.7000', 0.9, 1.5],
  ['LTC-USD', 'Litecoin', '80.00', 0.7, 1.5],
  ['BCH-USD', 'Bitcoin Cash', '450.00', 0.75, 1.2],
  ['TRX-USD', 'TRON', '0.12000', 0.6, 1],
  ['SHIB-USD', 'Shiba Inu', '0.000025000', 1.0, 1.5],
  ['UNI-USD', 'Uniswap', '10.000', 0.9, 1],
  ['ATOM-USD', 'Cosmos', '8.000', 0.85, 1],
  ['XLM-USD', 'Stellar', '0.11000', 0.75, 1],
  ['ETC-USD', 'Ethereum Classic', '27.000', 0.8, 1],
  ['FIL-USD', 'Filecoin', '6.000', 0.95, 1],
  ['APT-USD', 'Aptos', '9.000', 1.0, 1],
  ['ARB-USD', 'Arbitrum', '1.1000', 1.0, 1.2],
  ['OP-USD', 'Optimism', '2.5000', 1.0, 1],
  ['NEAR-USD', 'NEAR Protocol', '6.000', 0.95, 1],
  ['ICP-USD', 'Internet Computer', '12.000', 0.95, 0.8],
  ['AAVE-USD', 'Aave', '95.00', 0.9, 0.8],
  ['MKR-USD', 'Maker', '2800.00', 0.85, 0.6],
  ['INJ-USD', 'Injective', '25.000', 1.1, 0.8],
  ['SUI-USD', 'Sui', '1.0000', 1.1, 1],
  ['SEI-USD', 'Sei', '0.5000', 1.2, 0.7],
  ['PEPE-USD', 'Pepe', '0.0000090000', 1.3, 1.2],
  ['TIA-USD', 'Celestia', '9.000', 1.1, 0.7],
  ['RENDER-USD', 'Render', '8.000', 1.1, 0.8],
  ['HBAR-USD', 'Hedera', '0.090000', 0.9, 0.6],
  ['ALGO-USD', 'Algorand', '0.18000', 0.85, 0.5],
  ['BTC-USDT', 'Bitcoin / Tether', '65010.00', 0.55, 8],
  ['ETH-USDT', 'Ethereum / Tether', '3501.00', 0.65, 6],
  ['SOL-USDT', 'Solana / Tether', '150.02', 0.85, 3],
  ['XRP-USDT', 'XRP / Tether', '0.5201', 0.8, 2],
  ['DOGE-USDT', 'Dogecoin / Tether', '0.15002', 0.95, 2],
];

const EQUITIES: readonly Row[] = [
  ['AAPL', 'Apple Inc.', '190.00', 0.25, 9],
  ['MSFT', 'Microsoft Corp.', '420.00', 0.24, 7],
  ['NVDA', 'NVIDIA Corp.', '120.00', 0.5, 10],
  ['AMZN', 'Amazon.com Inc.', '185.00', 0.32, 6],
  ['GOOGL', 'Alphabet Inc. Class A', '175.00', 0.3, 5],
  ['META', 'Meta Platforms Inc.', '500.00', 0.38, 5],
  ['TSLA', 'Tesla Inc.', '240.00', 0.6, 8],
  ['BRK.B', 'Berkshire Hathaway Inc. Class B', '410.00', 0.16, 1.5],
  ['JPM', 'JPMorgan Chase & Co.', '200.00', 0.22, 2],
  ['V', 'Visa Inc.', '275.00', 0.2, 1.5],
  ['UNH', 'UnitedHealth Group Inc.', '520.00', 0.26, 1.5],
  ['XOM', 'Exxon Mobil Corp.', '115.00', 0.25, 1.5],
  ['JNJ', 'Johnson & Johnson', '155.00', 0.17, 1],
  ['WMT', 'Walmart Inc.', '68.00', 0.2, 1.5],
  ['MA', 'Mastercard Inc.', '460.00', 0.21, 1],
  ['PG', 'Procter & Gamble Co.', '165.00', 0.16, 1],
  ['HD', 'Home Depot Inc.', '350.00', 0.24, 1],
  ['CVX', 'Chevron Corp.', '160.00', 0.25, 1],
  ['LLY', 'Eli Lilly and Co.', '800.00', 0.33, 2],
  ['AVGO', 'Broadcom Inc.', '160.00', 0.45, 3],
  ['COST', 'Costco Wholesale Corp.', '850.00', 0.22, 1],
  ['ABBV', 'AbbVie Inc.', '170.00', 0.22, 1],
  ['MRK', 'Merck & Co. Inc.', '125.00', 0.21, 1],
  ['PEP', 'PepsiCo Inc.', '170.00', 0.16, 1],
  ['KO', 'Coca-Cola Co.', '62.00', 0.15, 1],
  ['ADBE', 'Adobe Inc.', '520.00', 0.35, 1.2],
  ['CRM', 'Salesforce Inc.', '260.00', 0.35, 1.2],
  ['NFLX', 'Netflix Inc.', '650.00', 0.38, 2],
  ['AMD', 'Advanced Micro Devices Inc.', '160.00', 0.5, 5],
  ['INTC', 'Intel Corp.', '30.00', 0.4, 2],
  ['CSCO', 'Cisco Systems Inc.', '48.00', 0.2, 1],
  ['ORCL', 'Oracle Corp.', '140.00', 0.3, 1.2],
  ['QCOM', 'Qualcomm Inc.', '170.00', 0.36, 1.2],
  ['TXN', 'Texas Instruments Inc.', '195.00', 0.27, 0.8],
  ['BAC', 'Bank of America Corp.', '40.00', 0.26, 2],
  ['WFC', 'Wells Fargo & Co.', '58.00', 0.27, 1],
  ['DIS', 'Walt Disney Co.', '100.00', 0.28, 1.2],
  ['NKE', 'Nike Inc.', '90.00', 0.3, 1],
  ['MCD', "McDonald's Corp.", '260.00', 0.18, 0.8],
  ['PFE', 'Pfizer Inc.', '28.00', 0.24, 1],
  ['T', 'AT&T Inc.', '18.00', 0.22, 1],
  ['VZ', 'Verizon Communications Inc.', '40.00', 0.2, 0.8],
  ['BA', 'Boeing Co.', '180.00', 0.38, 1.5],
  ['IBM', 'International Business Machines Corp.', '180.00', 0.22, 0.8],
  ['UBER', 'Uber Technologies Inc.', '70.00', 0.4, 1.5],
  ['PLTR', 'Palantir Technologies Inc.', '25.00', 0.6, 3],
  ['COIN', 'Coinbase Global Inc.', '230.00', 0.75, 2],
];

const FX: readonly Row[] = [
  ['EUR-USD', 'Euro / US Dollar', '1.08500', 0.07, 9],
  ['USD-JPY', 'US Dollar / Japanese Yen', '155.000', 0.1, 7],
  ['GBP-USD', 'British Pound / US Dollar', '1.27000', 0.08, 5],
  ['USD-CHF', 'US Dollar / Swiss Franc', '0.90000', 0.08, 2],
  ['AUD-USD', 'Australian Dollar / US Dollar', '0.66000', 0.1, 3],
  ['USD-CAD', 'US Dollar / Canadian Dollar', '1.36000', 0.06, 2],
  ['NZD-USD', 'New Zealand Dollar / US Dollar', '0.61000', 0.1, 1],
  ['EUR-GBP', 'Euro / British Pound', '0.85500', 0.06, 1.5],
  ['EUR-JPY', 'Euro / Japanese Yen', '168.000', 0.1, 2],
  ['GBP-JPY', 'British Pound / Japanese Yen', '197.000', 0.11, 1.5],
  ['EUR-CHF', 'Euro / Swiss Franc', '0.97000', 0.06, 1],
  ['AUD-JPY', 'Australian Dollar / Japanese Yen', '102.000', 0.12, 1],
  ['EUR-AUD', 'Euro / Australian Dollar', '1.64000', 0.09, 0.8],
  ['EUR-CAD', 'Euro / Canadian Dollar', '1.47000', 0.07, 0.8],
  ['USD-SEK', 'US Dollar / Swedish Krona', '10.60000', 0.1, 0.6],
  ['USD-NOK', 'US Dollar / Norwegian Krone', '10.70000', 0.11, 0.6],
  ['USD-MXN', 'US Dollar / Mexican Peso', '17.50000', 0.12, 1],
  ['USD-SGD', 'US Dollar / Singapore Dollar', '1.35000', 0.05, 0.6],
  ['USD-HKD', 'US Dollar / Hong Kong Dollar', '7.81000', 0.01, 0.5],
  ['USD-CNH', 'US Dollar / Offshore Yuan', '7.25000', 0.04, 1],
  ['USD-ZAR', 'US Dollar / South African Rand', '18.40000', 0.15, 0.6],
  ['USD-TRY', 'US Dollar / Turkish Lira', '32.50000', 0.15, 0.5],
];

interface Scales {
  priceScale: number;
  sizeScale: number;
  lot: number;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function scalesFor(assetClass: AssetClass, quote: string, price: number): Scales {
  const magnitude = Math.floor(Math.log10(price));
  if (assetClass === 'equity') return { priceScale: 2, sizeScale: 0, lot: 1 };
  if (assetClass === 'fx') return { priceScale: quote === 'JPY' ? 3 : 5, sizeScale: 0, lot: 1000 };
  // Crypto: a tick of roughly 0.1-1 bp and a lot worth somewhere between $0.1 and $10.
  return {
    priceScale: clamp(4 - magnitude, 2, 10),
    sizeScale: clamp(magnitude, 0, 8),
    lot: 1,
  };
}

function build(rows: readonly Row[], assetClass: AssetClass, firstId: number): SimInstrument[] {
  return rows.map(([symbol, name, priceText, volatility, activity], index) => {
    const [base = symbol, quote = 'USD'] = assetClass === 'equity' ? [symbol] : symbol.split('-');
    const scales = scalesFor(assetClass, quote, Number(priceText));
    const instrument: Instrument = {
      id: firstId + index,
      symbol,
      name,
      assetClass,
      base,
      quote,
      priceScale: scales.priceScale,
      tick: 1,
      sizeScale: scales.sizeScale,
      lot: scales.lot,
    };
    return {
      instrument,
      startPrice: parseUnits(priceText, scales.priceScale),
      volatility,
      activity,
    };
  });
}

/** The full catalog, ids 1..n: crypto first, then equities, then FX. */
export const SIM_CATALOG: readonly SimInstrument[] = [
  ...build(CRYPTO, 'crypto', 1),
  ...build(EQUITIES, 'equity', 1 + CRYPTO.length),
  ...build(FX, 'fx', 1 + CRYPTO.length + EQUITIES.length),
];

/** The most instruments simCatalog() makes (benchmarks ask for a few hundred at most). */
export const MAX_SIM_INSTRUMENTS = 1_000;

/**
 * The catalog with `count` instruments: its first `count`, or all of it followed by synthetic
 * crypto pairs (`SYN001-USD`, …; quiet, activity 1) for benchmarks that need many symbols.
 */
export function simCatalog(count: number): readonly SimInstrument[] {
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_SIM_INSTRUMENTS) {
    throw new RangeError(`sim instruments must be 1-${MAX_SIM_INSTRUMENTS}, got ${String(count)}`);
  }
  if (count <= SIM_CATALOG.length) return SIM_CATALOG.slice(0, count);
  const rows: Row[] = [];
  for (let n = 1; SIM_CATALOG.length + rows.length < count; n++) {
    const label = String(n).padStart(3, '0');
    // Prices spread over a few magnitudes so the scales vary like real pairs.
    const price = ['2.5000', '25.000', '250.00'][n % 3] ?? '25.000';
    rows.push([`SYN${label}-USD`, `Synthetic ${label}`, price, 0.8, 1]);
  }
  return [...SIM_CATALOG, ...build(rows, 'crypto', SIM_CATALOG.length + 1)];
}

/**
 * The catalog with its first instrument made busy: it gets `share` (0 < share < 1) of all order
 * flow, as in a burst on one name. Benchmarks use it to push a high message rate through the one
 * instrument a dashboard shows in full (book and tape).
 */
export function withHotFirst(catalog: readonly SimInstrument[], share: number): SimInstrument[] {
  if (!(share > 0 && share < 1)) throw new RangeError(`hot share must be in (0, 1), got ${share}`);
  const [first, ...rest] = catalog;
  if (!first) return [];
  // Weights as the exchange sees them include its activity floor; solve for the first's activity.
  const floor = ACTIVITY_FLOOR;
  const others = rest.reduce((sum, spec) => sum + spec.activity + floor, 0);
  const activity = Math.max(first.activity, (share * others) / (1 - share) - floor);
  return [{ ...first, activity }, ...rest];
}

/** The catalog with every instrument's volatility multiplied by `scale` (> 0). */
export function withVolatilityScale(
  catalog: readonly SimInstrument[],
  scale: number,
): SimInstrument[] {
  if (!(scale > 0 && Number.isFinite(scale))) {
    throw new RangeError(`volatility scale must be a finite number above 0, got ${scale}`);
  }
  return catalog.map((spec) => ({ ...spec, volatility: spec.volatility * scale }));
}
