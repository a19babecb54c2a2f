/**
 * Delivered messages over a window. Decoding every message of thousands of clients would make
 * the load process, not the gateway, the bottleneck, so only sampled clients decode; the others
 * count bytes. Clients of one profile receive the same messages (encode once, send many), so a
 * byte-counting client's messages are its bytes times its profile's messages per byte as measured
 * by that profile's decoded clients.
 */

/**
 * Indexes of the clients that decode: `perProfile` of each of `profiles` profiles (client i has
 * profile i % profiles), spread from the first to the last to connect and subscribe, so the sample
 * sees the late joiners' backlog as well as the early ones' steady state.
 */
export function decodedIndexes(clients: number, profiles: number, perProfile: number): Set<number> {
  const chosen = new Set<number>();
  for (let profile = 0; profile < Math.min(profiles, clients); profile += 1) {
    const members = Math.ceil((clients - profile) / profiles);
    const take = Math.min(perProfile, members);
    for (let k = 0; k < take; k += 1) {
      const position = take === 1 ? 0 : Math.round((k * (members - 1)) / (take - 1));
      chosen.add(profile + position * profiles);
    }
  }
  return chosen;
}

/** What one client saw during the window. `messages` is only meaningful when `decoded`. */
export interface ClientWindow {
  profile: number;
  decoded: boolean;
  bytes: number;
  frames: number;
  messages: number;
}

export interface Delivery {
  /** Decoded plus derived messages; NaN when some clients' bytes could not be converted. */
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
  /** Bytes of byte-counting clients with no decoded client to convert them (none decoded any). */
  underivedBytes: number;
  /** Decoded clients whose messages were not one per frame, when that was assumed. */
  framesMismatch: number;
}

/**
 * Sums a window's deliveries, deriving byte-counting clients' messages per profile. With
 * `oneMessagePerFrame` (the naive baseline sends every message in a frame of its own) a client's
 * frames are its messages, which decoded clients confirm (see `framesMismatch`).
 */
export function deriveDelivery(
  clients: readonly ClientWindow[],
  oneMessagePerFrame = false,
): Delivery {
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
  let underivedBytes = 0;
  let framesMismatch = 0;
  for (const client of clients) {
    bytes += client.bytes;
    frames += client.frames;
    if (client.decoded) {
      if (client.messages !== client.frames) framesMismatch += 1;
      continue;
    }
    if (oneMessagePerFrame) {
      derivedMessages += client.frames;
      continue;
    }
    const entry = perProfile.get(client.profile);
    const ratio = entry && entry.bytes > 0 ? entry.messages / entry.bytes : fallback;
    if (ratio === 0) underivedBytes += client.bytes;
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
    messages: underivedBytes > 0 ? NaN : decodedMessages + derivedMessages,
    decodedMessages,
    derivedMessages,
    decodedClients,
    bytes,
    frames,
    ratioSpread,
    underivedBytes,
    framesMismatch: oneMessagePerFrame ? framesMismatch : 0,
  };
}
