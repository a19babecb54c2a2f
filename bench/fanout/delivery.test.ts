import { describe, expect, it } from 'vitest';
import { decodedIndexes, deriveDelivery, type ClientWindow } from './delivery';

const client = (over: Partial<ClientWindow>): ClientWindow => ({
  profile: 0,
  decoded: false,
  bytes: 0,
  frames: 0,
  messages: 0,
  ...over,
});

describe('deriveDelivery', () => {
  it('derives byte-counting clients from their own profile’s messages per byte', () => {
    const delivery = deriveDelivery([
      client({ profile: 0, decoded: true, bytes: 1000, frames: 10, messages: 40 }),
      client({ profile: 1, decoded: true, bytes: 1000, frames: 10, messages: 20 }),
      client({ profile: 0, bytes: 500, frames: 5 }),
      client({ profile: 1, bytes: 2000, frames: 20 }),
    ]);
    expect(delivery.decodedMessages).toBe(60);
    expect(delivery.derivedMessages).toBe(20 + 40);
    expect(delivery.messages).toBe(120);
    expect(delivery.bytes).toBe(4500);
    expect(delivery.frames).toBe(45);
    expect(delivery.decodedClients).toBe(2);
  });

  it('falls back to the overall ratio for a profile nobody decoded', () => {
    const delivery = deriveDelivery([
      client({ profile: 0, decoded: true, bytes: 100, messages: 4 }),
      client({ profile: 7, bytes: 50 }),
    ]);
    expect(delivery.derivedMessages).toBe(2);
  });

  it('reports how much decoded clients of one profile disagree', () => {
    const delivery = deriveDelivery([
      client({ profile: 0, decoded: true, bytes: 1000, messages: 40 }),
      client({ profile: 0, decoded: true, bytes: 1000, messages: 44 }),
    ]);
    expect(delivery.ratioSpread).toBeCloseTo(4 / 42, 5);
  });

  it('does not guess when no decoded client received anything but others did', () => {
    const delivery = deriveDelivery([
      client({ profile: 0, decoded: true }),
      client({ profile: 0, bytes: 5000, frames: 9 }),
    ]);
    expect(delivery.messages).toBeNaN();
    expect(delivery.underivedBytes).toBe(5000);
  });

  it('counts frames as messages when each message has a frame of its own, and checks it', () => {
    const delivery = deriveDelivery(
      [
        client({ decoded: true, bytes: 90, frames: 3, messages: 3 }),
        client({ decoded: true, bytes: 90, frames: 3, messages: 4 }),
        client({ bytes: 0, frames: 0 }),
        client({ bytes: 700, frames: 7 }),
      ],
      true,
    );
    expect(delivery.messages).toBe(3 + 4 + 7);
    expect(delivery.framesMismatch).toBe(1);
  });

  it('counts nothing for no clients, or clients that received nothing', () => {
    expect(deriveDelivery([]).messages).toBe(0);
    const idle = deriveDelivery([client({ decoded: true }), client({})]);
    expect(idle.messages).toBe(0);
    expect(idle.ratioSpread).toBe(0);
  });
});

describe('decodedIndexes', () => {
  it('picks the first and the last client of every profile', () => {
    const chosen = decodedIndexes(100, 16, 2);
    expect(chosen.size).toBe(32);
    expect(chosen.has(0)).toBe(true);
    expect(chosen.has(96)).toBe(true); // the last client of profile 0
    expect(chosen.has(99)).toBe(true); // the last client of profile 3
    expect(chosen.has(83)).toBe(false); // profile 3's last but one
    expect([...chosen].every((i) => i >= 0 && i < 100)).toBe(true);
  });

  it('takes everyone when there are fewer clients than the sample', () => {
    expect([...decodedIndexes(5, 16, 2)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    expect(decodedIndexes(0, 16, 2).size).toBe(0);
  });
});
