/**
 * Delivered messages over a window. Decoding every message of thousands of clients would make
 * the load process, not the gateway, the bottleneck, so only sampled clients decode; the others
 * count bytes. Clients of one profile receive the same messages (encode once, send many), so a
 * byte-counting client's messages are its bytes times its profile's messages per byte as measured
 * by that profile's decoded clients.
 */

/** What one client saw during the window. `messages` is only meaningful when `decoded`. */
export interface ClientWindow {
  profile: number;
  decoded: boolean;
  bytes: number;
  frames: number;
  messages: number;
}

export interface Delivery {
  /** Decoded plus derived messages. */
  messages: number;
  /** Messages counted by decoding. */
  decodedMessages: number;
  /** Messages derived from byte counts. */
  derivedMessages: number;
  decodedClients: number;
  bytes: number;
  frames: number;
  /**
   * Largest relative difference in messages per byte between decoded clients of one profile: how
   * far a derived count may be off (window edges cut frames differently per client).
   */
  ratioSpread: number;
}

/** Sums a window's deliveries, deriving byte-counting clients' messages per profile. */
export function deriveDelivery(clients: readonly ClientWindow[]): Delivery {
  const perProfile = new Map<number, { bytes: number; messages: number; ratios: number[] }>();
  const all = { bytes: 0, messages: 0 };
  let decodedMessages = 0;
  let decodedClients = 0;
  for (const client of clients) {
    if (!client.decoded) continue;
    decodedClients += 1;
    decodedMessages += client.messages;
    const entry = perProfile.get(client.profile) ?? { bytes: 0, messages: 0, ratios: [] };
    entry.bytes += client.bytes;
    entry.messages += client.messages;
    if (client.bytes > 0) entry.ratios.push(client.messages / client.bytes);
    perProfile.set(client.profile, entry);
    all.bytes += client.bytes;
    all.messages += client.messages;
  }
  const fallback = all.bytes > 0 ? all.messages / all.bytes : 0;
  let derivedMessages = 0;
  let bytes = 0;
  let frames = 0;
  for (const client of clients) {
    bytes += client.bytes;
    frames += client.frames;
    if (client.decoded) continue;
    const entry = perProfile.get(client.profile);
    const ratio = entry && entry.bytes > 0 ? entry.messages / entry.bytes : fallback;
    derivedMessages += client.bytes * ratio;
  }
  let ratioSpread = 0;
  for (const { ratios } of perProfile.values()) {
    if (ratios.length < 2) continue;
    const mean = ratios.reduce((sum, r) => sum + r, 0) / ratios.length;
    if (mean > 0)
      ratioSpread = Math.max(ratioSpread, (Math.max(...ratios) - Math.min(...ratios)) / mean);
  }
  derivedMessages = Math.round(derivedMessages);
  return {
    messages: decodedMessages + derivedMessages,
    decodedMessages,
    derivedMessages,
    decodedClients,
    bytes,
    frames,
    ratioSpread,
  };
}
