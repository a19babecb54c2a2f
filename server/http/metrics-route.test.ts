import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeMessage } from '../../protocol/codec';
import { ServerKind, subscribe } from '../../protocol/messages';
import { buildApp } from '../app';
import { createFakeSource } from '../sources/fake-source';
import { TestClient, kind } from '../ws/test-client';

let app: FastifyInstance;
let url: string;

beforeEach(async () => {
  app = await buildApp({ source: createFakeSource(), staticDir: null });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterEach(async () => {
  await app.close();
});

/** The value of an unlabelled sample in Prometheus text. */
function sample(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no sample ${name}`);
  return Number(line.slice(name.length + 1));
}

async function scrape(): Promise<string> {
  const response = await app.inject('/metrics');
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('text/plain');
  return response.body;
}

describe('GET /metrics', () => {
  it('counts connected clients, their subscriptions and what was sent to them', async () => {
    expect(sample(await scrape(), 'quotedeck_ws_connections')).toBe(0);
    const client = await TestClient.connect(url);
    try {
      client.send(subscribe(1, 'trades', 'BTC-USD'));
      client.send(subscribe(2, 'tickers', null));
      await client.waitFor(kind(ServerKind.tradesSnapshot));
      await client.waitFor(kind(ServerKind.tickerSnapshot));
      const text = await scrape();
      expect(sample(text, 'quotedeck_ws_connections')).toBe(1);
      expect(sample(text, 'quotedeck_ws_subscriptions')).toBe(2);
      expect(sample(text, 'quotedeck_ws_messages_sent_total')).toBe(client.messages.length);
      const bytes = client.frames.reduce((n, f) => n + f.byteLength, 0);
      expect(sample(text, 'quotedeck_ws_bytes_sent_total')).toBe(bytes);
      expect(sample(text, 'quotedeck_ws_frames_sent_total')).toBe(client.frames.length);
      expect(sample(text, 'quotedeck_ws_conflations_total')).toBe(0);
      expect(sample(text, 'quotedeck_ws_slow_closes_total')).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('a bad client message increments the rejected counter (and scrapes do not double count)', async () => {
    const client = await TestClient.connect(url);
    try {
      await client.waitFor(kind(ServerKind.hello));
      expect(sample(await scrape(), 'quotedeck_ws_rejected_messages_total')).toBe(0);
      client.sendRaw(new Uint8Array([0xc1]));
      client.sendRaw('text');
      await client.waitFor((m) => m.kind === ServerKind.error && m.code === 'binary_only');
      expect(sample(await scrape(), 'quotedeck_ws_rejected_messages_total')).toBe(2);
      expect(sample(await scrape(), 'quotedeck_ws_rejected_messages_total')).toBe(2);
    } finally {
      await client.close();
    }
  });

  it('counts undecodable frames apart from invalid messages, by reason', async () => {
    const client = await TestClient.connect(url);
    try {
      await client.waitFor(kind(ServerKind.hello));
      // A truncated MessagePack array, and text on the binary feed: neither decodes.
      client.sendRaw(new Uint8Array([0x92, 0x01]));
      client.sendRaw('text');
      client.sendRaw(encodeMessage({ kind: 999 } as never));
      await client.waitFor((m) => m.kind === ServerKind.error && m.code === 'bad_message');
      const text = await scrape();
      expect(sample(text, 'quotedeck_ws_rejections_total{reason="decode_error"}')).toBe(2);
      expect(sample(text, 'quotedeck_ws_rejections_total{reason="bad_message"}')).toBe(1);
      expect(sample(text, 'quotedeck_ws_rejected_messages_total')).toBe(3);
    } finally {
      await client.close();
    }
  });

  it('exports dropped messages by reason and the unsent-bytes gauges', async () => {
    const text = await scrape();
    expect(sample(text, 'quotedeck_ws_dropped_messages_total{reason="conflated"}')).toBe(0);
    expect(sample(text, 'quotedeck_ws_dropped_messages_total{reason="closed"}')).toBe(0);
    expect(sample(text, 'quotedeck_ws_unsent_bytes')).toBe(0);
    expect(sample(text, 'quotedeck_ws_client_unsent_bytes_peak')).toBe(0);
    const client = await TestClient.connect(url);
    try {
      client.send(subscribe(1, 'tickers', null));
      await client.waitFor(kind(ServerKind.tickerSnapshot));
      const after = await scrape();
      // The hello and the snapshot were each queued on top of nothing: the peak is the larger.
      const largest = Math.max(...client.frames.map((f) => f.byteLength));
      expect(sample(after, 'quotedeck_ws_client_unsent_bytes_peak')).toBeGreaterThanOrEqual(
        largest,
      );
      const { stats } = app.gateway;
      stats.droppedMessages.conflated += 5;
      expect(
        sample(await scrape(), 'quotedeck_ws_dropped_messages_total{reason="conflated"}'),
      ).toBe(5);
    } finally {
      await client.close();
    }
  });

  it('includes the process metrics, and the registry on app.gateway is this app’s own', async () => {
    const text = await scrape();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_heap_size_used_bytes');
    const other = await buildApp({ source: createFakeSource(), staticDir: null });
    try {
      expect(other.gateway.metrics).not.toBe(app.gateway.metrics);
      const names = (await app.gateway.metrics.getMetricsAsJSON()).map((m) => m.name);
      expect(names).toContain('quotedeck_ws_connections');
      expect(names.every((n) => n.startsWith('quotedeck_'))).toBe(true);
    } finally {
      await other.close();
    }
  });
});
