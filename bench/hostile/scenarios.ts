/**
 * The hostile scenarios, each against the running gateway child and each bounded in count and
 * time; each measures the gateway's answer and holds it to the bound the gateway documents. Every
 * scenario closes what it opened before the next one starts.
 */
import { encodeMessage, joinFrame } from '../../protocol/codec';
import {
  ServerKind,
  ping,
  subscribe,
  type ClientMessage,
  type Subscribe,
} from '../../protocol/messages';
import { DEFAULT_MAX_LAG_MS, DEFAULT_SOFT_BUFFERED_BYTES } from '../../server/ws/backpressure';
import { DEFAULT_MAX_TOTAL_BUFFERED_BYTES } from '../../server/ws/buffer-budget';
import { DEFAULT_MAX_CONNECTIONS_PER_IP } from '../../server/ws/connection-limit';
import {
  DEFAULT_FLOOD_CLOSE_MS,
  DEFAULT_MAX_BUFFERED_BYTES,
  DEFAULT_MAX_SUBSCRIPTIONS,
  MAX_CLIENT_FRAME_BYTES,
  MAX_MESSAGES_PER_FRAME,
} from '../../server/ws/session-options';
import { readProcSample } from '../fanout/proc-stats';
import { authorization, scrapeMetrics } from '../soak/gateway-api';
import { atMost, exactly, type HostileFigure } from './hostile-rows';
import { Probe, openProbe } from './probe-client';

export interface Target {
  url: string;
  wsUrl: string;
  pid: number;
  token: string;
  symbols: string[];
  /** The gateway's --rate-limit (API requests per minute per client). */
  apiPerMinute: number;
}

const MiB = 1024 * 1024;
const frame = (messages: ClientMessage[]): Uint8Array => joinFrame(messages.map(encodeMessage));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const metric = async (t: Target, name: string): Promise<number> =>
  (await scrapeMetrics(t.url, { token: t.token })).get(name) ?? NaN;

const CONTROL_MS = 8_000;

/** The highest RSS of `pid` over `ms`, sampled every 100 ms. */
async function peakRss(pid: number, ms: number): Promise<number> {
  let peak = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    peak = Math.max(peak, readProcSample(pid)?.rssBytes ?? 0);
    await sleep(100);
  }
  return peak;
}

/** Waits until the gateway holds no feed connection, so one scenario does not count in the next. */
export async function settle(t: Target): Promise<void> {
  const deadline = performance.now() + 5_000;
  while (performance.now() < deadline) {
    if ((await metric(t, 'quotedeck_ws_connections')) === 0) return;
    await sleep(50);
  }
}

/**
 * A client that never reads while the firehose runs: subscribed to every ticker and the deep
 * books and trades of 20 instruments on the JSON feed (more bytes per event), re-asking for
 * snapshots under the message rate, its socket paused. A reading client shares the gateway.
 */
