/**
 * Kraken's book checksum (WebSocket v2 guide, "Book Checksum"): for the top 10 asks (low to high)
 * then the top 10 bids (high to low), write price and qty with the decimal point removed and
 * leading zeros removed, concatenate, and take the CRC32 as an unsigned 32-bit integer.
 *
 * The digits are those of the pair's full precision (pair_decimals / lot_decimals, e.g. "0.05000"
 * → "5000", never "5"). Our integer units are held at exactly that precision (the instrument's
 * scales, see kraken-instruments.ts), so "remove the point, then the leading zeros" of the
 * formatted text is precisely the decimal text of the integer itself.
 */
import { crc32 } from 'node:zlib';
import type { FlatLevels } from '../../../protocol/messages';

/** Levels that count for the checksum, whatever the subscribed depth. */
export const CHECKSUM_LEVELS = 10;

/** The string Kraken hashes, from best-first flat [price, qty, …] sides in integer units. */
export function checksumText(asks: FlatLevels, bids: FlatLevels): string {
  return sideText(asks) + sideText(bids);
}

/** CRC32 (unsigned) of checksumText. */
export function bookChecksum(asks: FlatLevels, bids: FlatLevels): number {
  return crc32(checksumText(asks, bids)) >>> 0;
}

function sideText(levels: FlatLevels): string {
  let text = '';
  const count = Math.min(levels.length, CHECKSUM_LEVELS * 2);
  for (let i = 0; i + 1 < count; i += 2) text += `${levels[i]!}${levels[i + 1]!}`;
  return text;
}
