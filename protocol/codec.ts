/**
 * The codec: the only module that imports msgpackr.
 *
 * Every message shape in SHAPES is a shared record structure known to both sides, so a message is
 * a one-byte record id followed by its values. No structure is ever defined in-stream, which makes
 * each encoded message self-contained: the gateway encodes it once and the same bytes can go to any
 * subscriber, whenever it joined. A frame may carry several messages back to back.
 */
import { Packr, Unpackr, type Options } from 'msgpackr';
import { SHAPES, type ClientMessage, type GatewayMessage } from './messages';

function options(): Options {
  return {
    // A fresh copy: msgpackr annotates the array it is given.
    structures: SHAPES.map((keys) => [...keys]),
    maxSharedStructures: SHAPES.length,
    shouldShareStructure: () => false,
    useRecords: true,
    sequential: false,
    moreTypes: false,
    mapsAsObjects: true,
    int64AsType: 'number',
  };
}

const packr = new Packr(options());
const unpackr = new Unpackr(options());

/** Encodes one message into a new, self-contained byte array. */
export function encodeMessage(message: GatewayMessage | ClientMessage): Uint8Array {
  // pack() may return a view of a reused buffer; copy so callers can keep and share the bytes.
  return Uint8Array.prototype.slice.call(packr.pack(message));
}

/** Concatenates encoded messages into one frame. */
export function joinFrame(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let length = 0;
  for (const part of parts) length += part.byteLength;
  const frame = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    frame.set(part, offset);
    offset += part.byteLength;
  }
  return frame;
}

export class DecodeError extends Error {
  override name = 'DecodeError';
}

/**
 * Decodes every message in a frame. Values are `unknown`: run them through a guard before use.
 * Throws DecodeError when the bytes are not valid MessagePack.
 */
export function decodeFrame(frame: Uint8Array): unknown[] {
  if (frame.byteLength === 0) throw new DecodeError('empty frame');
  try {
    return unpackr.unpackMultiple(frame) as unknown[];
  } catch (error) {
    throw new DecodeError(`malformed frame: ${(error as Error).message}`);
  }
}

// Plain MessagePack for data that is not a wire message (e.g. recordings on disk): no shared
// record structures, so any array/object/number/string value round-trips on its own.
const plainOptions: Options = {
  useRecords: false,
  moreTypes: false,
  mapsAsObjects: true,
  int64AsType: 'number',
};
const plainPackr = new Packr(plainOptions);
const plainUnpackr = new Unpackr(plainOptions);

/** Encodes any plain value (not a wire message) into a new, self-contained byte array. */
export function encodeValue(value: unknown): Uint8Array {
  return Uint8Array.prototype.slice.call(plainPackr.pack(value));
}

/**
 * Decodes one plain value encoded by encodeValue. The result is `unknown`: guard it before use.
 * Throws DecodeError when the bytes are empty, not valid MessagePack, or hold trailing bytes.
 */
export function decodeValue(bytes: Uint8Array): unknown {
  if (bytes.byteLength === 0) throw new DecodeError('empty value');
  let values: unknown[];
  try {
    values = plainUnpackr.unpackMultiple(bytes) as unknown[];
  } catch (error) {
    throw new DecodeError(`malformed value: ${(error as Error).message}`);
  }
  if (values.length !== 1) throw new DecodeError(`expected one value, found ${values.length}`);
  return values[0];
}
