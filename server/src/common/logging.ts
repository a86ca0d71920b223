import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { stdSerializers } from 'pino';

/** Secrets and content never reach the log: these paths are censored wherever they appear. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.ceId',
  '*.password',
  '*.token',
  '*.html',
  '*.text',
  '*.subject',
];

const CORRELATION_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Pickup tokens travel in the path; the log shows the route, not the token. */
export function redactUrl(url: string | undefined): string {
  if (!url) return '';
  const path = url.split('?')[0];
  return path
    .replace(/^\/p\/[^/]+/, '/p/:token')
    .replace(/^\/api\/v1\/pickup\/[^/]+/, '/api/v1/pickup/:token');
}

/**
 * Gives the request its correlation id (the caller's, when well-formed, else a new one) and echoes
 * it in X-Correlation-Id. Runs first, before any parser, so even a refused body's error and log
 * carry the id; pino-http then keeps `req.id` as it is.
 */
export function assignCorrelationId(
  req: IncomingMessage & { id?: unknown },
  res: ServerResponse,
): string {
  if (typeof req.id === 'string' && req.id) return req.id;
  const incoming = req.headers['x-correlation-id'];
  const id =
    typeof incoming === 'string' && CORRELATION_ID.test(incoming) ? incoming : randomUUID();
  req.id = id;
  res.setHeader('X-Correlation-Id', id);
  return id;
}

export function correlationIdMiddleware(
  req: IncomingMessage,
  res: ServerResponse,
  next: () => void,
): void {
  assignCorrelationId(req, res);
  next();
}

/** What the log shows of a request: its id, method, path without a pickup token, and peer. */
export function serializeRequest(req: {
  id?: unknown;
  method?: string;
  url?: string;
  originalUrl?: string;
  socket?: { remoteAddress?: string };
}): { id: unknown; method?: string; url: string; remoteAddress?: string } {
  return {
    id: req.id,
    method: req.method,
    url: redactUrl(req.originalUrl ?? req.url),
    remoteAddress: req.socket?.remoteAddress,
  };
}

export function loggerParams(level: string): Params {
  return {
    pinoHttp: {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: assignCorrelationId,
      // The serializers below read the raw request and response themselves: pino-http's wrappers
      // would first copy every header of every request into an object that is then thrown away.
      wrapSerializers: false,
      serializers: {
        req: serializeRequest,
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: stdSerializers.err,
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
    },
  };
}
