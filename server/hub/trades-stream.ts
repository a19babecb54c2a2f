/** The trades stream of one instrument: a snapshot of the recent tape, then one message per print. */
import { tradeMessage, tradesSnapshot, type Trade } from '../../protocol/messages';
import { Encoded, Stream } from './stream';
import type { TradeTape } from './trade-tape';

export const TRADES_SNAPSHOT_SIZE = 100;

export class TradesStream extends Stream {
  private snapshotMessage: Encoded | null = null;

  constructor(
    readonly inst: number,
    private readonly tape: TradeTape,
  ) {
    super({ channel: 'trades', inst });
  }

  /** Publishes a print that the tape has just recorded. */
  onTrade(trade: Trade): void {
    this.snapshotMessage = null;
    if (this.active) this.publish(tradeMessage(this.inst, trade));
  }

  /** The snapshot of the newest trades; its seq is the newest trade id. */
  snapshot(): Encoded {
    this.snapshotMessage ??= new Encoded(
      tradesSnapshot(this.inst, this.tape.lastId, this.tape.recent(TRADES_SNAPSHOT_SIZE)),
    );
    return this.snapshotMessage;
  }
}