export async function neverReads(t: Target): Promise<HostileFigure[]> {
  const name = 'never-reading client';
  const reader = await openProbe(t.wsUrl, { token: t.token });
  reader.send(frame([subscribe(1, 'tickers', null)]));
  const requests: Subscribe[] = [
    subscribe(0, 'tickers', null),
    ...t.symbols
      .slice(0, 20)
      .flatMap((symbol, n) => [
        subscribe(2 * n + 1, 'book', symbol, { depth: 100 }),
        subscribe(2 * n + 2, 'trades', symbol),
      ]),
  ];
  // The gateway's heap breathes by a hundred MB or more at this rate: the figure is the peak
  // while the client is stuck over the peak of an equal spell of the same traffic before it.
  const rssBefore = await peakRss(t.pid, CONTROL_MS);
  const stuck = await openProbe(t.wsUrl, { token: t.token, format: 'json' });
  const slowBefore = await metric(t, 'quotedeck_ws_slow_closes_total');
  stuck.send(JSON.stringify(requests));
  stuck.socket.pause();
  const started = performance.now();
  // 8 messages every 100 ms: under the 100/s message rate, so only its reading is at fault.
  const again = setInterval(() => stuck.send(JSON.stringify(requests.slice(0, 8))), 100);
  let highestTotal = 0;
  let highestRss = rssBefore;
  let closedAfter = NaN;
  const deadline = started + DEFAULT_MAX_LAG_MS + 30_000;
  try {
    while (performance.now() < deadline) {
      const samples = await scrapeMetrics(t.url, { token: t.token });
      highestTotal = Math.max(highestTotal, samples.get('quotedeck_ws_unsent_bytes') ?? 0);
      highestRss = Math.max(highestRss, readProcSample(t.pid)?.rssBytes ?? 0);
      if ((samples.get('quotedeck_ws_slow_closes_total') ?? 0) > slowBefore) {
        closedAfter = (performance.now() - started) / 1000;
        break;
      }
      await sleep(100);
    }
  } finally {
    clearInterval(again);
  }
  const peakClient = await metric(t, 'quotedeck_ws_client_unsent_bytes_peak');
  // The reader is still served after the stuck client went.
  const after = reader.messages.length;
  let readerServed = 0;
  try {
    await reader.waitFor((m) => m.kind === ServerKind.ticker, after);
    readerServed = 1;
  } catch {
    readerServed = 0;
  }
  stuck.socket.resume();
  const stuckClose = await Promise.race([stuck.closed, sleep(3_000).then(() => null)]);
  for (const p of [reader, stuck]) p.socket.terminate();
  await settle(t);
  return [
    atMost(
      `${name}: peak unsent bytes of one client`,
      peakClient / MiB,
      DEFAULT_MAX_BUFFERED_BYTES / MiB + 0.25,
      'MiB',
      `≤ ${DEFAULT_MAX_BUFFERED_BYTES / MiB} MiB (+ one frame); conflated past ${DEFAULT_SOFT_BUFFERED_BYTES / MiB} MiB`,
    ),
    atMost(
      `${name}: peak unsent bytes, all clients`,
      highestTotal / MiB,
      DEFAULT_MAX_TOTAL_BUFFERED_BYTES / MiB,
      'MiB',
      `≤ ${DEFAULT_MAX_TOTAL_BUFFERED_BYTES / MiB} MiB gateway budget`,
      'sampled every ~100 ms',
    ),
    atMost(
      `${name}: time until closed 1013 "too slow"`,
      closedAfter,
      DEFAULT_MAX_LAG_MS / 1000 + 30,
      's',
      `conflated ≤ ${DEFAULT_MAX_LAG_MS / 1000} s, then closed (after the kernel's socket buffers fill)`,
      stuckClose ? `client saw ${stuckClose.code}` : 'client saw no close within 3 s of reading',
    ),
    atMost(
      `${name}: gateway RSS growth`,
      (highestRss - rssBefore) / MiB,
      200,
      'MiB',
      '≤ 200 MiB (the test suite’s sanity bound)',
      `peak ${Math.round(highestRss / MiB)} MiB vs ${Math.round(rssBefore / MiB)} MiB over ${CONTROL_MS / 1000} s before`,
    ),
    exactly(`${name}: reading client still served`, readerServed, 1, '', '1 (yes)'),
  ];
}

/** A frame one byte over the maximum payload. */
export async function oversizedFrame(t: Target): Promise<HostileFigure[]> {
  const probe = await openProbe(t.wsUrl, { token: t.token });
  const sent = performance.now();
  probe.send(new Uint8Array(MAX_CLIENT_FRAME_BYTES + 1));
  const closed = await Promise.race([probe.closed, sleep(5_000).then(() => null)]);
  probe.socket.terminate();
  await settle(t);
  return [
    exactly(
      `oversized frame (${MAX_CLIENT_FRAME_BYTES / 1024} KiB + 1 byte): close code`,
      closed?.code ?? NaN,
      1009,
      'code',
      '1009',
      closed ? `after ${Math.round(performance.now() - sent)} ms` : 'no close within 5 s',
    ),
  ];
}

