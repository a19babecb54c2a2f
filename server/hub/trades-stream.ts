/** The trades stream of one instrument: a snapshot of the recent tape, then one message per print. */
import { encodeMessage } from '../../protocol/codec';
import { tradeMessage, tradesSnapshot, type Trade } from '../../protocol/messages';
import { Stream } from './stream';
import type { TradeTape } from './trade-tape';

export const TRADES_SNAPSHOT_SIZE = 100;

export class TradesStream extends Stream {
  private snapshotBytes: Uint8Array | null = null;

  constructor(
    readonly inst: number,
    private readonly tape: TradeTape,
  ) {
    super();
  }

  /** Publishes a print that the tape has just recorded. */
  onTrade(trade: Trade): void {
    this.snapshotBytes = null;
    if (this.active) this.publish(tradeMessage(this.inst, trade));
  }

  /** The encoded snapshot of the newest trades; its seq is the newest trade id. */
  snapshot(): Uint8Array {
    this.snapshotBytes ??= encodeMessage(
      tradesSnapshot(this.inst, this.tape.lastId, this.tape.recent(TRADES_SNAPSHOT_SIZE)),
    );
    return this.snapshotBytes;
  }
}
