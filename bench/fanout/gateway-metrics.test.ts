import { describe, expect, it } from 'vitest';
import { counterRates, feedCounters, parsePrometheus } from './gateway-metrics';

const TEXT = `# HELP quotedeck_ws_messages_sent_total Messages sent to feed clients.
# TYPE quotedeck_ws_messages_sent_total counter
quotedeck_ws_messages_sent_total 1200
quotedeck_ws_frames_sent_total 30
quotedeck_ws_bytes_sent_total{format="msgpack"} 1000
quotedeck_ws_bytes_sent_total{format="json"} 500
process_cpu_seconds_total 12.5
`;

describe('parsePrometheus', () => {
  it('reads the named metrics, summing label sets, and skips comments and others', () => {
    const values = parsePrometheus(TEXT, [
      'quotedeck_ws_bytes_sent_total',
      'process_cpu_seconds_total',
    ]);
    expect(Object.fromEntries(values)).toEqual({
      quotedeck_ws_bytes_sent_total: 1500,
      process_cpu_seconds_total: 12.5,
    });
  });

  it('ignores malformed lines', () => {
    const values = parsePrometheus('quotedeck_ws_frames_sent_total lots\n{oops} 3\n\n', [
      'quotedeck_ws_frames_sent_total',
    ]);
    expect(values.size).toBe(0);
  });
});

describe('feedCounters and counterRates', () => {
  it('gives NaN for counters a gateway does not export, and rates between scrapes', () => {
    const start = feedCounters(TEXT);
    expect(start.messagesSent).toBe(1200);
    expect(start.conflations).toBeNaN();
    const end = feedCounters(TEXT.replace('_total 1200', '_total 3200'));
    expect(counterRates(start, end, 2).messagesSent).toBe(1000);
    expect(feedCounters('').messagesSent).toBeNaN();
  });
});
