import compression from 'compression';
import type { Request, Response } from 'express';

/**
 * Compresses JSON answers of GET requests (lists, status, events, the pickup view) of 1 KB and
 * more. Answers to POSTs are left alone: they carry secrets (a CE-ID, a session) next to what the
 * caller sent, the combination a compression side channel (BREACH) needs. Static files are
 * compressed at build time and not here.
 */
export function jsonCompression() {
  return compression({
    threshold: 1024,
    filter: (req: Request, res: Response) => {
      if (req.method !== 'GET') return false;
      const type = String(res.getHeader('Content-Type') ?? '');
      return type.startsWith('application/json') && compression.filter(req, res);
    },
  });
}
