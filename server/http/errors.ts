/**
 * Every 4xx/5xx answer is an ErrorResponse `{error:{code,message}}`, including fastify's own
 * schema-validation failures, so clients parse one shape.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ErrorResponse } from '../../protocol/rest';

/** Builds an ErrorResponse body. */
export function errorBody(code: string, message: string): ErrorResponse {
  return { error: { code, message } };
}

const replyCodes = new WeakMap<FastifyReply, string>();

/** The error code a reply was answered with by sendError, if any (for metrics). */
export function errorCodeOf(reply: FastifyReply): string | undefined {
  return replyCodes.get(reply);
}

/** Sends an ErrorResponse with the given status. */
export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
): FastifyReply {
  replyCodes.set(reply, code);
  return reply.code(status).header('cache-control', 'no-store').send(errorBody(code, message));
}

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Replaces fastify's error handler so validation and other errors use the ErrorResponse shape. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      return sendError(reply, 400, 'bad_request', error.message);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendError(reply, status, CODES[status] ?? 'bad_request', error.message);
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, 500, 'internal', 'internal server error');
  });
}