/** 120 frames of random bytes (a fixed seed), then a ping. */
export async function garbageFrames(t: Target): Promise<HostileFigure[]> {
  const probe = await openProbe(t.wsUrl, { token: t.token });
  const before = await metric(t, 'quotedeck_ws_rejected_messages_total');
  let seed = 7;
  const random = (): number => {
    // A small LCG: the same garbage every run.
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const count = 120;
  for (let i = 0; i < count; i++) {
    const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 2000) }, () =>
      Math.floor(random() * 256),
    );
    probe.send(i % 3 === 0 ? Buffer.from(bytes).toString('latin1') : bytes);
  }
  probe.send(frame([ping(1, 1)]));
  let answered = 0;
  try {
    await probe.waitFor((m) => m.kind === ServerKind.pong && m.id === 1);
    answered = 1;
  } catch {
    answered = 0;
  }
  const refused = (await metric(t, 'quotedeck_ws_rejected_messages_total')) - before;
  const errors = probe.errors().length;
  probe.socket.terminate();
  await settle(t);
  return [
    exactly(
      `garbage frames (${count}): refusals answered with an error`,
      errors,
      refused,
      'count',
      `one error per refusal (≥ ${count}), counted in metrics`,
      `${refused} counted`,
    ),
    exactly('garbage frames: connection still serves (ping answered)', answered, 1, '', '1 (yes)'),
  ];
}

/** Subscribes past the per-connection limit in three full frames (under the message burst). */
export async function subscribeFlood(t: Target): Promise<HostileFigure[]> {
  const probe = await openProbe(t.wsUrl, { token: t.token });
  const requests: ClientMessage[] = [subscribe(0, 'tickers', null)];
  for (const symbol of t.symbols) {
    if (requests.length >= 3 * MAX_MESSAGES_PER_FRAME) break;
    requests.push(subscribe(requests.length, 'trades', symbol));
    requests.push(subscribe(requests.length, 'book', symbol, { depth: 10 }));
    requests.push(subscribe(requests.length, 'candles', symbol, { interval: '1m' }));
  }
  const sent = requests.slice(0, 3 * MAX_MESSAGES_PER_FRAME);
  for (let i = 0; i < sent.length; i += MAX_MESSAGES_PER_FRAME) {
    probe.send(frame(sent.slice(i, i + MAX_MESSAGES_PER_FRAME)));
  }
  const excess = sent.length - DEFAULT_MAX_SUBSCRIPTIONS;
  const deadline = performance.now() + 5_000;
  while (probe.errors().length < excess && performance.now() < deadline) await sleep(20);
  await sleep(200);
  const refused = probe.errors('too_many_subscriptions').length;
  const held = await metric(t, 'quotedeck_ws_subscriptions');
  probe.socket.terminate();
  await settle(t);
  return [
    exactly(
      `subscribe flood (${sent.length} subscribes): refused`,
      refused,
      excess,
      'count',
      `all past ${DEFAULT_MAX_SUBSCRIPTIONS} per connection (${excess})`,
    ),
    exactly(
      'subscribe flood: subscriptions held',
      held,
      DEFAULT_MAX_SUBSCRIPTIONS,
      'count',
      `${DEFAULT_MAX_SUBSCRIPTIONS}`,
    ),
  ];
}

/** Frames of 64 pings every 20 ms (3,200 messages/s) until the gateway closes the client. */
export async function messageFlood(t: Target): Promise<HostileFigure[]> {
  const probe = await openProbe(t.wsUrl, { token: t.token });
  const pings = frame(Array.from({ length: 64 }, (_, i) => ping(i, i)));
  const started = performance.now();
  const timer = setInterval(() => probe.send(pings), 20);
  const closed = await Promise.race([probe.closed, sleep(15_000).then(() => null)]);
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  const answers = probe.errors('rate_limited').length;
  probe.socket.terminate();
  await settle(t);
  return [
    exactly(
      'message flood (3,200 messages/s): close code',
      closed?.code ?? NaN,
      1008,
      'code',
      '1008 "too many messages"',
      closed ? `${answers} rate_limited answers (at most one a second)` : 'no close within 15 s',
    ),
    atMost(
      'message flood: time until closed',
      closed ? seconds : NaN,
      DEFAULT_FLOOD_CLOSE_MS / 1000 + 2,
      's',
      `≈ ${DEFAULT_FLOOD_CLOSE_MS / 1000} s of excess after the burst (≤ ${DEFAULT_FLOOD_CLOSE_MS / 1000 + 2} s)`,
    ),
  ];
}

