/**
 * Appends records to an open file without ever blocking the caller: events are collected into
 * blocks, blocks become framed records, and records are written by asynchronous writes chained
 * one after another on a short timer. A crash loses at most what was not yet written, and leaves
 * at most one torn record, which readers ignore.
 */
import { close, fsync, write } from 'node:fs';
import { promisify } from 'node:util';
import { joinFrame } from '../../../protocol/codec';
import { frameRecord } from './framing';
import { encodeEvents, type RecordedEvent } from './record-codec';

const writeAsync = promisify(write);
const fsyncAsync = promisify(fsync);
const closeAsync = promisify(close);

export interface RecordWriterOptions {
  /** How often buffered records are written, ms (default 200). */
  flushMs?: number;
  /** Events per block record (default 1024); a full block is sealed at once. */
  blockEvents?: number;
  /** Called once with the first write error; recording stops, the event path is not disturbed. */
  onError?: (error: Error) => void;
}

export interface RecordWriterStats {
  events: number;
  records: number;
  /** Bytes handed to the file system so far. */
  bytesWritten: number;
  /** Bytes framed but not yet written. */
  pendingBytes: number;
  error: Error | null;
}

export class RecordWriter {
  readonly stats: RecordWriterStats = {
    events: 0,
    records: 0,
    bytesWritten: 0,
    pendingBytes: 0,
    error: null,
  };
  private block: RecordedEvent[] = [];
  private chunks: Uint8Array[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null;
  private closed = false;
  private readonly blockEvents: number;

  constructor(
    private readonly fd: number,
    private readonly options: RecordWriterOptions = {},
  ) {
    this.blockEvents = options.blockEvents ?? 1024;
    this.timer = setInterval(() => void this.flush(), options.flushMs ?? 200);
    this.timer.unref();
  }

  /** Queues one record payload (header, history). */
  record(payload: Uint8Array): void {
    if (this.closed || this.stats.error) return;
    this.sealBlock();
    this.push(frameRecord(payload));
  }

  /** Queues one event; it reaches the file with its block. */
  event(event: RecordedEvent): void {
    if (this.closed || this.stats.error) return;
    this.block.push(event);
    this.stats.events += 1;
    if (this.block.length >= this.blockEvents) this.sealBlock();
  }

  /** Writes everything queued so far; resolves when it reached the file system. */
  flush(): Promise<void> {
    this.sealBlock();
    if (this.chunks.length === 0) return this.chain;
    const bytes = joinFrame(this.chunks);
    this.chunks = [];
    this.chain = this.chain.then(() => this.writeAll(bytes));
    return this.chain;
  }

  /** Flushes, syncs and closes the file; later events are ignored. */
  async close(): Promise<void> {
    if (this.closed) return this.chain;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
    this.closed = true;
    try {
      if (!this.stats.error) await fsyncAsync(this.fd);
    } catch (error) {
      this.fail(error);
    } finally {
      await closeAsync(this.fd).catch((error: unknown) => this.fail(error));
    }
  }

  private sealBlock(): void {
    if (this.block.length === 0) return;
    const events = this.block;
    this.block = [];
    this.push(frameRecord(encodeEvents(events)));
  }

  private push(framed: Uint8Array): void {
    this.chunks.push(framed);
    this.stats.records += 1;
    this.stats.pendingBytes += framed.byteLength;
  }

  private async writeAll(bytes: Uint8Array): Promise<void> {
    if (this.stats.error) return;
    let offset = 0;
    try {
      while (offset < bytes.byteLength) {
        const { bytesWritten } = await writeAsync(
          this.fd,
          bytes,
          offset,
          bytes.byteLength - offset,
        );
        offset += bytesWritten;
        this.stats.bytesWritten += bytesWritten;
        this.stats.pendingBytes -= bytesWritten;
      }
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    if (this.stats.error) return;
    this.stats.error = error instanceof Error ? error : new Error(String(error));
    this.chunks = [];
    this.block = [];
    this.options.onError?.(this.stats.error);
  }
}
