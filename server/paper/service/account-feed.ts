/**
 * The WebSocket `account` channel: a snapshot on subscribe (taken between two commits, so the
 * updates that follow continue exactly from its seq), an AccountUpdate per committed change, a
 * fresh snapshot for everyone after a reset, and marks every ACCOUNT_MARK_MS while positions are
 * open. Each message is encoded once and the same bytes go to every subscriber.
 */
import {
  ACCOUNT_MARK_MS,
  accountMark,
  accountSnapshot,
  accountUpdate,
} from '../../../protocol/account-messages';
import { Encoded, type StreamKey, type Subscriber } from '../../hub/stream';
import type { AccountChange, PaperService } from './paper-service';

const KEY: StreamKey = { channel: 'account' };

/** What a session needs of the account channel. */
export interface AccountChannel {
  subscribe(subscriber: Subscriber): void;
  unsubscribe(subscriber: Subscriber): void;
}

export class AccountFeed implements AccountChannel {
  /** Subscribers that have their snapshot and get every update. */
  private readonly subscribers = new Set<Subscriber>();
  /** Subscribers whose snapshot is queued; a later unsubscribe removes them. */
  private readonly joining = new Set<Subscriber>();
  private timer: NodeJS.Timeout | null = null;
  private marking = false;
  private stopChanges: (() => void) | null = null;

  constructor(
    private readonly service: PaperService,
    private readonly options: { markMs?: number; onError?: (error: unknown) => void } = {},
  ) {}

  /** Starts relaying committed changes and the mark tick. */
  start(): void {
    this.stopChanges = this.service.subscribe((change) => this.onChange(change));
    this.timer = setInterval(() => this.mark(), this.options.markMs ?? ACCOUNT_MARK_MS);
    this.timer.unref();
  }

  stop(): void {
    this.stopChanges?.();
    this.stopChanges = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.subscribers.clear();
    this.joining.clear();
  }

  /** Number of sessions subscribed (or waiting for their snapshot). */
  get size(): number {
    return this.subscribers.size + this.joining.size;
  }

  subscribe(subscriber: Subscriber): void {
    // Subscribing again gets a fresh snapshot, like the market channels.
    this.subscribers.delete(subscriber);
    this.joining.add(subscriber);
    this.service
      .snapshot((data) => {
        if (!this.joining.delete(subscriber)) return;
        const message = accountSnapshot(data.account, data.orders, data.positions, data.fills);
        subscriber.push(new Encoded(message), KEY);
        this.subscribers.add(subscriber);
      })
      .catch((error: unknown) => {
        this.joining.delete(subscriber);
        this.options.onError?.(error);
      });
  }

  unsubscribe(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    this.joining.delete(subscriber);
  }

  private onChange(change: AccountChange): void {
    if (change.type === 'reset') {
      for (const subscriber of [...this.subscribers]) this.subscribe(subscriber);
      return;
    }
    if (this.subscribers.size === 0) return;
    const encoded = new Encoded(
      accountUpdate(change.account, change.orders, change.fills, change.positions),
    );
    for (const subscriber of this.subscribers) subscriber.push(encoded, KEY);
  }

  private mark(): void {
    if (this.subscribers.size === 0 || this.marking) return;
    this.marking = true;
    this.service
      .marks()
      .then((marks) => {
        if (!marks) return;
        const encoded = new Encoded(accountMark(marks.account, marks.positions));
        for (const subscriber of this.subscribers) subscriber.push(encoded, KEY);
      })
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.marking = false;
      });
  }
}
