import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
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
  // Static files are looked up on disk (a stat per request); API routes never are, so that the
  // pickup and intake APIs do not pay for a file lookup that cannot match.
  express.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/api/')) next();
    else assets(req, res, next);
  });
  for (const page of PAGES) {
    const file = join(WEB_ROOT, page.file);
    express.get(page.route, (_req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.sendFile(file);
    });
  }
  mountBrokenPickupRoutes();
  // Browsers ask for /favicon.ico when a page (or a PDF, or a JSON answer) names no icon.
  express.get('/favicon.ico', (_req, res) => res.redirect(301, '/favicon.svg'));
}
