import { describe, expect, it } from 'vitest';
import { RecordingSink } from '../recording-sink';
import { liveStatusSink } from './live-status';

describe('liveStatusSink', () => {
  it('marks every instrument not live at once, then passes on only changes', () => {
    const target = new RecordingSink(true);
    const sink = liveStatusSink(target, [1, 2]);
    expect(target.statuses).toEqual([
      { inst: 1, live: false },
      { inst: 2, live: false },
    ]);
    sink.status(1, false);
    sink.book(1, [100, 1], [101, 1], 5, true);
    sink.status(1, true);
    sink.status(1, true);
    sink.trade(1, 100, 1, 1, 6);
    sink.status(1, false);
    expect(target.statuses.map((s) => `${s.inst}:${s.live}`)).toEqual([
      '1:false',
      '2:false',
      '1:true',
      '1:false',
    ]);
    expect(sink.isLive(1)).toBe(false);
    expect(sink.isLive(2)).toBe(false);
    expect(target.events.map((e) => e.type)).toEqual(['book', 'trade']);
  });
});