/** The per-address limit, then 4 connections more. */
export async function connectionsPerAddress(t: Target): Promise<HostileFigure[]> {
  const held: Probe[] = [];
  for (let i = 0; i < DEFAULT_MAX_CONNECTIONS_PER_IP; i += 16) {
    held.push(
      ...(await Promise.all(
        Array.from({ length: 16 }, () => openProbe(t.wsUrl, { token: t.token })),
      )),
    );
  }
  const extra = Array.from({ length: 4 }, () => new Probe(t.wsUrl, { token: t.token }));
  const closes = await Promise.all(
    extra.map((p) => Promise.race([p.closed, sleep(5_000).then(() => null)])),
  );
  const refused = closes.filter((c) => c?.code === 1013).length;
  const open = await metric(t, 'quotedeck_ws_connections');
  for (const p of [...held, ...extra]) p.socket.terminate();
  await settle(t);
  return [
    exactly(
      `connections from one address (${DEFAULT_MAX_CONNECTIONS_PER_IP} + 4): refused with 1013`,
      refused,
      4,
      'count',
      `all past ${DEFAULT_MAX_CONNECTIONS_PER_IP} (4)`,
      `${open} held`,
    ),
  ];
}

/** A browser-style upgrade from a foreign Origin, and the API and feed without or with a wrong token. */
export async function accessRefusals(t: Target): Promise<HostileFigure[]> {
  const upgrade = async (options: ConstructorParameters<typeof Probe>[1]): Promise<number> => {
    const probe = new Probe(t.wsUrl, options);
    await Promise.race([probe.closed, sleep(5_000)]);
    probe.socket.terminate();
    return probe.refusedStatus ?? NaN;
  };
  const api = async (token: string | undefined): Promise<number> =>
    (await fetch(`${t.url}/api/instruments`, { headers: authorization(token) })).status;
  const figures = [
    exactly(
      'upgrade with a foreign Origin: HTTP status',
      await upgrade({ token: t.token, origin: 'https://evil.example' }),
      403,
      'code',
      '403, no socket',
    ),
    exactly('feed upgrade without the token: HTTP status', await upgrade({}), 401, 'code', '401'),
    exactly(
      'feed upgrade with a wrong token: HTTP status',
      await upgrade({ token: 'x'.repeat(32) }),
      401,
      'code',
      '401',
    ),
    exactly('GET /api/instruments without the token', await api(undefined), 401, 'code', '401'),
    exactly(
      'GET /api/instruments with a wrong token',
      await api('y'.repeat(32)),
      401,
      'code',
      '401',
    ),
  ];
  await settle(t);
  return figures;
}

/** More API requests than the per-client budget allows in a minute. */
export async function apiFlood(t: Target): Promise<HostileFigure[]> {
  const total = t.apiPerMinute + 20;
  let refused = 0;
  let firstRefused = NaN;
  for (let i = 1; i <= total; i++) {
    const response = await fetch(`${t.url}/api/instruments`, { headers: authorization(t.token) });
    await response.arrayBuffer();
    if (response.status === 429) {
      refused += 1;
      if (Number.isNaN(firstRefused)) firstRefused = i;
    }
  }
  return [
    atMost(
      `API flood (${total} requests in a burst): first refused with 429 at request`,
      firstRefused,
      t.apiPerMinute + 1,
      '#',
      `by request ${t.apiPerMinute + 1} (--rate-limit ${t.apiPerMinute}/min)`,
      `${refused} refused`,
    ),
  ];
}
