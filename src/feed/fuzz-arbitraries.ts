/** fast-check arbitraries for feed fuzz tests: message lookalikes and byte mutations. */
import fc from 'fast-check';
import { ServerKind } from '../../protocol/messages';

/** Maps whose kind is a real message kind but whose fields are anything at all. */
const KINDS = Object.values(ServerKind) as number[];
const FIELDS = [
  'inst',
  'seq',
  'bids',
  'asks',
  'trades',
  'tickers',
  'interval',
  'account',
  'time',
  'channel',
  'live',
  'serverTime',
  'clientTime',
  'heartbeatMs',
  'code',
  'message',
  'ref',
];
export const lookalike = fc
  .tuple(
    fc.constantFrom(...KINDS),
    fc.dictionary(fc.constantFrom(...FIELDS), fc.anything({ maxDepth: 2 }), { maxKeys: 6 }),
  )
  .map(([kind, fields]) => ({ ...fields, kind }));

/** A byte mutation of a frame: flip, overwrite, insert, delete or truncate. */
export const mutation = fc.oneof(
  fc.record({ op: fc.constant('flip'), at: fc.nat(), bit: fc.nat(7) }),
  fc.record({ op: fc.constant('set'), at: fc.nat(), byte: fc.nat(255) }),
  fc.record({ op: fc.constant('insert'), at: fc.nat(), byte: fc.nat(255) }),
  fc.record({ op: fc.constant('delete'), at: fc.nat() }),
  fc.record({ op: fc.constant('truncate'), at: fc.nat() }),
);
export type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

/** Applies byte mutations in order (positions wrap around the current length). */
export function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let out = [...bytes];
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % out.length;
    if (m.op === 'flip' && out.length > 0) out[at] = out[at]! ^ (1 << m.bit);
    else if (m.op === 'set' && out.length > 0) out[at] = m.byte;
    else if (m.op === 'insert') out.splice(at, 0, m.byte);
    else if (m.op === 'delete') out.splice(at, 1);
    else if (m.op === 'truncate') out = out.slice(0, at);
  }
  return new Uint8Array(out);
}
