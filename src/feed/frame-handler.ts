/**
 * The pure part of the feed worker: bytes in, batch updates and control events out. Anything
 * malformed is counted and skipped; nothing here throws on bad input.
 */
import { checkAccountMessage, isAccountKind } from '../../protocol/account-guards';
import type { AccountMessage } from '../../protocol/account-messages';
import { decodeFrame } from '../../protocol/codec';
import { checkServerMessage } from '../../protocol/guards';
import { intervalFromCode } from '../../protocol/intervals';
import {
  ServerKind,
  type Channel,
  type ErrorMessage,
  type Hello,
  type Pong,
  type ServerMessage,
} from '../../protocol/messages';
import type { BatchBuilder } from './batch-builder';
import { ACCOUNT_INST } from './feed-types';
import { isCandle, isTicker, isTrade } from '../../protocol/value-guards';
import { StreamTracker, Verdict } from './stream-tracker';
import { controlProblem } from './control-guards';

export interface FrameEvents {
  hello(message: Hello): void;
  pong(message: Pong): void;
  error(message: ErrorMessage): void;
  /** A sequenced stream lost its place: resubscribe for a fresh snapshot. */
  resync(channel: Channel, inst: number): void;
  /** A stream stopped or resumed being live at the source. */
  streamStatus(channel: Channel, inst: number, live: boolean): void;
  /** A sequenced stream got its snapshot (it is in place again after a resync). */
  snapshot?(channel: Channel, inst: number): void;
}

export class FrameHandler {
  /** Frames or messages rejected as malformed since start. */
  invalid = 0;
  /** Messages decoded from frames since start, well-formed or not. */
  decoded = 0;
  lastInvalidReason: string | null = null;
  readonly tracker = new StreamTracker();

  constructor(
    private readonly builder: BatchBuilder,
    private readonly events: FrameEvents,
    private readonly now: () => number = Date.now,
  ) {}

  /** Decodes and applies one frame; returns how many messages were accepted. */
  handleFrame(data: unknown): number {
    if (!(data instanceof ArrayBuffer) && !(data instanceof Uint8Array)) {
      this.reject('frame is not binary');
      return 0;
    }
    let values: unknown[];
    try {
      values = decodeFrame(data instanceof Uint8Array ? data : new Uint8Array(data));
    } catch (error) {
      this.reject(error instanceof Error ? error.message : 'undecodable frame');
      return 0;
    }
    this.decoded += values.length;
    let accepted = 0;
    for (const value of values) {
      if (isAccountMessageKind(value)) {
        const checked = checkAccountMessage(value);
        if (!checked.ok) this.reject(checked.error);
        else if (this.applyAccount(checked.value)) accepted++;
        continue;
      }
      const checked = checkServerMessage(value);
      if (!checked.ok) {
        this.reject(checked.error);
        continue;
      }
      if (this.apply(checked.value)) accepted++;
    }
    return accepted;
  }

  private reject(reason: string): void {
    this.invalid++;
    this.lastInvalidReason = reason;
  }

  private apply(message: ServerMessage): boolean {
    const now = this.now();
    const problem = controlProblem(message);
    if (problem !== null) return this.rejected(problem);
    switch (message.kind) {
      case ServerKind.hello:
        this.events.hello(message);
        return true;
      case ServerKind.pong:
        this.events.pong(message);
        return true;
      case ServerKind.error:
        this.events.error({ ...message, ref: message.ref ?? null });
        return true;
      case ServerKind.streamStatus:
        this.events.streamStatus(message.channel, message.inst, message.live);
        return true;
      case ServerKind.tickerSnapshot: {
        const tickers = message.tickers.filter(isTicker);
        if (tickers.length !== message.tickers.length) this.reject('malformed ticker in snapshot');
        for (const t of tickers) {
          this.tracker.snapshot(`ticker|${t.inst}`, t.seq);
          this.builder.ticker(t);
        }
        return true;
      }
      case ServerKind.ticker: {
        if (!isTicker(message)) return this.rejected('malformed ticker');
        if (this.tracker.latest(`ticker|${message.inst}`, message.seq) !== Verdict.apply) {
          return false;
        }
        const { inst, seq, time, last, bid, ask, open24, high24, low24, volume24 } = message;
        this.builder.ticker({ inst, seq, time, last, bid, ask, open24, high24, low24, volume24 });
        return true;
      }
      case ServerKind.bookSnapshot:
        this.tracker.snapshot(`book|${message.inst}`, message.seq);
        this.builder.bookSnapshot(message.inst, message.seq, message.bids, message.asks, now);
        this.events.snapshot?.('book', message.inst);
        return true;
      case ServerKind.bookDelta:
        return this.sequenced('book', message.inst, message.seq, now, () =>
          this.builder.bookDelta(message.inst, message.seq, message.bids, message.asks, now),
        );
      case ServerKind.tradesSnapshot: {
        const trades = message.trades.filter(isTrade);
        if (trades.length !== message.trades.length) return this.rejected('malformed trade');
        this.tracker.snapshot(`trades|${message.inst}`, message.seq);
        this.builder.tradesSnapshot(message.inst, trades);
        this.events.snapshot?.('trades', message.inst);
        return true;
      }
      case ServerKind.trade: {
        const { inst, seq, price, size, side, time } = message;
        const trade = { id: seq, price, size, side, time };
        if (!isTrade(trade)) return this.rejected('malformed trade');
        return this.sequenced('trades', inst, seq, now, () => this.builder.trade(inst, trade));
      }
      case ServerKind.candle: {
        const interval = intervalFromCode(message.interval);
        if (!interval || !isCandle(message)) {
          return this.rejected('malformed candle');
        }
        const key = `candle|${message.inst}|${interval}`;
        if (this.tracker.latest(key, message.seq) !== Verdict.apply) return false;
        const { inst, time, open, high, low, close, volume } = message;
        this.builder.candle({ inst, interval, time, open, high, low, close, volume });
        return true;
      }
    }
  }

  /**
   * The account channel is sequenced like a book: a snapshot, then updates whose seq must follow
   * on exactly (a gap means resubscribe). Marks carry no seq and only count once a snapshot is in.
   */
  private applyAccount(message: AccountMessage): boolean {
    const key = `account|${ACCOUNT_INST}`;
    switch (message.kind) {
      case ServerKind.accountSnapshot:
        this.tracker.snapshot(key, message.seq);
        this.builder.account(message);
        this.events.snapshot?.('account', ACCOUNT_INST);
        return true;
      case ServerKind.accountUpdate:
        return this.sequenced('account', ACCOUNT_INST, message.seq, this.now(), () =>
          this.builder.account(message),
        );
      case ServerKind.accountMark:
        if (!this.tracker.has(key)) return false;
        this.builder.account(message);
        return true;
    }
  }

  private sequenced(
    channel: Channel,
    inst: number,
    seq: number,
    now: number,
    apply: () => void,
  ): boolean {
    const verdict = this.tracker.next(`${channel}|${inst}`, seq, now);
    if (verdict === Verdict.apply) {
      apply();
      return true;
    }
    if (verdict === Verdict.resync) this.events.resync(channel, inst);
    return false;
  }

  private rejected(reason: string): false {
    this.reject(reason);
    return false;
  }
}

function isAccountMessageKind(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && isAccountKind((value as { kind?: unknown }).kind)
  );
}
