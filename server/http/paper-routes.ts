/**
 * The paper-trading REST API (protocol/paper.ts): orders, fills, positions, the account and its
 * reset. Every answer is `Cache-Control: no-store` (account data is private and changes with
 * every trade). Bodies are checked strictly before fastify's schema validation, which would
 * coerce "5" into 5: a malformed order gets 400 and changes nothing; an order the engine refuses
 * is recorded as rejected and answered 422.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  ORDER_SIDES,
  ORDER_TYPES,
  TIME_IN_FORCE,
  type AccountResponse,
  type CancelAllResponse,
  type CancelResponse,
  type FillsResponse,
  type OrderRejectedResponse,
  type OrdersResponse,
  type PlaceOrderResponse,
  type PositionsResponse,
} from '../../protocol/paper';
import { parseOrderRequest } from '../paper/engine';
import { PaperUnavailableError, type PaperService } from '../paper/service/paper-service';
import { QueueClosedError } from '../paper/service/serial-queue';
import { MAX_LIST_LIMIT } from '../paper/store/paper-store';
import { isPaperStoreError } from '../paper/store/store-errors';
import type { Hub } from '../hub/hub';
import { orderRateLimit, type RateLimits } from '../security/rate-limits';
import { sendError } from './errors';
import { NO_QUERY } from './route-schemas';

export const DEFAULT_ORDER_LIMIT = 100;
export const DEFAULT_FILL_LIMIT = 100;

const id = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;
const price = { type: ['integer', 'null'], minimum: 1 } as const;
const limit = (fallback: number) =>
  ({ type: 'integer', minimum: 1, maximum: MAX_LIST_LIMIT, default: fallback }) as const;

/** No parameters; the answer's top level only (the paper types own the rest of its shape). */
const POSITIONS_SCHEMA = {
  querystring: NO_QUERY,
  response: {
    200: {
      type: 'object',
      required: ['positions'],
      additionalProperties: false,
      properties: {
        positions: { type: 'array', items: { type: 'object', additionalProperties: true } },
      },
    },
  },
} as const;
const ACCOUNT_SCHEMA = {
  querystring: NO_QUERY,
  response: {
    200: {
      type: 'object',
      required: ['account'],
      additionalProperties: false,
      properties: { account: { type: 'object', additionalProperties: true } },
    },
  },
} as const;

const placeOrderSchema = {
  type: 'object',
  required: ['clientOrderId', 'symbol', 'side', 'type', 'quantity'],
  properties: {
    clientOrderId: id,
    symbol: { type: 'string', minLength: 1, maxLength: 32 },
    side: { type: 'string', enum: ORDER_SIDES },
    type: { type: 'string', enum: ORDER_TYPES },
    quantity: { type: 'integer', minimum: 1 },
    limitPrice: price,
    stopPrice: price,
    timeInForce: { type: 'string', enum: TIME_IN_FORCE },
    postOnly: { type: 'boolean' },
  },
} as const;

