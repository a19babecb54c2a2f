/**
 * The byte layout of a recording file: an 8-byte magic, then records. Each record is
 * `u32 LE payload length · u32 LE CRC32 of the payload · payload` (the payload is one MessagePack
 * value). A crash mid-write leaves an incomplete or unverifiable last record; scanning stops at
 * the first record that does not verify, so everything before it is kept and nothing after it is
 * trusted (a skipped book delta would silently corrupt every later book).
 */
import { crc32 } from 'node:zlib';

/** "QDREC", format version 1, newline: `head -c 8` shows what the file is. */
export const MAGIC = new Uint8Array([0x51, 0x44, 0x52, 0x45, 0x43, 0x00, 0x01, 0x0a]);
export const RECORD_HEADER_BYTES = 8;
/** Larger lengths can only come from corruption (a record is one event block or history list). */
export const MAX_RECORD_BYTES = 256 * 1024 * 1024;

export class RecordingError extends Error {
  override name = 'RecordingError';
}

/** Why scanning stopped before the end of the file. */
export const TailReason = {
  /** The last record is cut short (a crash mid-write). */
  torn: 'torn',
  /** A complete record whose checksum does not match, or an impossible length. */
  checksum: 'checksum',
  /** A record that verifies but does not decode to a known record shape. */
  malformed: 'malformed',
} as const;
export type TailReason = (typeof TailReason)[keyof typeof TailReason];

export interface Tail {
  reason: TailReason;
  /** Byte offset of the first ignored byte (the end of the valid prefix). */
  offset: number;
  /** Bytes ignored from `offset` to the end of the file. */
  bytes: number;
}

export interface RawRecord {
  /** Byte offset of the record's length field. */
  offset: number;
  /** Byte offset just past the record. */
  end: number;
  payload: Uint8Array;
}

/** Frames one payload as a record (length, checksum, bytes). */
export function frameRecord(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(RECORD_HEADER_BYTES + payload.byteLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, payload.byteLength, true);
  view.setUint32(4, crc32(payload), true);
  out.set(payload, RECORD_HEADER_BYTES);
  return out;
}

/** Throws RecordingError unless `bytes` starts with the recording magic. */
export function checkMagic(bytes: Uint8Array, what: string): void {
  if (bytes.byteLength === 0) throw new RecordingError(`${what} is empty, not a recording`);
  const head = bytes.subarray(0, MAGIC.byteLength);
  if (head.byteLength < MAGIC.byteLength || !head.every((b, i) => b === MAGIC[i])) {
    throw new RecordingError(`${what} is not a Quotedeck recording (bad magic)`);
  }
}

/**
 * Every verified record after the magic, in order, and the tail where verification stopped
 * (null when the file ends exactly after a record). Call checkMagic first.
 */
export function scanRecords(bytes: Uint8Array): { records: RawRecord[]; tail: Tail | null } {
  const records: RawRecord[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = MAGIC.byteLength;
  const stop = (reason: TailReason): { records: RawRecord[]; tail: Tail } => ({
    records,
    tail: { reason, offset, bytes: bytes.byteLength - offset },
  });
  while (offset < bytes.byteLength) {
    if (bytes.byteLength - offset < RECORD_HEADER_BYTES) return stop(TailReason.torn);
    const length = view.getUint32(offset, true);
    // Zero-filled tails (the file grew but the data never reached the disk) land here too.
    if (length === 0 || length > MAX_RECORD_BYTES) return stop(TailReason.checksum);
    const end = offset + RECORD_HEADER_BYTES + length;
    if (end > bytes.byteLength) return stop(TailReason.torn);
    const payload = bytes.subarray(offset + RECORD_HEADER_BYTES, end);
    if (crc32(payload) !== view.getUint32(offset + 4, true)) return stop(TailReason.checksum);
    records.push({ offset, end, payload });
    offset = end;
  }
  return { records, tail: null };
}
