/** A WebSocket client of the hostile benchmark: decodes what it is sent and records how it ends. */
import WebSocket, { type RawData } from 'ws';
import { decodeFrame } from '../../protocol/codec';
import { ServerKind } from '../../protocol/messages';
import { isRecord } from '../../protocol/value-guards';

export interface ProbeClose {
  code: number;
  reason: string;
  /** ms from the probe's creation. */
  atMs: number;
}

export interface ProbeOptions {
  token?: string;
  origin?: string;
  /** `json` speaks the JSON feed (text frames). */
  format?: 'msgpack' | 'json';
}

export class Probe {
  readonly socket: WebSocket;
  /** Decoded server messages (records), in arrival order. */
  readonly messages: Array<Record<string, unknown>> = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<ProbeClose>;
  /** HTTP status of a refused upgrade, when the upgrade was refused. */
  refusedStatus: number | null = null;
  private readonly created = performance.now();

  constructor(wsUrl: string, options: ProbeOptions = {}) {
    const url = options.format === 'json' ? `${wsUrl}?format=json` : wsUrl;
    this.socket = new WebSocket(url, {
      perMessageDeflate: false,
      headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
      ...(options.origin ? { origin: options.origin } : {}),
    });
    this.socket.on('message', (data: RawData, isBinary: boolean) => this.read(data, isBinary));
    this.socket.on('unexpected-response', (_request, response) => {
      this.refusedStatus = response.statusCode ?? null;
      response.resume();
      this.socket.terminate();
    });
    // Errors end in 'close', which is what the scenarios wait for.
    this.socket.on('error', () => {});
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('close', () => reject(new Error('closed before opening')));
    });
    this.opened.catch(() => {});
    this.closed = new Promise((resolve) => {
      this.socket.once('close', (code: number, reason: Buffer) =>
        resolve({ code, reason: reason.toString(), atMs: performance.now() - this.created }),
      );
    });
  }

  /** Errors the gateway answered with, by code. */
  errors(code?: string): Array<Record<string, unknown>> {
    return this.messages.filter(
      (m) => m.kind === ServerKind.error && (code === undefined || m.code === code),
    );
  }

  /** Resolves once a message matching `match` (from index `after` on) arrives; rejects on timeout. */
  async waitFor(
    match: (m: Record<string, unknown>) => boolean,
    after = 0,
    timeoutMs = 5_000,
  ): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!this.messages.slice(after).some(match)) {
      if (performance.now() > deadline) throw new Error('timed out waiting for a message');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  send(data: Uint8Array | string): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(data);
  }

  private read(data: RawData, isBinary: boolean): void {
    const bytes = Array.isArray(data)
      ? Buffer.concat(data)
      : data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : data;
    let values: unknown[];
    try {
      if (isBinary) values = decodeFrame(bytes);
      else {
        const parsed: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
        values = Array.isArray(parsed) ? parsed : [parsed];
      }
    } catch {
      values = [{ kind: -1 }];
    }
    for (const value of values) if (isRecord(value)) this.messages.push(value);
  }
}

/** A probe that is open (or throws), with the hello already received. */
export async function openProbe(wsUrl: string, options: ProbeOptions = {}): Promise<Probe> {
  const probe = new Probe(wsUrl, options);
  await probe.opened;
  await probe.waitFor((m) => m.kind === ServerKind.hello);
  return probe;
}