/** Registers /api/orders, /api/fills, /api/positions, /api/account and /api/account/reset. */
export async function registerPaperRoutes(
  app: FastifyInstance,
  paper: PaperProvider,
  hub: Hub,
  limits: RateLimits = { apiPerMinute: 0, ordersPerMinute: 0 },
): Promise<void> {
  // Orders, cancels and resets change the account: a stricter per-client budget.
  const config = orderRateLimit(limits);
  await app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply, payload) => {
      reply.header('cache-control', 'no-store');
      return payload;
    });

    scope.post(
      '/api/orders',
      {
        config,
        schema: { body: placeOrderSchema },
        // Before the schema coerces types: "5" must not become 5, "true" must not become true.
        preValidation: async (request, reply) => {
          const parsed = parseOrderRequest(request.body);
          if (!parsed.ok) await sendError(reply, 400, 'bad_request', parsed.message);
        },
      },
      async (request, reply) => {
        const parsed = parseOrderRequest(request.body);
        if (!parsed.ok) return sendError(reply, 400, 'bad_request', parsed.message);
        const outcome = await guarded(reply, () => paper.service().place(parsed.request));
        if (!outcome) return reply;
        const { order, duplicate } = outcome;
        if (order.status === 'rejected') {
          const body: OrderRejectedResponse = {
            error: {
              code: order.rejectCode ?? 'invalid_order',
              message: order.rejectMessage ?? 'order rejected',
            },
            order,
          };
          return reply.code(422).send(body);
        }
        const body: PlaceOrderResponse = { order, duplicate };
        return reply.code(duplicate ? 200 : 201).send(body);
      },
    );

    scope.delete<{ Params: { id: string } }>(
      '/api/orders/:id',
      { config, schema: { params: { type: 'object', required: ['id'], properties: { id } } } },
      async (request, reply) => {
        const outcome = await guarded(reply, () => paper.service().cancel(request.params.id));
        if (!outcome) return reply;
        if (outcome.ok) return { order: outcome.order } satisfies CancelResponse;
        if (outcome.error === 'unknown_order') {
          return sendError(reply, 404, 'unknown_order', `no order ${request.params.id}`);
        }
        return sendError(
          reply,
          409,
          'not_open',
          `order ${request.params.id} is ${outcome.order?.status ?? 'final'} and cannot be cancelled`,
        );
      },
    );

    scope.delete<{ Querystring: { symbol?: string } }>(
      '/api/orders',
      {
        config,
        schema: {
          querystring: {
            type: 'object',
            properties: { symbol: { type: 'string', minLength: 1, maxLength: 32 } },
          },
        },
      },
      async (request, reply) => {
        const { symbol } = request.query;
        const instrument = symbol === undefined ? null : hub.findSymbol(symbol);
        if (instrument === undefined) {
          return sendError(
            reply,
            404,
            'unknown_symbol',
            `unknown symbol ${JSON.stringify(symbol)}`,
          );
        }
        const orders = await guarded(reply, () =>
          paper.service().cancelAll(instrument?.id ?? null),
        );
        if (!orders) return reply;
        return { orders } satisfies CancelAllResponse;
      },
    );

    scope.get<{
      Querystring: { status: 'open' | 'closed' | 'all'; limit: number; before?: string };
    }>(
      '/api/orders',
      {
        schema: {
          querystring: {
            type: 'object',
            properties: {
              status: { type: 'string', enum: ['open', 'closed', 'all'], default: 'all' },
              limit: limit(DEFAULT_ORDER_LIMIT),
              before: id,
            },
          },
        },
      },
      async (request, reply) => {
        const { status, limit: rows, before } = request.query;
        const orders = await guarded(reply, () =>
          paper.service().listOrders({
            limit: rows,
            ...(status === 'all' ? {} : { status }),
            ...(before === undefined ? {} : { before }),
          }),
        );
        if (!orders) return reply;
        return { orders } satisfies OrdersResponse;
      },
    );

    scope.get<{ Querystring: { limit: number; before?: string } }>(
      '/api/fills',
      {
        schema: {
          querystring: {
            type: 'object',
            properties: { limit: limit(DEFAULT_FILL_LIMIT), before: id },
          },
        },
      },
      async (request, reply) => {
        const { limit: rows, before } = request.query;
        const fills = await guarded(reply, () =>
          paper.service().listFills({ limit: rows, ...(before === undefined ? {} : { before }) }),
        );
        if (!fills) return reply;
        return { fills } satisfies FillsResponse;
      },
    );

    scope.get('/api/positions', { schema: POSITIONS_SCHEMA }, async (_request, reply) => {
      const positions = await guarded(reply, () => paper.service().positions());
      if (!positions) return reply;
      return { positions } satisfies PositionsResponse;
    });

    scope.get('/api/account', { schema: ACCOUNT_SCHEMA }, async (_request, reply) => {
      const account = await guarded(reply, () => paper.service().account());
      if (!account) return reply;
      return { account } satisfies AccountResponse;
    });

    scope.post(
      '/api/account/reset',
      {
        config,
        schema: {
          body: {
            type: 'object',
            required: ['confirm'],
            properties: { confirm: { type: 'boolean', const: true } },
          },
        },
        preValidation: async (request, reply) => {
          const body: unknown = request.body;
          const confirmed =
            typeof body === 'object' && body !== null && Reflect.get(body, 'confirm') === true;
          if (!confirmed) {
            await sendError(reply, 400, 'bad_request', 'a reset needs the body {"confirm": true}');
          }
        },
      },
      async (_request, reply) => {
        const account = await guarded(reply, () => paper.service().reset());
        if (!account) return reply;
        return { account } satisfies AccountResponse;
      },
    );
  });
}

/** Where the routes get the service: it throws PaperUnavailableError while the account starts. */
export interface PaperProvider {
  service(): PaperService;
}

/** Runs a service call; store trouble becomes 503 (or 400 for a bad query), not a 500. */
async function guarded<T>(reply: FastifyReply, call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PaperUnavailableError || error instanceof QueueClosedError) {
      await sendError(reply, 503, 'unavailable', error.message);
      return null;
    }
    if (isPaperStoreError(error, 'invalid_query')) {
      await sendError(reply, 400, 'bad_request', error.message);
      return null;
    }
    throw error;
  }
}
