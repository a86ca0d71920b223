import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { pino, stdSerializers, type Logger as PinoLogger } from 'pino';

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
 * it in X-Correlation-Id. The request log calls it first, before any parser, so even a refused
 * body's error and log line carry the id; the exception filter finds it there.
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

/** The application's root logger: secrets redacted, a request and a response in the shapes above. */
export function rootLogger(level: string): PinoLogger {
  return pino({
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: serializeRequest,
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: stdSerializers.err,
    },
  });
}

/**
 * nestjs-pino's settings: Nest's logger writes through `root`, and inside a request through that
 * request's logger. The request log (request-log.ts) stands in for nestjs-pino's own middleware
 * (pino-http), so none is mounted here.
 */
export function loggerParams(root: PinoLogger): Params {
  return { pinoHttp: { logger: root }, useExisting: true, forRoutes: [] };
}
