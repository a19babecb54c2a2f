import { describe, expect, it } from 'vitest';
import { promValue } from './prom-text';

const text = [
  '# HELP quotedeck_ws_connections Connected WebSocket feed clients.',
  '# TYPE quotedeck_ws_connections gauge',
  'quotedeck_ws_connections 1',
  'quotedeck_ws_messages_sent_total 123456',
  '',
].join('\n');

describe('promValue', () => {
  it('reads an unlabelled sample', () => {
    expect(promValue(text, 'quotedeck_ws_connections')).toBe(1);
    expect(promValue(text, 'quotedeck_ws_messages_sent_total')).toBe(123_456);
  });
  it('is NaN for a missing or malformed sample', () => {
    expect(promValue(text, 'quotedeck_ws_bytes_sent_total')).toBeNaN();
    expect(promValue('quotedeck_ws_connections many', 'quotedeck_ws_connections')).toBeNaN();
    expect(promValue('quotedeck_ws_connections', 'quotedeck_ws_connections')).toBeNaN();
  });
});
