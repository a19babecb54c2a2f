import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchJson } from './fetch-json';
import { isCandlesResponse, isInstrumentsResponse } from './rest-guards';

function respond(status: number, body: string) {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () => new Response(body, { status, headers: { 'content-type': 'application/json' } }),
    ),
  );
}

describe('fetchJson', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('returns a body the guard accepts', async () => {
    respond(200, JSON.stringify({ version: 'v1', instruments: [] }));
    await expect(fetchJson('/api/instruments', isInstrumentsResponse)).resolves.toEqual({
      version: 'v1',
      instruments: [],
    });
  });

  it('throws a readable error with the server message on non-2xx', async () => {
    respond(
      404,
      JSON.stringify({ error: { code: 'unknown_symbol', message: 'no such symbol XYZ' } }),
    );
    await expect(fetchJson('/api/candles?symbol=XYZ', isCandlesResponse)).rejects.toThrow(
      '/api/candles?symbol=XYZ failed with 404: no such symbol XYZ',
    );
  });

  it('throws on a malformed body instead of returning it', async () => {
    respond(200, JSON.stringify({ symbol: 'BTC-USD', interval: '1m', candles: [{ time: 'x' }] }));
    await expect(fetchJson('/api/candles', isCandlesResponse)).rejects.toThrow(
      'unexpected response shape',
    );
    respond(200, '<html>');
    await expect(fetchJson('/api/candles', isCandlesResponse)).rejects.toThrow('not JSON');
  });

  it('reports a 5xx without a JSON body', async () => {
    respond(502, 'Bad Gateway');
    await expect(fetchJson('/api/instruments', isInstrumentsResponse)).rejects.toThrow(
      'failed with 502',
    );
  });
});
