/**
 * The one `tickers` stream: a snapshot of every instrument's ticker, then one message per
 * conflated change.
 */
import { encodeMessage } from '../../protocol/codec';
import { tickerMessage, tickerSnapshot } from '../../protocol/messages';
import { Stream } from './stream';
import type { TickerInputs, TickerState } from './ticker-state';

export class TickersStream extends Stream {
  private snapshotBytes: Uint8Array | null = null;

  constructor(private readonly states: readonly TickerState[]) {
    super();
  }

  /** Publishes a ticker (next seq) for the state, from the given inputs. */
  publishTicker(state: TickerState, inputs: TickerInputs): void {
    const ticker = state.publish(inputs);
    this.snapshotBytes = null;
    if (this.active) this.publish(tickerMessage(ticker));
  }

  /** The encoded snapshot of every instrument's last published ticker. */
  snapshot(): Uint8Array {
    this.snapshotBytes ??= encodeMessage(tickerSnapshot(this.states.map((s) => s.published)));
    return this.snapshotBytes;
  }
}
