import { describe, expect, it } from 'vitest';
import { deriveDelivery, type ClientWindow } from './delivery';

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

  it('counts nothing for no clients, or clients that received nothing', () => {
    expect(deriveDelivery([]).messages).toBe(0);
    const idle = deriveDelivery([client({ decoded: true }), client({})]);
    expect(idle.messages).toBe(0);
    expect(idle.ratioSpread).toBe(0);
  });
});
