/**
 * The feed worker's many-pages side: every page (a MessagePort of the shared worker, or the one
 * page of a dedicated worker) claims streams; the one FeedSession subscribes a stream on the socket
 * when the first page claims it and unsubscribes when the last page releases it. Every tick the
 * session's conflated batch is split per page, so each page gets one batch with only what it
 * claimed. Pages that say `bye`, or stop answering probes, lose their claims.
 */
import { BatchBuilder } from './batch-builder';
import {
  streamKey,
  type ConnectionInfo,
  type FeedBatch,
  type InstrumentRef,
  type StreamSpec,
  type WorkerCommand,
  type WorkerEvent,
  type WorkerStats,
} from './feed-types';
import { MarketCache } from './market-cache';
import { filterBatch, PortClaims } from './port-claims';
import { packTickers, PACK_MIN_TICKERS } from './ticker-pack';
import { isWorkerCommand } from './worker-command';

/** The parts of a MessagePort (or a dedicated worker's global scope) the hub uses. */
export interface PortLike {
  postMessage(message: WorkerEvent, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
}

/** The parts of FeedSession the hub drives. */
export interface SessionLike {
  start(): void;
  stop(): void;
  flush(): void;
  subscribe(spec: StreamSpec): void;
  unsubscribe(spec: StreamSpec): void;
  setInstruments(instruments: readonly InstrumentRef[]): void;
  setNetwork(online: boolean): void;
  /** A page became visible after `hiddenMs` hidden: check the socket now (see FeedSession.wake). */
  wake(hiddenMs: number): void;
  /** Asks for a fresh snapshot of a subscribed stream the market cache does not hold. */
  resnapshot(spec: StreamSpec): void;
  /** The worker's performance counters, for pages that asked for them (`perf` command). */
  stats?(): WorkerStats;
}

/** How often a page that asked for performance counters gets them, ms. */
export const STATS_EVERY_MS = 250;

export interface HubOptions {
  /** Creates the one session on the first `start`; it posts its batches to `post`. */
  createSession: (url: string, post: (batch: FeedBatch) => void) => SessionLike;
  now?: () => number;
  /** How often batches go out, ms. */
  tickMs?: number;
  /** How often pages are probed, ms. */
  probeMs?: number;
  /** A page silent for this long is dropped; null never drops (a dedicated worker's one page). */
  silentAfterMs?: number | null;
}

interface PortRecord {
  port: PortLike;
  claims: PortClaims;
  pending: BatchBuilder;
  lastHeard: number;
  /** Dropped records come back (with a `rejoin`) if their page turns out to be alive. */
  dropped: boolean;
  /** The page shows performance figures: its batches carry WorkerStats now and then. */
  perf: boolean;
  lastStatsAt: number;
}

export class FeedHub {
  /** Messages from pages that were not well-formed commands. */
  invalidCommands = 0;
  private session: SessionLike | null = null;
  private readonly ports = new Set<PortRecord>();
  private readonly counts = new Map<string, { spec: StreamSpec; ports: number }>();
  private readonly cache = new MarketCache();
  private readonly symbols = new Map<number, string>();
  private readonly ids = new Map<string, number>();
  private connection: ConnectionInfo | undefined;
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private readonly now: () => number;
  private readonly silentAfterMs: number | null;

  constructor(private readonly options: HubOptions) {
    this.now = options.now ?? Date.now;
    this.silentAfterMs = options.silentAfterMs === undefined ? 5_000 : options.silentAfterMs;
  }

  /** Adopts a page's port: from now on its commands are handled and it gets batches. */
  connect(port: PortLike): void {
    const record: PortRecord = {
      port,
      claims: new PortClaims(),
      pending: new BatchBuilder(),
      lastHeard: this.now(),
      dropped: false,
      perf: false,
      lastStatsAt: 0,
    };
    this.ports.add(record);
    port.onmessage = (event) => this.receive(record, event.data);
  }

  /** Pages currently served. */
  get portCount(): number {
    return this.ports.size;
  }

  /** Streams subscribed on the socket, as streamKey()s. */
  subscribedKeys(): string[] {
    return [...this.counts.keys()];
  }

  /** Takes the session's batch and posts each page its share: one batch per page per tick. */
  tick(): void {
    this.session?.flush();
    const now = this.now();
    for (const record of this.ports) {
      const stats = this.statsFor(record, now);
      const batch = record.pending.take();
      if (!batch) {
        if (stats) record.port.postMessage({ type: 'batch', batch: {}, stats });
        continue;
      }
      const extra = stats ? { stats } : {};
      const { tickers, ...rest } = batch;
      if (tickers && tickers.length >= PACK_MIN_TICKERS) {
        const packed = packTickers(tickers);
        record.port.postMessage({ type: 'batch', batch: rest, tickers: packed, ...extra }, [
          packed.buffer,
        ]);
      } else record.port.postMessage({ type: 'batch', batch, ...extra });
    }
  }

