import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { MAGIC } from './framing';
import { parseRecording } from './read-recording';
import { encodeHeader, RECORDING_FORMAT } from './record-codec';
import { RecordWriter } from './record-writer';
import { TEST_INSTRUMENT, tempDir, tradeAt } from './test-recording';

const temp = tempDir();
afterAll(() => temp.remove());

const header = encodeHeader({
  format: RECORDING_FORMAT,
  source: 'test',
  instruments: [TEST_INSTRUMENT],
  startedAt: 1,
});

describe('RecordWriter', () => {
  it('buffers: nothing reaches the file until a flush, then every event in order', async () => {
    const file = temp.file('writer.qdrec');
    const writer = new RecordWriter(openSync(file, 'w'), { blockEvents: 3, flushMs: 60_000 });
    const events = Array.from({ length: 7 }, (_, i) => tradeAt(1000 + i, i + 1));
    writer.record(header);
    for (const event of events) writer.event(event);
    expect(readFileSync(file).byteLength).toBe(0);
    await writer.flush();
    expect(writer.stats).toMatchObject({ events: 7, records: 4, pendingBytes: 0, error: null });
    await writer.close();
    expect(readFileSync(file).byteLength).toBe(writer.stats.bytesWritten);
    const bytes = Uint8Array.from([...MAGIC, ...readFileSync(file)]);
    expect(parseRecording(bytes).events).toEqual(events);
  });

  it('reports a failing disk once and keeps accepting events without throwing', async () => {
    const file = temp.file('failing.qdrec');
    writeFileSync(file, '');
    const fd = openSync(file, 'r'); // writes to a read-only descriptor fail
    const onError = vi.fn();
    const writer = new RecordWriter(fd, { onError });
    writer.record(header);
    writer.event(tradeAt(1, 1));
    await writer.flush();
    expect(() => writer.event(tradeAt(2, 2))).not.toThrow();
    await writer.close();
    expect(onError).toHaveBeenCalledOnce();
    expect(writer.stats.error).toBeInstanceOf(Error);
    expect(readFileSync(file).byteLength).toBe(0);
  });
});
