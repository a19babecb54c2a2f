/**
 * The gateway's pino options: JSON lines on stderr (stdout is for the "listening" line), each
 * request logged at info with its request id, and tokens kept out of logged URLs.
 */
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import { redactToken } from '../security/request-token';

/** Logger options for fastify at `level`, writing to `stream`. */
export function gatewayLogOptions(
  level: string,
  stream: NodeJS.WritableStream,
): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    stream,
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactToken(request.url),
        remoteAddress: request.ip,
      }),
    },
  };
}
