import { describe, expect, it } from 'vitest';
import { docChecksum, docChecksumText } from './fake-kraken';
import { KrakenBook } from './kraken-book';
import { bookChecksum, checksumText } from './kraken-checksum';

describe('Kraken checksum', () => {
  it('formats levels as the guide describes', () => {
    // The guide's own fragments: ask 45285.2 × 0.00100000 → "452852100000" (v2 guide), and
    // 0.05000 × 0.00000304 → "5000304" (v1 guide): point and leading zeros removed.
    expect(docChecksumText([['45285.2', '0.00100000']], [])).toBe('452852100000');
    expect(docChecksumText([['0.05000', '0.00000304']], [])).toBe('5000304');
    // The adapter writes the same from integer units at the pair's precision.
    expect(checksumText([452852, 100000], [])).toBe('452852100000');
    expect(checksumText([5000, 304], [])).toBe('5000304');
  });

  it('hashes asks then bids, top 10 only, as an unsigned CRC32', () => {
    const asks = Array.from({ length: 12 }, (_, i) => [`0.0${5100 + i}0`, '1.00000000'] as const);
    const bids = Array.from({ length: 12 }, (_, i) => [`0.0${4999 - i}0`, '2.50000000'] as const);
    const flat = (levels: readonly (readonly [string, string])[]) =>
      levels.flatMap(([p, q]) => [Number(p.replace('.', '')), Number(q.replace('.', ''))]);
    expect(bookChecksum(flat(asks), flat(bids))).toBe(docChecksum(asks, bids));
    expect(bookChecksum(flat(bids), flat(asks))).not.toBe(docChecksum(asks, bids));
  });
});

describe('KrakenBook', () => {
  it('truncates to the subscribed depth and reports levels pushed out as removed', () => {
    const book = new KrakenBook(3);
    book.replace([100, 1, 99, 1, 98, 1], [101, 1, 102, 1, 103, 1]);
    const changes = book.update([1005, 0, 100, 2, 99, 0, 98, 5, 97, 1, 96, 1], []);
    expect(book.levels()).toEqual({ bids: [100, 2, 98, 5, 97, 1], asks: [101, 1, 102, 1, 103, 1] });
    expect(changes.bids).toEqual([1005, 0, 100, 2, 99, 0, 98, 5, 97, 1, 96, 0]);
  });

  it('lets the last of several updates to one level win', () => {
    const book = new KrakenBook(10);
    book.replace([100, 1], [101, 1]);
    const changes = book.update([], [101, 7, 101, 0, 101, 4]);
    expect(changes.asks).toEqual([101, 4]);
    expect(book.levels().asks).toEqual([101, 4]);
  });
});
