import type { NestExpressApplication } from '@nestjs/platform-express';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { sendPickupLinkError } from './pickup-link-error-page';

/** Where the add-in workspace's build lands (vite build). */
export const WEB_ROOT = join(__dirname, '..', '..', 'addin', 'dist');

/** Page routes of the single-page front ends served by the same origin as the API. */
const PAGES: { route: string; file: string }[] = [
  { route: '/p/:token', file: 'pickup.html' },
  { route: '/admin', file: 'admin.html' },
  { route: '/admin/*rest', file: 'admin.html' },
];

/** Pickup paths without a token, or with more than one segment: people get a page, not JSON. */
const BROKEN_PICKUP_ROUTES = ['/p', '/p/*rest'];

export function mountWebPages(app: NestExpressApplication): void {
  const express = app.getHttpAdapter().getInstance() as {
    get(route: string, handler: (req: Request, res: Response) => void): void;
    use(handler: RequestHandler): void;
  };
  // Registered after /p/:token below, so only what that route leaves over lands here.
  const mountBrokenPickupRoutes = () => {
    for (const route of BROKEN_PICKUP_ROUTES) express.get(route, sendPickupLinkError);
  };
  if (!existsSync(WEB_ROOT)) {
    mountBrokenPickupRoutes();
    return;
  }
  // The build wrote a .br and a .gz next to each file (addin/scripts/compress-dist.mjs): the one
  // the browser accepts is sent as it is, with Content-Encoding and Vary: Accept-Encoding.
  const assets = expressStaticGzip(WEB_ROOT, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      immutable: true,
      maxAge: '1d',
      fallthrough: true,
      // Only /assets/ carries content hashes; fixed names (taskpane.html, commands.js,
      // addin-config.json, manifest.xml) must revalidate so an update reaches Outlook at once.
      setHeaders: (res, path) => {
        if (!path.includes(`${sep}assets${sep}`)) res.setHeader('Cache-Control', 'no-cache');
      },
    },
  });
  // Static files are looked up on disk (a stat per request); API routes and pickup links never
  // are (no file lives under /p/), so that they do not pay for a file lookup that cannot match.
  express.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/api/') || req.path.startsWith('/p/')) next();
    else assets(req, res, next);
  });
  for (const page of PAGES) {
    const document = pageDocument(join(WEB_ROOT, page.file));
    express.get(page.route, (_req, res) => {
      const { body, etag } = document();
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Type', 'text/html; charset=UTF-8');
      res.setHeader('ETag', etag);
      res.send(body);
    });
  }
  mountBrokenPickupRoutes();
  // Browsers ask for /favicon.ico when a page (or a PDF, or a JSON answer) names no icon.
  express.get('/favicon.ico', (_req, res) => res.redirect(301, '/favicon.svg'));
}

/** How often a page document's file is checked for a new build (it is read again only if changed). */
const PAGE_RECHECK_MS = 1_000;

/**
 * A page's HTML from memory: the pickup link is opened by every recipient, and reading the file
 * (stat, open, read, close) on every request cost more than the rest of the answer. The file's
 * modification time is checked at most once a second, so a new build of the add-in shows at once.
 */
function pageDocument(file: string): () => { body: Buffer; etag: string } {
  let current: { body: Buffer; etag: string; mtimeMs: number } | null = null;
  let checkedAt = 0;
  return () => {
    const now = Date.now();
    if (current && now - checkedAt < PAGE_RECHECK_MS) return current;
    checkedAt = now;
    const { mtimeMs } = statSync(file);
    if (current?.mtimeMs !== mtimeMs) {
      const body = readFileSync(file);
      const digest = createHash('sha256').update(body).digest('base64url').slice(0, 27);
      current = { body, etag: `"${digest}"`, mtimeMs };
    }
    return current;
  };
}
