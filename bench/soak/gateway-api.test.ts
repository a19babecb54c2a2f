import { describe, expect, it } from 'vitest';
import { parseSamples } from './gateway-api';

describe('parseSamples', () => {
  it('keeps labelled samples as written and sums each metric under its bare name', () => {
    const text = [
      '# HELP quotedeck_ws_rejections_total Refused client input.',
      '# TYPE quotedeck_ws_rejections_total counter',
      'quotedeck_ws_rejections_total{reason="rate_limited"} 12',
      'quotedeck_ws_rejections_total{reason="flood_close"} 1',
      'quotedeck_ws_unsent_bytes 4096',
      'process_resident_memory_bytes 1.5e8',
      'broken_line NaN',
      '',
    ].join('\n');
    const samples = parseSamples(text);
    expect(samples.get('quotedeck_ws_rejections_total{reason="rate_limited"}')).toBe(12);
    expect(samples.get('quotedeck_ws_rejections_total')).toBe(13);
    expect(samples.get('quotedeck_ws_unsent_bytes')).toBe(4096);
    expect(samples.get('process_resident_memory_bytes')).toBe(1.5e8);
    expect(samples.has('broken_line')).toBe(false);
  });
});
