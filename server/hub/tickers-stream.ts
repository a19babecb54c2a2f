/**
 * The one `tickers` stream: a snapshot of every instrument's ticker, then one message per
 * conflated change.
 */
import { tickerMessage, tickerSnapshot } from '../../protocol/messages';
import { Encoded, Stream } from './stream';
import type { TickerInputs, TickerState } from './ticker-state';

export class TickersStream extends Stream {
  private snapshotMessage: Encoded | null = null;

  constructor(private readonly states: readonly TickerState[]) {
    super({ channel: 'tickers' });
  }

  /** Publishes a ticker (next seq) for the state, from the given inputs. */
  publishTicker(state: TickerState, inputs: TickerInputs): void {
    const ticker = state.publish(inputs);
    this.snapshotMessage = null;
    if (this.active) this.publish(tickerMessage(ticker));
  }

  /** The snapshot of every instrument's last published ticker. */
  snapshot(): Encoded {
    this.snapshotMessage ??= new Encoded(tickerSnapshot(this.states.map((s) => s.published)));
    return this.snapshotMessage;
  }
}
