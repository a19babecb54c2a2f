/** Builds small recordings byte by byte, for tests of the reader, replay and recorder. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { joinFrame } from '../../../protocol/codec';
import type { Instrument } from '../../../protocol/instruments';
import { frameRecord, MAGIC } from './framing';
import {
  encodeEvents,
  encodeHeader,
  encodeHistory,
  RECORDING_FORMAT,
  type RecordedEvent,
  type RecordedHistory,
} from './record-codec';

export const TEST_INSTRUMENT: Instrument = {
  id: 1,
  symbol: 'TST-USD',
  name: 'Test',
  assetClass: 'crypto',
  base: 'TST',
  quote: 'USD',
  priceScale: 2,
  tick: 1,
  sizeScale: 0,
  lot: 1,
};

export interface BuiltRecording {
  bytes: Uint8Array;
  /** Byte offset just past each record (header first). */
  ends: number[];
  /** Events carried by each record (0 for header and history). */
  counts: number[];
}

/** A recording with one header, optional history and one record per event block. */
export function buildRecording(
  blocks: readonly (readonly RecordedEvent[])[],
  history: readonly RecordedHistory[] = [],
  startedAt = 1_700_000_000_000,
): BuiltRecording {
  const header = encodeHeader({
    format: RECORDING_FORMAT,
    source: 'test',
    instruments: [TEST_INSTRUMENT],
    startedAt,
  });
  const payloads = [header, ...history.map(encodeHistory), ...blocks.map((b) => encodeEvents(b))];
  const counts = [0, ...history.map(() => 0), ...blocks.map((b) => b.length)];
  const parts = [MAGIC, ...payloads.map(frameRecord)];
  const ends: number[] = [];
  let offset = 0;
  for (const part of parts) {
    offset += part.byteLength;
    ends.push(offset);
  }
  return { bytes: joinFrame(parts), ends: ends.slice(1), counts };
}

/** A trade event at `time` (price and size derived from `n`, so events differ). */
export function tradeAt(time: number, n = 1): RecordedEvent {
  return { type: 'trade', time, inst: 1, price: 100 + n, size: n, side: n % 2 === 0 ? 1 : 2 };
}

/** A temporary directory, removed by the returned function. */
export function tempDir(): { dir: string; file: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'qd-replay-'));
  return {
    dir,
    file: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Writes bytes to a file in `dir`, returns its path. */
export function writeTemp(dir: string, name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
