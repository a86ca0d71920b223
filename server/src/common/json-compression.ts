import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';

/**
 * Compresses JSON answers of GET requests (lists, status, events, the pickup view) of 1 KB and
 * more. Answers to POSTs are left alone: they carry secrets (a CE-ID, a session) next to what the
 * caller sent, the combination a compression side channel (BREACH) needs. Static files are
 * compressed at build time and not here.
 */
export function jsonCompression() {
  const compress = compression({
    threshold: 1024,
    filter: (req: Request, res: Response) => {
      if (req.method !== 'GET') return false;
      const type = String(res.getHeader('Content-Type') ?? '');
      return type.startsWith('application/json') && compression.filter(req, res);
    },
  });
  // A client that accepts no encoding gets nothing compressed: it need not pay for the wrapping of
  // its response (every read of the pickup and of the lists passes here).
  return (req: Request, res: Response, next: NextFunction) =>
    req.method === 'GET' && req.headers['accept-encoding'] ? compress(req, res, next) : next();
}
