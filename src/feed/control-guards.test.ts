import { describe, expect, it } from 'vitest';
import { ServerKind, hello, pong, streamStatus, type ServerMessage } from '../../protocol/messages';
import { controlProblem } from './control-guards';

const as = (value: Record<string, unknown>) => value as unknown as ServerMessage;

describe('controlProblem', () => {
  it('accepts the messages the gateway builds', () => {
    expect(controlProblem(hello(1, 'v1', 1_000))).toBeNull();
    expect(controlProblem(pong(1, 2, 3))).toBeNull();
    expect(controlProblem(streamStatus('trades', 1, false))).toBeNull();
    expect(
      controlProblem(as({ kind: ServerKind.error, code: 'x', message: 'y', ref: null })),
    ).toBeNull();
  });

  it('refuses fields that would poison the clock, latency, error text or stale set', () => {
    expect(controlProblem(as({ ...hello(1, 'v1', 1_000), serverTime: 'soon' }))).toBe(
      'malformed hello',
    );
    expect(controlProblem(as({ ...pong(1, 2, 3), clientTime: Number.NaN }))).toBe('malformed pong');
    expect(controlProblem(as({ ...pong(1, 2, 3), serverTime: -1 }))).toBe('malformed pong');
    expect(controlProblem(as({ kind: ServerKind.error, code: 1, message: 'y', ref: null }))).toBe(
      'malformed error message',
    );
    expect(controlProblem(as({ kind: ServerKind.error, code: 'x', message: 'y', ref: 1.5 }))).toBe(
      'malformed error message',
    );
    expect(controlProblem(as({ ...streamStatus('book', 1, true), channel: 'nope' }))).toBe(
      'malformed stream status',
    );
    expect(controlProblem(as({ ...streamStatus('book', 1, true), live: 1 }))).toBe(
      'malformed stream status',
    );
  });
});
