/**
 * Reads a whole recording into memory: its segments (one per recording run: a header, the
 * history taken at start, then events), all events in order, and what was ignored at the end.
 */
import { readFileSync } from 'node:fs';
import { checkMagic, RecordingError, scanRecords, TailReason, type Tail } from './framing';
import {
  decodeRecord,
  type RecordedEvent,
  type RecordedHistory,
  type RecordingHeader,
} from './record-codec';

export interface RecordingSegment {
  header: RecordingHeader;
  /** Byte offset of the segment's header record. */
  offset: number;
  history: RecordedHistory[];
  events: RecordedEvent[];
}

export interface Recording {
  /** The first segment's header. */
  header: RecordingHeader;
  segments: RecordingSegment[];
  /** The first segment's history: the market before the recording began. */
  history: RecordedHistory[];
  /** Every event of every segment, in order. */
  events: RecordedEvent[];
  /** Index in `events` where each segment's events begin. */
  segmentStarts: number[];
  /** Length of the verified prefix; appending starts here. */
  validBytes: number;
  /** What was ignored at the end (a torn or corrupt record and everything after it), or null. */
  tail: Tail | null;
  /** True when bytes were ignored at the end. */
  tornTail: boolean;
}

/** Reads and verifies a recording file; throws RecordingError when it is not a recording. */
export function readRecording(file: string): Recording {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new RecordingError(`cannot read recording ${file}: ${(error as Error).message}`);
  }
  return parseRecording(bytes, file);
}

/** Parses recording bytes (see readRecording); `what` names the input in errors. */
export function parseRecording(bytes: Uint8Array, what = 'recording'): Recording {
  checkMagic(bytes, what);
  const scan = scanRecords(bytes);
  let tail = scan.tail;
  const segments: RecordingSegment[] = [];
  for (const raw of scan.records) {
    const record = decodeRecord(raw.payload);
    const segment = segments.at(-1);
    if (record === null || (segment === undefined && record.kind !== 'header')) {
      tail = {
        reason: TailReason.malformed,
        offset: raw.offset,
        bytes: bytes.byteLength - raw.offset,
      };
      break;
    }
    if (record.kind === 'header') {
      segments.push({ header: record.header, offset: raw.offset, history: [], events: [] });
    } else if (record.kind === 'history') {
      segment?.history.push(record.history);
    } else if (record.kind === 'events') {
      segment?.events.push(...record.events);
    }
  }
  const first = segments[0];
  if (!first) {
    const why = tail ? `${tail.reason} record at byte ${tail.offset}` : 'no records';
    throw new RecordingError(`${what} has no complete header (${why})`);
  }
  const events: RecordedEvent[] = [];
  const segmentStarts: number[] = [];
  for (const segment of segments) {
    segmentStarts.push(events.length);
    for (const event of segment.events) events.push(event);
  }
  return {
    header: first.header,
    segments,
    history: first.history,
    events,
    segmentStarts,
    validBytes: tail ? tail.offset : bytes.byteLength,
    tail,
    tornTail: tail !== null,
  };
}
