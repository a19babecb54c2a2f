/**
 * The JSON codec of the debugging and baseline feed (`/ws?format=json`): the same message objects
 * as the binary feed, as JSON text. A frame is a JSON array of messages; a client may send one
 * message object or an array of them.
 */
import type { ClientMessage, GatewayMessage } from './messages';

export class JsonDecodeError extends Error {
  override name = 'JsonDecodeError';
}

/** Encodes one message as JSON text (key order as built by the constructors in messages.ts). */
export function encodeJsonMessage(message: GatewayMessage | ClientMessage): string {
  return JSON.stringify(message);
}

/** Joins messages already encoded as JSON into one frame: a JSON array. */
export function joinJsonFrame(parts: readonly string[]): string {
  return `[${parts.join(',')}]`;
}

/**
 * Decodes a JSON text frame into its messages: an array gives its elements, anything else is one
 * message. Values are `unknown`: run them through a guard. Throws JsonDecodeError on bad JSON.
 */
export function decodeJsonFrame(text: string): unknown[] {
  if (text.trim() === '') throw new JsonDecodeError('empty frame');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new JsonDecodeError(`malformed JSON: ${(error as Error).message}`);
  }
  return Array.isArray(value) ? (value as unknown[]) : [value];
}
