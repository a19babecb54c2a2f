/**
 * Codec benchmark: bytes per message and encode/decode time, our MessagePack records versus the
 * same messages as JSON (JSON.stringify / JSON.parse), measured in the same run.
 */
import { performance } from 'node:perf_hooks';
import { decodeFrame, encodeMessage } from '../protocol/codec';
import * as m from '../protocol/messages';
import type { BenchRow } from './table';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0, 123);

/** A representative message of each hot kind, at realistic magnitudes (BTC-USD at 2 decimals). */
export function sampleMessages(): Record<string, m.ServerMessage> {
  return {
    trade: m.tradeMessage(1, {
      id: 1_234_567,
      price: 6_512_345,
      size: 1_250,
      side: m.Side.sell,
      time: NOW,
    }),
    ticker: m.tickerMessage({
      inst: 1,
      seq: 456_789,
      time: NOW,
      last: 6_512_345,
      bid: 6_512_300,
      ask: 6_512_400,
      open24: 6_401_220,
      high24: 6_633_001,
      low24: 6_352_010,
      volume24: 1_843_221_450,
    }),
    'book delta (1 level)': m.bookDelta(1, 2_345_678, [6_512_300, 15_000], []),
    candle: m.candleMessage(1, 1, 77, {
      time: NOW - 123,
      open: 6_510_000,
      high: 6_513_000,
      low: 6_509_000,
      close: 6_512_345,
      volume: 154_000,
    }),
  };
}

function nsPerOp(run: () => void, iterations: number): number {
  for (let i = 0; i < 10_000; i += 1) run(); // warm up the JIT
  const start = performance.now();
  for (let i = 0; i < iterations; i += 1) run();
  return ((performance.now() - start) * 1e6) / iterations;
}

/** Runs the codec benchmark and returns one row per measured figure. */
export function runCodecBench(iterations = 200_000): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const [name, message] of Object.entries(sampleMessages())) {
    const packed = encodeMessage(message);
    const json = JSON.stringify(message);
    const jsonBytes = new TextEncoder().encode(json).byteLength;
    rows.push({
      bench: 'codec',
      figure: `${name}: bytes`,
      ours: packed.byteLength,
      baseline: jsonBytes,
      unit: 'B',
      better: 'lower',
    });
    rows.push({
      bench: 'codec',
      figure: `${name}: encode`,
      ours: nsPerOp(() => encodeMessage(message), iterations),
      baseline: nsPerOp(() => JSON.stringify(message), iterations),
      unit: 'ns',
      better: 'lower',
    });
    rows.push({
      bench: 'codec',
      figure: `${name}: decode`,
      ours: nsPerOp(() => decodeFrame(packed), iterations),
      baseline: nsPerOp(() => JSON.parse(json) as unknown, iterations),
      unit: 'ns',
      better: 'lower',
    });
  }
  return rows;
}
