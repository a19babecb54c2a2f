import { describe, expect, it } from 'vitest';
import { Side } from '../../protocol/messages';
import { combineSources } from './composite-source';
import { createFakeSource, FAKE_INSTRUMENTS } from './fake-source';
import { RecordingSink } from './recording-sink';

describe('combineSources', () => {
  it('prefixes symbols, routes history by instrument and passes events through', async () => {
    const a = createFakeSource({ instruments: [FAKE_INSTRUMENTS[0]!] });
    const b = createFakeSource({ instruments: [FAKE_INSTRUMENTS[1]!] });
    const combined = combineSources([
      { source: a, prefix: 'BINANCE:' },
      { source: b, prefix: 'KRAKEN:' },
    ]);
    expect(combined.instruments().map((i) => [i.id, i.symbol])).toEqual([
      [1, 'BINANCE:BTC-USD'],
      [2, 'KRAKEN:ETH-USD'],
    ]);
    expect(combined.history(2, '1m', 600_000).length).toBeGreaterThan(0);
    expect(b.historyCalls).toEqual([{ inst: 2, interval: '1m', end: 600_000 }]);
    expect(combined.history(99, '1m', 600_000)).toEqual([]);
    const sink = new RecordingSink(true);
    combined.start(sink);
    b.emitTrade(2, 100, 1, Side.buy, 5);
    expect(sink.events).toEqual([
      { type: 'trade', inst: 2, price: 100, size: 1, side: Side.buy, time: 5 },
    ]);
    await combined.stop();
  });

  it('refuses two sources that number an instrument the same', () => {
    const a = createFakeSource({ instruments: [FAKE_INSTRUMENTS[0]!] });
    const b = createFakeSource({ instruments: [FAKE_INSTRUMENTS[0]!] });
    expect(() =>
      combineSources([
        { source: a, prefix: 'A:' },
        { source: b, prefix: 'B:' },
      ]),
    ).toThrow(/instrument id 1 is used by both/);
  });
});
