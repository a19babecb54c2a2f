/**
 * The gateway-wide budget for unsent bytes. Each client is bounded on its own (soft bound →
 * conflate, hard bound → close), but many slow clients each under their bound could still add up
 * to any amount, so the sum is bounded too: past the soft share of the budget every client that
 * is behind is conflated (its backlog stops growing), and past the budget the clients holding
 * the most are closed 1013 until the total is back under it.
 *
 * Sessions report their unsent bytes whenever they queue something, which keeps a running
 * estimate at no cost; bytes that drained are not reported, so the estimate only errs high, and
 * when it crosses the soft share the exact figure is taken from every member before acting.
 */
import type { FeedStats } from './feed-stats';

/** A client as the budget sees it (a Session). */
export interface BudgetMember {
  /** Bytes queued for or buffered by the client's socket and not yet sent. */
  readonly pendingBytes: number;
  readonly conflating: boolean;
  /** Stops queueing the client's stream messages until it drains (fresh snapshots then). */
  conflate(): void;
  /** Closes the client 1013: the gateway is out of memory for it. */
  shed(): void;
}

export interface BufferBudgetOptions {
  /** Total unsent bytes past which the largest clients are closed. */
  maxBytes: number;
  /** Share of maxBytes past which every client that is behind is conflated (default 0.75). */
  softShare?: number;
  /** Clients with fewer unsent bytes than this are never conflated by the budget (default 64 KiB). */
  minConflateBytes?: number;
  /** Exact recounts happen at most this often, ms (default 25). */
  recountMs?: number;
  stats?: FeedStats;
  now?: () => number;
}

export const DEFAULT_MAX_TOTAL_BUFFERED_BYTES = 64 * 1024 * 1024;

export class BufferBudget {
  private readonly members = new Map<BudgetMember, number>();
  private estimate = 0;
  private recountedAt = Number.NEGATIVE_INFINITY;
  private peakMember = 0;
  private readonly softBytes: number;
  private readonly minConflateBytes: number;
  private readonly recountMs: number;
  private readonly now: () => number;

  constructor(private readonly options: BufferBudgetOptions) {
    this.softBytes = Math.floor(options.maxBytes * (options.softShare ?? 0.75));
    this.minConflateBytes = options.minConflateBytes ?? 64 * 1024;
    this.recountMs = options.recountMs ?? 25;
    this.now = options.now ?? Date.now;
  }

  /** The budget in bytes. */
  get maxBytes(): number {
    return this.options.maxBytes;
  }

  /** Unsent bytes over all clients, counted now. */
  get totalBytes(): number {
    let total = 0;
    for (const member of this.members.keys()) total += member.pendingBytes;
    return total;
  }

  /**
   * The most unsent bytes one client has held at any report since the budget was made: the
   * figure to set against the per-client bound (a scrape of the current figures would miss it).
   */
  get peakMemberBytes(): number {
    return this.peakMember;
  }

  add(member: BudgetMember): void {
    this.members.set(member, 0);
  }

  remove(member: BudgetMember): void {
    const last = this.members.get(member);
    if (last === undefined) return;
    this.estimate -= last;
    this.members.delete(member);
  }

  /** Notes a member's unsent bytes after it queued something; enforces the budget when needed. */
  report(member: BudgetMember, pending: number): void {
    const last = this.members.get(member);
    if (last === undefined) return;
    this.members.set(member, pending);
    if (pending > this.peakMember) this.peakMember = pending;
    this.estimate += pending - last;
    if (this.estimate > this.softBytes && this.now() - this.recountedAt >= this.recountMs) {
      this.enforce();
    }
  }

  /** Recounts every member exactly and conflates or closes clients while over the budget. */
  enforce(): void {
    this.recountedAt = this.now();
    const sizes: Array<[BudgetMember, number]> = [];
    let total = 0;
    for (const member of this.members.keys()) {
      const pending = member.pendingBytes;
      this.members.set(member, pending);
      sizes.push([member, pending]);
      total += pending;
    }
    this.estimate = total;
    if (total <= this.softBytes) return;
    sizes.sort((a, b) => b[1] - a[1]);
    for (const [member, pending] of sizes) {
      if (total <= this.options.maxBytes) break;
      // Shedding removes the member (its session closes), which also takes its bytes off.
      member.shed();
      this.remove(member);
      if (this.options.stats) this.options.stats.budgetCloses++;
      total -= pending;
    }
    for (const [member, pending] of sizes) {
      if (pending < this.minConflateBytes) break;
      if (!this.members.has(member) || member.conflating) continue;
      member.conflate();
      if (this.options.stats) this.options.stats.budgetConflations++;
    }
  }
}
