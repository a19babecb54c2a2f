/**
 * Recording: wraps any MarketSource so that everything it emits is also appended to a file.
 *
 * Each run adds a segment: a header (source name, instruments, start time), the 1m and 1h candle
 * history of every instrument as the source gives it at start, then every event with its time
 * (status changes, which carry no time, get the recorder's clock). Appending to an existing
 * recording is allowed only with the same instruments (RecordingError otherwise), because a replay
 * presents one instrument list; a torn tail left by a crash is cut off first so the new segment
 * follows the last verified record.
 */
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  statSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import type { Instrument } from '../../../protocol/instruments';
import type { FlatLevels, Side } from '../../../protocol/messages';
import type { HistoryInterval, MarketSource, SourceSink, VenueDayStats } from '../source';
import { checkMagic, MAGIC, RecordingError, scanRecords } from './framing';
import { parseRecording } from './read-recording';
import { encodeHeader, encodeHistory, RECORDING_FORMAT } from './record-codec';
import { RecordWriter, type RecordWriterOptions, type RecordWriterStats } from './record-writer';

/** A damaged tail longer than this is not cut off silently: it is more than one torn write. */
const MAX_REPAIR_BYTES = 16 * 1024 * 1024;
const HISTORY_INTERVALS: readonly HistoryInterval[] = ['1m', '1h'];

export interface RecordOptions extends RecordWriterOptions {
  /** Clock for segment start, history end and status times (default Date.now). */
  now?: () => number;
}

export interface RecordingSource extends MarketSource {
  readonly file: string;
  readonly stats: RecordWriterStats;
  /** Bytes of a torn or corrupt tail cut off an existing file before appending (0 if none). */
  readonly repairedBytes: number;
  /** Writes everything recorded so far; resolves when it reached the file system. */
  flush(): Promise<void>;
}

/** Wraps `source` so its instruments, history and events are appended to `file`. */
export function recordSource(
  source: MarketSource,
  file: string,
  options: RecordOptions = {},
): RecordingSource {
  const now = options.now ?? Date.now;
  const instruments = source.instruments();
  const repairedBytes = prepareFile(file, instruments);
  let writer: RecordWriter | null = null;
  let capture: NodeJS.Immediate | null = null;
  let finishCapture = (): void => {};

  const captureHistory = (inst: number, end: number, out: RecordWriter): void => {
    for (const interval of HISTORY_INTERVALS) {
      let candles;
      try {
        candles = source.history(inst, interval, end);
      } catch {
        continue; // a source without history still records its events
      }
      if (Array.isArray(candles)) out.record(encodeHistory({ inst, interval, end, candles }));
    }
  };
  const idle: RecordWriterStats = {
    events: 0,
    records: 0,
    bytesWritten: 0,
    pendingBytes: 0,
    error: null,
  };

  const tee = (sink: SourceSink, out: RecordWriter): SourceSink => ({
    book(inst: number, bids: FlatLevels, asks: FlatLevels, time: number, snapshot: boolean) {
      // Copies: a source may reuse its level arrays once the call returns.
      out.event({ type: 'book', time, inst, bids: bids.slice(), asks: asks.slice(), snapshot });
      sink.book(inst, bids, asks, time, snapshot);
    },
    trade(inst: number, price: number, size: number, side: Side, time: number) {
      out.event({ type: 'trade', time, inst, price, size, side });
      sink.trade(inst, price, size, side, time);
    },
    status(inst: number, live: boolean) {
      out.event({ type: 'status', time: now(), inst, live });
      sink.status(inst, live);
    },
    dayStats(inst: number, stats: VenueDayStats, time: number) {
      out.event({ type: 'stats', time, inst, stats: { ...stats } });
      sink.dayStats?.(inst, stats, time);
    },
  });

  return {
    name: source.name,
    file,
    repairedBytes,
    get stats() {
      return writer?.stats ?? idle;
    },
    instruments: () => source.instruments(),
    history: (inst, interval, end) => source.history(inst, interval, end),
    start(sink) {
      if (writer) throw new Error(`already recording to ${file}`);
      const out = new RecordWriter(openSync(file, 'a'), options);
      writer = out;
      const startedAt = now();
      const header = { format: RECORDING_FORMAT, source: source.name, instruments, startedAt };
      out.record(encodeHeader({ ...header, instruments: instruments.map((i) => ({ ...i })) }));
      // History is taken one instrument per turn of the event loop after the source started
      // (a simulator builds days of candles per instrument); stop() takes what is left at once.
      const pending = [...instruments];
      const captureNext = (): void => {
        const instrument = pending.shift();
        if (!instrument) return;
        captureHistory(instrument.id, startedAt, out);
        capture = setImmediate(captureNext);
      };
      finishCapture = () => {
        if (capture) clearImmediate(capture);
        capture = null;
        for (const instrument of pending.splice(0)) captureHistory(instrument.id, startedAt, out);
      };
      capture = setImmediate(captureNext);
      source.start(tee(sink, out));
    },
    async stop() {
      await source.stop();
      finishCapture();
      await writer?.close();
    },
    flush: () => writer?.flush() ?? Promise.resolve(),
  };
}

/**
 * Makes `file` ready for appending a segment with `instruments`: creates it with the magic, or
 * verifies it and cuts off a torn tail. Returns the number of bytes cut off.
 */
function prepareFile(file: string, instruments: readonly Instrument[]): number {
  if (!existsSync(file) || statSync(file).size === 0) {
    const fd = openSync(file, 'w');
    try {
      writeSync(fd, MAGIC);
    } finally {
      closeSync(fd);
    }
    return 0;
  }
  const bytes = readFileSync(file);
  try {
    checkMagic(bytes, file);
  } catch (error) {
    throw new RecordingError(`refusing to append to ${file}: ${(error as Error).message}`);
  }
  let validBytes: number;
  if (scanRecords(bytes).records.length === 0) {
    // A crash before the first header reached the disk: start over after the magic.
    validBytes = MAGIC.byteLength;
  } else {
    const recording = parseRecording(bytes, file);
    if (!sameInstruments(recording.header.instruments, instruments)) {
      throw new RecordingError(
        `refusing to append to ${file}: it records other instruments (` +
          `${recording.header.instruments.map((i) => i.symbol).join(',')}); use a new file`,
      );
    }
    validBytes = recording.validBytes;
  }
  const cut = bytes.byteLength - validBytes;
  if (cut > MAX_REPAIR_BYTES) {
    throw new RecordingError(
      `refusing to append to ${file}: ${cut} bytes after byte ${validBytes} do not verify ` +
        '(more than a torn write); copy the file and repair it by hand',
    );
  }
  if (cut > 0) truncateSync(file, validBytes);
  return cut;
}

/** Same instruments, field by field, in the same order. */
function sameInstruments(a: readonly Instrument[], b: readonly Instrument[]): boolean {
  const key = (list: readonly Instrument[]): string =>
    JSON.stringify(list.map((i) => Object.entries(i).sort(([x], [y]) => x.localeCompare(y))));
  return key(a) === key(b);
}
