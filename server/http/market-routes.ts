/** GET /api/candles, /api/book/:symbol and /api/trades/:symbol: market state from the hub. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { INTERVAL_NAMES, type Interval } from '../../protocol/intervals';
import type { Instrument } from '../../protocol/instruments';
import { DEFAULT_BOOK_DEPTH, MAX_BOOK_DEPTH, type FlatLevels } from '../../protocol/messages';
import type { BookResponse, CandlesResponse, TradesResponse } from '../../protocol/rest';
import type { Hub } from '../hub/hub';
import { sendError } from './errors';

export const DEFAULT_CANDLE_LIMIT = 500;
export const MAX_CANDLE_LIMIT = 5000;
export const DEFAULT_TRADE_LIMIT = 100;
export const MAX_TRADE_LIMIT = 1000;

const symbol = { type: 'string', minLength: 1, maxLength: 32 } as const;
const time = { type: 'integer', minimum: 0 } as const;

interface CandlesQuery {
  symbol: string;
  interval: Interval;
  from?: number;
  to?: number;
  limit: number;
}

/** Registers the market-data REST routes. */
export function registerMarketRoutes(app: FastifyInstance, hub: Hub): void {
  const find = (reply: FastifyReply, name: string): Instrument | undefined => {
    const instrument = hub.findSymbol(name);
    if (!instrument)
      sendError(reply, 404, 'unknown_symbol', `unknown symbol ${JSON.stringify(name)}`);
    return instrument;
  };

  app.get<{ Querystring: CandlesQuery }>(
    '/api/candles',
    {
      schema: {
        querystring: {
          type: 'object',
          required: ['symbol', 'interval'],
          properties: {
            symbol,
            interval: { type: 'string', enum: INTERVAL_NAMES },
            from: time,
            to: time,
            limit: {
              type: 'integer',
              minimum: 1,
              maximum: MAX_CANDLE_LIMIT,
              default: DEFAULT_CANDLE_LIMIT,
            },
          },
        },
      },
    },
    async (request, reply) => {
      const { interval, limit } = request.query;
      const from = request.query.from ?? 0;
      const to = request.query.to ?? Number.MAX_SAFE_INTEGER;
      if (from > to) return sendError(reply, 400, 'bad_request', 'from must not be after to');
      const instrument = find(reply, request.query.symbol);
      if (!instrument) return reply;
      const body: CandlesResponse = {
        symbol: instrument.symbol,
        interval,
        candles: hub.candles(instrument.id, interval, from, to, limit),
      };
      reply.header('cache-control', 'public, max-age=5');
      return body;
    },
  );

  app.get<{ Params: { symbol: string }; Querystring: { depth: number } }>(
    '/api/book/:symbol',
    {
      schema: {
        params: { type: 'object', required: ['symbol'], properties: { symbol } },
        querystring: {
          type: 'object',
          properties: {
            depth: {
              type: 'integer',
              minimum: 1,
              maximum: MAX_BOOK_DEPTH,
              default: DEFAULT_BOOK_DEPTH,
            },
          },
        },
      },
    },
    async (request, reply) => {
      const instrument = find(reply, request.params.symbol);
      if (!instrument) return reply;
      const view = hub.bookView(instrument.id, request.query.depth);
      const body: BookResponse = {
        symbol: instrument.symbol,
        seq: view.seq,
        time: view.time,
        bids: pairs(view.bids),
        asks: pairs(view.asks),
      };
      reply.header('cache-control', 'no-cache');
      return body;
    },
  );

  app.get<{ Params: { symbol: string }; Querystring: { limit: number } }>(
    '/api/trades/:symbol',
    {
      schema: {
        params: { type: 'object', required: ['symbol'], properties: { symbol } },
        querystring: {
          type: 'object',
          properties: {
            limit: {
              type: 'integer',
              minimum: 1,
              maximum: MAX_TRADE_LIMIT,
              default: DEFAULT_TRADE_LIMIT,
            },
          },
        },
      },
    },
    async (request, reply) => {
      const instrument = find(reply, request.params.symbol);
      if (!instrument) return reply;
      const body: TradesResponse = {
        symbol: instrument.symbol,
        trades: hub.recentTrades(instrument.id, request.query.limit),
      };
      reply.header('cache-control', 'no-cache');
      return body;
    },
  );
}

function pairs(levels: FlatLevels): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i + 1 < levels.length; i += 2) out.push([levels[i]!, levels[i + 1]!]);
  return out;
}
