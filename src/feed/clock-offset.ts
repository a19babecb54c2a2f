/**
 * Estimates how far the gateway's clock is ahead of this one, so gateway timestamps can be compared
 * with local time. `hello` gives a first guess (its one-way delay unknown); each ping/pong gives a
 * sample whose error is at most half its round trip, so the sample with the shortest recent round
 * trip is the one believed (NTP's minimum-delay filter, in small).
 */

interface Sample {
  offsetMs: number;
  rttMs: number;
}

/** How many recent pong samples the minimum-RTT filter looks at. */
export const OFFSET_SAMPLES = 8;

export class ClockOffset {
  private samples: Sample[] = [];
  private helloOffset: number | null = null;

  /** A `hello` carrying `serverTime` arrived at local time `receivedAt`. */
  hello(serverTime: number, receivedAt: number): void {
    this.helloOffset = serverTime - receivedAt;
    // A new connection may be to another gateway (another clock): forget the old samples.
    this.samples = [];
  }

  /** A pong for a ping sent at `clientTime` carried `serverTime` and arrived at `receivedAt`. */
  pong(clientTime: number, serverTime: number, receivedAt: number): void {
    const rttMs = receivedAt - clientTime;
    if (!Number.isFinite(rttMs) || rttMs < 0 || !Number.isFinite(serverTime)) return;
    // The server stamped its time somewhere within the round trip; the middle is the best guess.
    this.samples.push({ offsetMs: serverTime - (clientTime + rttMs / 2), rttMs });
    if (this.samples.length > OFFSET_SAMPLES) this.samples.shift();
  }

  /** Server time minus local time, ms; null before any hello or pong. */
  get offsetMs(): number | null {
    const best = this.best();
    return best ? best.offsetMs : this.helloOffset;
  }

  /** Round trip of the sample the offset comes from, ms; null without a pong. */
  get rttMs(): number | null {
    return this.best()?.rttMs ?? null;
  }

  private best(): Sample | undefined {
    let best: Sample | undefined;
    for (const sample of this.samples) if (!best || sample.rttMs < best.rttMs) best = sample;
    return best;
  }
}
