/**
 * One instrument's local order book kept in sync by Binance's documented procedure
 * ("How to manage a local order book correctly"): buffer diff events, fetch a REST snapshot,
 * refetch it when it is older than the first buffered event, drop events with u <= lastUpdateId,
 * apply the first event only if U <= lastUpdateId + 1 <= u, then require U = previous u + 1.
 * Any break restarts the procedure with a fresh snapshot, and the stream is marked stale until
 * that snapshot is applied.
 */
import type { Instrument } from '../../../protocol/instruments';
import type { FlatLevels } from '../../../protocol/messages';
import type { ExchangeStats } from '../exchange/exchange-stats';
import { gridUnits } from '../exchange/venue-units';
import type { SourceSink } from '../source';
import type { DepthSnapshot, DepthUpdateEvent, RawLevel } from './binance-messages';

/** Events kept while waiting for a snapshot; beyond this the oldest go (the snapshot is checked). */
const MAX_BUFFER = 20_000;

export interface BookSyncHost {
  readonly stats: ExchangeStats;
  sink(): SourceSink | null;
  /** Asks for a REST snapshot; the answer goes to `applySnapshot(generation, ...)`. */
  requestSnapshot(sync: BinanceBookSync, generation: number): void;
  now(): number;
  log(line: string): void;
}

type SyncState = 'idle' | 'buffering' | 'live';

export class BinanceBookSync {
  private state: SyncState = 'idle';
  private buffer: DepthUpdateEvent[] = [];
  /** Update id of the local book (the last applied u, or the snapshot's lastUpdateId). */
  private bookId = 0;
  /** The next event only has to straddle bookId + 1 (first event after a snapshot). */
  private straddle = false;
  private generation = 0;
  private snapshotWanted = false;
  private synced = false;
  private recovering = false;
  private live = false;

  constructor(
    readonly instrument: Instrument,
    private readonly host: BookSyncHost,
  ) {}

  /** True once a snapshot has been applied and the book is being kept current. */
  get isLive(): boolean {
    return this.live;
  }

  /** True once any snapshot was emitted (the hub has a book, so trades may flow). */
  get hasBook(): boolean {
    return this.synced;
  }

  /** True when a snapshot was asked for and `generation` is still the current attempt. */
  wants(generation: number): boolean {
    return this.snapshotWanted && generation === this.generation;
  }

  /** A (new) connection is open: buffer from scratch. */
  begin(): void {
    this.restart(false);
  }

  /** The connection went away: the book is no longer trustworthy. */
  down(): void {
    this.markStale();
    if (this.synced) this.startRecovery();
    this.state = 'idle';
    this.buffer = [];
    this.snapshotWanted = false;
    this.generation++;
  }

  /** Marks the stream stale (once) without touching the sync state. */
  markStale(): void {
    if (!this.live) return;
    this.live = false;
    this.host.sink()?.status(this.instrument.id, false);
  }

  /** Handles one diff depth event of this instrument. */
  onDepth(event: DepthUpdateEvent): void {
    if (this.state === 'idle') return;
    if (this.state === 'live') {
      this.applyLive(event);
      return;
    }
    const last = this.buffer.at(-1);
    if (last && event.U !== last.u + 1) {
      // The stream itself skipped while we wait: only what follows the break can be used.
      this.host.stats.gaps++;
      this.buffer = [];
    }
    this.buffer.push(event);
    if (this.buffer.length > MAX_BUFFER) this.buffer.shift();
    if (!this.snapshotWanted) this.askSnapshot();
  }

  /** Applies a REST snapshot fetched for attempt `generation` (ignored if outdated). */
  applySnapshot(generation: number, snapshot: DepthSnapshot): void {
    if (!this.wants(generation) || this.state !== 'buffering') return;
    this.snapshotWanted = false;
    const first = this.buffer[0];
    const lastUpdateId = snapshot.lastUpdateId;
    if (!first || lastUpdateId < first.U - 1) {
      // Older than the first buffered event: events in between are missing; fetch it again.
      this.host.log(
        `binance: ${this.instrument.venueSymbol} snapshot ${lastUpdateId} is older than event ${first?.U}, refetching`,
      );
      this.askSnapshot();
      return;
    }
    const pending = this.buffer.filter((event) => event.u > lastUpdateId);
    this.buffer = [];
    this.state = 'live';
    this.bookId = lastUpdateId;
    this.straddle = true;
    const bids = this.levels(snapshot.bids, false);
    const asks = this.levels(snapshot.asks, false);
    this.host.sink()?.book(this.instrument.id, bids, asks, this.host.now(), true);
    for (const event of pending) {
      this.applyLive(event);
      if (this.state !== 'live') return;
    }
    this.synced = true;
    this.recovering = false;
    this.live = true;
    this.host.sink()?.status(this.instrument.id, true);
  }

  private applyLive(event: DepthUpdateEvent): void {
    if (event.u <= this.bookId) return;
    const next = this.bookId + 1;
    const fits = this.straddle ? event.U <= next : event.U === next;
    if (!fits) {
      this.host.stats.gaps++;
      this.host.log(
        `binance: ${this.instrument.venueSymbol} depth gap (expected ${next}, got ${event.U}), resyncing`,
      );
      this.restart(true);
      this.buffer.push(event);
      this.askSnapshot();
      return;
    }
    this.bookId = event.u;
    this.straddle = false;
    const bids = this.levels(event.b, true);
    const asks = this.levels(event.a, true);
    if (bids.length + asks.length > 0) {
      this.host.sink()?.book(this.instrument.id, bids, asks, event.E, false);
    }
  }

  private restart(recovery: boolean): void {
    this.markStale();
    if (recovery || this.synced) this.startRecovery();
    this.state = 'buffering';
    this.buffer = [];
    this.snapshotWanted = false;
    this.generation++;
  }

  private startRecovery(): void {
    if (this.recovering) return;
    this.recovering = true;
    this.host.stats.resyncs++;
  }

  private askSnapshot(): void {
    this.snapshotWanted = true;
    this.host.requestSnapshot(this, this.generation);
  }

  /** Levels on the instrument's grid; others are counted and left out (never rounded). */
  private levels(raw: readonly RawLevel[], allowZero: boolean): FlatLevels {
    const { priceScale, tick, sizeScale, lot } = this.instrument;
    const flat: number[] = [];
    for (const [priceText, sizeText] of raw) {
      const price = gridUnits(priceText, priceScale, tick);
      const size = gridUnits(sizeText, sizeScale, lot, allowZero);
      if (price === null || size === null) {
        this.host.stats.offGrid++;
        continue;
      }
      flat.push(price, size);
    }
    return flat;
  }
}
