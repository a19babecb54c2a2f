/**
 * The load process of the fan-out benchmark (run by the benchmark as a child, never by hand): opens
 * N WebSocket clients to the gateway, subscribes each to its profile's mix and counts what arrives.
 * Sampled clients decode every frame (and measure trade latency); the rest count bytes and frames.
 * It runs in its own process so that its CPU is not the gateway's, and exits with its parent.
 */
import { performance } from 'node:perf_hooks';
import { WebSocket, type RawData } from 'ws';
import { encodeMessage, joinFrame } from '../../protocol/codec';
import { decodedIndexes, deriveDelivery } from './delivery';
import { readFrame } from './frame-reader';
import { LatencyHistogram } from './latency-histogram';
import {
  parseLoadCommand,
  type ConnectCommand,
  type LoadEvent,
  type LoadReport,
} from './load-messages';
import { PROFILE_COUNT, profileOf, subscriptionsOf } from './subscription-mix';

const HANDSHAKE_TIMEOUT_MS = 15_000;

interface LoadClient {
  socket: WebSocket | null;
  profile: number;
  decoded: boolean;
  bytes: number;
  frames: number;
  messages: number;
}

const clients: LoadClient[] = [];
const latency = new LatencyHistogram();
const kinds = new Map<number, number>();
let textFrames = 0;
let oneMessagePerFrame = false;
let malformedFrames = 0;
let open = 0;
let closeCodes: Record<string, number> = {};
let windowStart = performance.now();
let cpuStart = process.cpuUsage();

function emit(event: LoadEvent): void {
  process.send?.(event);
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

function connectOne(url: string, client: LoadClient): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, {
      perMessageDeflate: false,
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
    });
    client.socket = socket;
    let settled = false;
    const settle = (error: string | null): void => {
      if (settled) return;
      settled = true;
      resolve(error);
    };
    socket.on('open', () => {
      opened = true;
      open += 1;
      settle(null);
    });
    socket.on('message', (data: RawData, isBinary: boolean) => {
      const bytes = toBytes(data);
      client.bytes += bytes.byteLength;
      client.frames += 1;
      if (!isBinary) textFrames += 1;
      if (!client.decoded) return;
      const counted = readFrame(bytes, isBinary, Date.now(), latency, kinds);
      client.messages += counted.messages;
      if (counted.malformed) malformedFrames += 1;
    });
    let opened = false;
    socket.on('close', (code: number) => {
      // A socket that never opened (a handshake timeout settles first) is a failed connect,
      // already counted as such: not a close of an open client.
      if (opened) {
        open -= 1;
        closeCodes[code] = (closeCodes[code] ?? 0) + 1;
      }
      client.socket = null;
      settle(`closed with ${code} before opening`);
    });
    socket.on('error', (error: Error) => settle(error.message));
  });
}

async function connectAll(command: ConnectCommand): Promise<void> {
  const frames = new Map<number, Uint8Array | string>();
  const decoded = decodedIndexes(command.clients, PROFILE_COUNT, command.decodePerProfile);
  oneMessagePerFrame = command.oneMessagePerFrame;
  for (let i = 0; i < command.clients; i += 1) {
    const profile = profileOf(i, command.symbols);
    if (!frames.has(profile.profile)) {
      const requests = subscriptionsOf(profile);
      // The JSON feed takes an array of messages in one text frame, as the binary feed takes a batch.
      frames.set(
        profile.profile,
        command.json ? JSON.stringify(requests) : joinFrame(requests.map(encodeMessage)),
      );
    }
    clients.push({
      socket: null,
      profile: profile.profile,
      decoded: decoded.has(i),
      bytes: 0,
      frames: 0,
      messages: 0,
    });
  }
  let next = 0;
  let failed = 0;
  let firstError: string | null = null;
  const worker = async (): Promise<void> => {
    while (next < clients.length) {
      const client = clients[next]!;
      next += 1;
      const error = await connectOne(command.url, client);
      if (error !== null) {
        failed += 1;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, worker));
  // Subscribing only once every client is open keeps the firehose from starving the handshakes
  // of the clients still connecting (the gateway shares its core between both).
  for (const client of clients) {
    const frame = frames.get(client.profile)!;
    if (client.socket?.readyState === WebSocket.OPEN) {
      client.socket.send(frame, { binary: typeof frame !== 'string' });
    }
  }
  emit({ type: 'connected', open, failed, firstError });
}

function mark(): void {
  for (const client of clients) {
    client.bytes = 0;
    client.frames = 0;
    client.messages = 0;
  }
  latency.reset();
  kinds.clear();
  textFrames = 0;
  malformedFrames = 0;
  closeCodes = {};
  windowStart = performance.now();
  cpuStart = process.cpuUsage();
  emit({ type: 'marked' });
}

function report(): LoadReport {
  const cpu = process.cpuUsage(cpuStart);
  return {
    windowMs: performance.now() - windowStart,
    delivery: deriveDelivery(clients, oneMessagePerFrame),
    latency: latency.summary(),
    kinds: Object.fromEntries([...kinds].map(([kind, count]) => [String(kind), count])),
    textFrames,
    malformedFrames,
    open,
    closeCodes,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

function stop(): never {
  for (const client of clients) client.socket?.terminate();
  process.exit(0);
}

process.on('message', (raw: unknown) => {
  const command = parseLoadCommand(raw);
  if (command === null) {
    process.stderr.write(`load process: ignoring malformed command ${JSON.stringify(raw)}\n`);
    return;
  }
  switch (command.type) {
    case 'connect':
      connectAll(command).catch((error: unknown) => {
        process.stderr.write(`load process: ${String(error)}\n`);
        process.exit(1);
      });
      return;
    case 'mark':
      mark();
      return;
    case 'report':
      emit({ type: 'report', report: report() });
      return;
    case 'stop':
      stop();
  }
});
// Never outlive the benchmark.
process.on('disconnect', stop);
