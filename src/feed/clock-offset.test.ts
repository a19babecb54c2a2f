import { describe, expect, it } from 'vitest';
import { ClockOffset, OFFSET_SAMPLES } from './clock-offset';

describe('ClockOffset', () => {
  it('knows nothing before hello or pong', () => {
    const clock = new ClockOffset();
    expect(clock.offsetMs).toBeNull();
    expect(clock.rttMs).toBeNull();
  });

  it('takes a first guess from hello', () => {
    const clock = new ClockOffset();
    clock.hello(10_500, 10_000);
    expect(clock.offsetMs).toBe(500);
  });

  it('puts the server stamp in the middle of the round trip', () => {
    const clock = new ClockOffset();
    clock.hello(10_500, 10_000);
    // Sent at 1000 local, answered at 1510 server time, back at 1020 local: 10 ms each way.
    clock.pong(1_000, 1_510, 1_020);
    expect(clock.offsetMs).toBe(500);
    expect(clock.rttMs).toBe(20);
  });

  it('believes the sample with the shortest round trip', () => {
    const clock = new ClockOffset();
    clock.pong(1_000, 1_600, 1_200); // slow: offset guess 500 ± 100
    clock.pong(2_000, 2_252, 2_004); // fast: offset 250 ± 2
    clock.pong(3_000, 3_400, 3_100);
    expect(clock.offsetMs).toBe(250);
    expect(clock.rttMs).toBe(4);
  });

  it('forgets samples older than the window', () => {
    const clock = new ClockOffset();
    clock.pong(0, 100, 2);
    for (let i = 1; i <= OFFSET_SAMPLES; i++) clock.pong(i * 1_000, i * 1_000 + 10, i * 1_000 + 20);
    expect(clock.rttMs).toBe(20);
    expect(clock.offsetMs).toBe(0);
  });

  it('ignores malformed pongs (negative round trip, non-finite time)', () => {
    const clock = new ClockOffset();
    clock.hello(1_000, 1_000);
    clock.pong(2_000, 2_000, 1_990);
    clock.pong(2_000, Number.NaN, 2_010);
    expect(clock.offsetMs).toBe(0);
    expect(clock.rttMs).toBeNull();
  });

  it('starts over on a new hello (maybe another gateway)', () => {
    const clock = new ClockOffset();
    clock.pong(1_000, 1_510, 1_020);
    clock.hello(5_000, 5_000);
    expect(clock.offsetMs).toBe(0);
  });
});
