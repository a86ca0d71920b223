import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';

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

export function loggerParams(level: string): Params {
  return {
    pinoHttp: {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const incoming = req.headers['x-correlation-id'];
        const id =
          typeof incoming === 'string' && CORRELATION_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Correlation-Id', id);
        return id;
      },
      serializers: {
        req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
    },
  };
}
