/**
 * Starts the paper account without holding the gateway up. Opening PGlite takes seconds (more on a
 * slow disk), and a trader who runs `npm start` should see markets at once: the gateway listens
 * right away, paper REST routes answer 503 "starting" until the store is open, and sessions that
 * subscribe to the account channel meanwhile get their snapshot the moment it is.
 */
import type { Subscriber } from '../../hub/stream';
import type { AccountChannel } from './account-feed';
import { PaperUnavailableError, type PaperService } from './paper-service';

/** A started paper account. */
export interface RunningPaper {
  service: PaperService;
  feed: AccountChannel;
  close(): Promise<void>;
  /** A cheap query that proves the database answers (for GET /readyz). */
  ping?(): Promise<unknown>;
}

/** How long /readyz waits for the database before calling it unreachable. */
export const DATABASE_PING_TIMEOUT_MS = 1_000;

export type PaperState = 'starting' | 'ready' | 'failed';

export class PaperLauncher implements AccountChannel {
  private running: RunningPaper | null = null;
  private failure: string | null = null;
  private failureCause: unknown = null;
  private readonly waiting = new Set<Subscriber>();
  private readonly started: Promise<RunningPaper | null>;

  /** Begins `start` now; `onFailed` hears why it could not start (the gateway keeps serving). */
  constructor(start: () => Promise<RunningPaper>, onFailed: (error: unknown) => void) {
    this.started = start().then(
      (running) => {
        this.running = running;
        for (const subscriber of this.waiting) running.feed.subscribe(subscriber);
        this.waiting.clear();
        return running;
      },
      (error: unknown) => {
        this.failure = error instanceof Error ? error.message : String(error);
        this.failureCause = error;
        this.waiting.clear();
        onFailed(error);
        return null;
      },
    );
  }

  get state(): PaperState {
    if (this.running) return 'ready';
    return this.failure === null ? 'starting' : 'failed';
  }

  /** Resolves once started; rejects with the error that stopped it from starting. */
  async ready(): Promise<PaperService> {
    const running = await this.started;
    if (!running) throw this.failureCause;
    return running.service;
  }

  /** The service, or PaperUnavailableError saying why there is none yet. */
  service(): PaperService {
    if (this.running) return this.running.service;
    throw new PaperUnavailableError(
      this.failure === null
        ? 'the paper account is starting; try again in a moment'
        : `the paper account could not start: ${this.failure}`,
    );
  }

  subscribe(subscriber: Subscriber): void {
    if (this.running) this.running.feed.subscribe(subscriber);
    else if (this.failure === null) this.waiting.add(subscriber);
  }

  unsubscribe(subscriber: Subscriber): void {
    this.waiting.delete(subscriber);
    this.running?.feed.unsubscribe(subscriber);
  }

  /**
   * Whether the database answers a cheap query within `timeoutMs`; null while the account is not
   * running (its state already says why) or when it has no way to ask.
   */
  async databaseReachable(timeoutMs = DATABASE_PING_TIMEOUT_MS): Promise<boolean | null> {
    const ping = this.running?.ping;
    if (!ping) return null;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([ping().then(() => true), timeout]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the account once its start has settled (a store half-open is closed, not leaked). */
  async close(): Promise<void> {
    this.waiting.clear();
    const running = await this.started;
    await running?.close();
  }
}
