import { describe, expect, it, vi } from 'vitest';
import { accountMark, accountSnapshot, accountUpdate } from './account-messages';
import { decodeFrame, encodeMessage, joinFrame } from './codec';
import { checkAccountMessage, checkServerMessage, checkClientMessage } from './guards';
import { decodeJsonFrame, encodeJsonMessage } from './json-codec';
import { ServerKind, subscribe } from './messages';
import {
  TEST_ACCOUNT as account,
  TEST_FILL as fill,
  TEST_ORDER as order,
  TEST_POSITION as position,
} from './test-fixtures';

const messages = [
  accountSnapshot(account, [order], [position], [fill]),
  accountUpdate({ ...account, seq: 8 }, [order], [fill], [position]),
  accountMark(account, [position]),
];

describe('account channel messages', () => {
  it('encode with shared structures only: a fresh decoder reads any one of them alone', async () => {
    // Encode others first, so in-stream structures (if any were defined) would be reused later.
    const encoded = messages.map((m) => encodeMessage(m));
    const again = messages.map((m) => encodeMessage(m));
    vi.resetModules();
    const fresh = await import('./codec');
    for (let i = 0; i < messages.length; i++) {
      expect(fresh.decodeFrame(again[i]!)).toEqual([messages[i]]);
      expect(Array.from(again[i]!)).toEqual(Array.from(encoded[i]!));
    }
    expect(decodeFrame(joinFrame(again))).toEqual(messages);
  });

  it('copy nested views in wire order and carry the account seq', () => {
    const snapshot = accountSnapshot(account, [order], [position], [fill]);
    const update = messages[1];
    expect(Object.keys(snapshot.orders[0]!)[0]).toBe('id');
    expect(snapshot).toMatchObject({ kind: ServerKind.accountSnapshot, seq: 7 });
    expect(update).toMatchObject({ kind: ServerKind.accountUpdate, seq: 8 });
  });

  it('travel as JSON too', () => {
    for (const message of messages) {
      expect(decodeJsonFrame(encodeJsonMessage(message))).toEqual([message]);
    }
  });

  it('pass checkAccountMessage, and checkServerMessage points there', () => {
    for (const message of messages) {
      expect(checkAccountMessage(message).ok).toBe(true);
      expect(checkServerMessage(message)).toEqual({
        ok: false,
        error: 'account messages are checked with checkAccountMessage',
      });
    }
  });

  it.each([
    ['not a map', [1], 'message must be a map'],
    ['a market message', { kind: ServerKind.trade }, 'not an account message'],
    ['no seq', { ...messages[0], seq: 'x' }, 'seq must be an integer'],
    ['money as a number', { ...messages[1], account: { ...account, cash: 5 } }, 'account'],
    [
      'a float quantity',
      { ...messages[2], positions: [{ ...position, quantity: 0.5 }] },
      'positions',
    ],
    ['an unknown status', { ...messages[0], orders: [{ ...order, status: 'new' }] }, 'orders'],
    ['a fee in floats', { ...messages[1], fills: [{ ...fill, fee: '1e-3' }] }, 'fills'],
  ])('refuses %s', (_name, value, error) => {
    const checked = checkAccountMessage(value);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error).toContain(error);
  });

  it('subscribing to account takes no symbol', () => {
    expect(checkClientMessage(subscribe(1, 'account', null)).ok).toBe(true);
    expect(checkClientMessage(subscribe(1, 'account', 'BTC-USD'))).toEqual({
      ok: false,
      error: 'account takes no symbol',
    });
  });
});