  /** Probes every page and drops those that have not answered for too long. */
  checkLiveness(): void {
    const silentAfter = this.silentAfterMs;
    for (const record of [...this.ports]) {
      if (silentAfter !== null && this.now() - record.lastHeard > silentAfter) this.drop(record);
      else record.port.postMessage({ type: 'probe' });
    }
  }

  /** Stops the session and the timers (tests; a real worker just ends). */
  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.session?.stop();
    this.session = null;
  }

  /** The counters for a page that asked for them and is due, else undefined. */
  private statsFor(record: PortRecord, now: number): WorkerStats | undefined {
    if (!record.perf || !this.session?.stats || now - record.lastStatsAt < STATS_EVERY_MS) {
      return undefined;
    }
    record.lastStatsAt = now;
    const stats = this.session.stats();
    return { ...stats, invalid: stats.invalid + this.invalidCommands };
  }

  private receive(record: PortRecord, data: unknown): void {
    if (!isWorkerCommand(data)) {
      this.invalidCommands++;
      return;
    }
    if (record.dropped) {
      if (data.type === 'bye' || data.type === 'stop') return;
      // It was only frozen or slow: take it back and ask for its claims again.
      record.dropped = false;
      this.ports.add(record);
      record.port.postMessage({ type: 'rejoin' });
    }
    record.lastHeard = this.now();
    this.handle(record, data);
  }

  private handle(record: PortRecord, command: WorkerCommand): void {
    switch (command.type) {
      case 'start':
        if (!this.session) this.startSession(command.url);
        if (this.connection) record.pending.connection(this.connection);
        return;
      case 'instruments':
        for (const { id, symbol } of command.instruments) {
          this.symbols.set(id, symbol);
          this.ids.set(symbol, id);
        }
        this.session?.setInstruments(command.instruments);
        return;
      case 'subscribe':
        if (record.claims.add(command.spec)) this.claim(record, command.spec);
        return;
      case 'unsubscribe':
        if (record.claims.remove(command.spec)) this.release(command.spec);
        return;
      case 'network':
        this.session?.setNetwork(command.online);
        return;
      case 'wake':
        // Any one page waking is reason enough to check the one socket all pages share; the
        // session leaves a socket that other pages kept busy alone.
        this.session?.wake(command.hiddenMs);
        return;
      case 'perf':
        record.perf = command.on;
        record.lastStatsAt = 0;
        return;
      case 'alive':
        return;
      case 'bye':
      case 'stop':
        // A shared session outlives any one page; the worker itself ends with its last page.
        this.drop(record);
        return;
    }
  }

  private startSession(url: string): void {
    const session = this.options.createSession(url, (batch) => this.distribute(batch));
    this.session = session;
    // Claims and instruments that came before `start` (a page rejoining in any order).
    session.setInstruments([...this.symbols].map(([id, symbol]) => ({ id, symbol })));
    for (const { spec } of this.counts.values()) session.subscribe(spec);
    session.start();
    this.timers.push(setInterval(() => this.tick(), this.options.tickMs ?? 16));
    this.timers.push(setInterval(() => this.checkLiveness(), this.options.probeMs ?? 1_000));
  }

  private claim(record: PortRecord, spec: StreamSpec): void {
    const key = streamKey(spec);
    const entry = this.counts.get(key);
    if (entry) {
      entry.ports++;
      // The account is not cached here (its state is the gateway's, folded by the page into
      // its queries): a fresh snapshot is one small message, harmless to pages that have it.
      if (spec.channel === 'account') {
        this.session?.resnapshot(spec);
        return;
      }
      // Already flowing: this page gets the current state now, the next deltas on top of it.
      const inst = spec.symbol === null ? null : (this.ids.get(spec.symbol) ?? null);
      const stale = new Set(this.connection?.staleStreams ?? []);
      this.cache.catchUp(spec, inst, stale, record.pending);
      return;
    }
    this.counts.set(key, { spec, ports: 1 });
    this.session?.subscribe(spec);
  }

  private release(spec: StreamSpec): void {
    const key = streamKey(spec);
    const entry = this.counts.get(key);
    if (!entry) return;
    if (--entry.ports > 0) return;
    this.counts.delete(key);
    this.session?.unsubscribe(spec);
    this.cache.forget(spec, spec.symbol === null ? null : (this.ids.get(spec.symbol) ?? null));
  }

  private drop(record: PortRecord): void {
    if (record.dropped) return;
    record.dropped = true;
    this.ports.delete(record);
    for (const spec of record.claims.all()) {
      record.claims.remove(spec);
      this.release(spec);
    }
    record.pending.take();
  }

  private distribute(batch: FeedBatch): void {
    this.cache.fold(batch);
    if (batch.connection) this.connection = batch.connection;
    const symbolOf = (inst: number) => this.symbols.get(inst) ?? null;
    for (const record of this.ports) {
      const share = filterBatch(batch, record.claims, symbolOf);
      if (share) record.pending.add(share);
    }
  }
}
