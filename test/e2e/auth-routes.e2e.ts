import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC } from '../../server/src/common/public.decorator';
import { ConfigError, loadConfig } from '../../server/src/config/config';
import { startZegel, type RunningZegel } from '../support/server';

/**
 * Every route that answers without sign-in, as "METHOD /path". A route marked @Public() that is not
 * here fails this test, and so does an entry here without such a route.
 */
const PUBLIC_ROUTES = [
  'GET /health',
  // The recipient's pickup API: the pickup token in the path and the CE-ID are the credentials.
  'POST /api/v1/pickup/:token/unlock',
  'GET /api/v1/pickup/:token/message',
  'GET /api/v1/pickup/:token/message.eml',
  'GET /api/v1/pickup/:token/attachments/:index',
  'GET /api/v1/pickup/:token/inline/:index',
  'POST /api/v1/pickup/:token/accept',
  'POST /api/v1/pickup/:token/decline',
  'POST /api/v1/pickup/:token/reply',
  // "I lost my code": the link alone; answers the same for unknown links.
  'POST /api/v1/pickup/:token/lost-code',
  // Anyone holding evidence must be able to check its signature.
  'GET /api/v1/evidence/public-key',
  // A receipt's verification link: checks nothing unless the link's hash and signature match.
  'GET /verify/:id',
  // What the pickup page shows of the organisation before any code is entered.
  'GET /api/v1/branding',
  'GET /api/v1/branding/logo',
  // SMS delivery reports: behind a secret path segment (ZEGEL_SMS_STATUS_TOKEN), 404 without it.
  'ALL /api/v1/sms/status/:token',
  // How the admin console signs in (authority, client id, scopes; no secret), needed before it.
  'GET /admin-config.json',
];

/**
 * Routes Express serves outside Nest controllers: the global AuthGuard never sees them, so only
 * public content may live there. The web pages exist only when the add-in is built.
 */
const SERVED_OUTSIDE_NEST = [
  // Swagger UI and the OpenAPI document (SwaggerModule.setup in server/src/app.factory.ts).
  'GET /api/docs',
  'GET /api/docs/',
  'GET /api/docs/index.html',
  'GET /api/docs/LICENSE',
  'GET /api/docs/swagger-ui-init.js',
  'GET /api/docs/docs/swagger-ui-init.js',
  'GET /api/docs/openapi.json',
  'GET /api/docs-yaml',
  // Single-page front ends (server/src/web-pages.ts): HTML only; their data comes from the API.
  'GET /p/:token',
  'GET /admin',
  'GET /admin/*rest',
  // The page for incomplete pickup links (server/src/pickup-link-error-page.ts): static text.
  'GET /p',
  'GET /p/*rest',
  // A redirect to the static /favicon.svg.
  'GET /favicon.ico',
  // Nest middleware bound to every path (request logging): passes each request on, no endpoint.
  'ALL /{*path}',
];

interface NestRoute {
  method: string;
  path: string;
  isPublic: boolean;
}

const key = (method: string, path: string) => `${method} ${path}`;

function joinPath(...parts: string[]): string {
  const joined = parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}

const asArray = (value: unknown): string[] =>
  Array.isArray(value) ? (value as string[]) : [typeof value === 'string' ? value : '/'];

/** The routes of every controller, from the metadata Nest itself routes by. */
function nestRoutes(zegel: RunningZegel): NestRoute[] {
  const routes: NestRoute[] = [];
  for (const module of zegel.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const classPaths = asArray(Reflect.getMetadata(PATH_METADATA, controller));
      const classPublic = Reflect.getMetadata(IS_PUBLIC, controller) === true;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const isPublic = classPublic || Reflect.getMetadata(IS_PUBLIC, handler) === true;
        for (const classPath of classPaths) {
          for (const methodPath of asArray(Reflect.getMetadata(PATH_METADATA, handler))) {
            routes.push({
              method: RequestMethod[method],
              path: joinPath(classPath, methodPath),
              isPublic,
            });
          }
        }
      }
    }
  }
  return routes;
}

/** What Express actually serves, as "METHOD /path" ("ALL" for a route that takes every method). */
function expressRoutes(zegel: RunningZegel): string[] {
  const express = zegel.app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  const routes = new Set<string>();
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    const methods = Object.keys(layer.route.methods);
    if (methods.length > 10) routes.add(key('ALL', layer.route.path));
    else
      for (const m of methods)
        routes.add(key(m === '_all' ? 'ALL' : m.toUpperCase(), layer.route.path));
  }
  return [...routes];
}

/** A concrete URL for a route pattern (Express 5 syntax: `:param`, `*splat`, `{optional}`). */
function concrete(path: string): string {
  return path
    .replace(/\{[^}]*\}/g, '')
    .replace(/:[A-Za-z0-9_]+/g, 'x')
    .replace(/\*[A-Za-z0-9_]*/g, 'x');
}

function errorCode(body: string | undefined): string | undefined {
  try {
    return body ? (JSON.parse(body) as { error?: { code?: string } }).error?.code : undefined;
  } catch {
    return undefined;
  }
}

let zegel: RunningZegel | undefined;

beforeAll(async () => {
  // The provider's port is closed: a request without a (well-formed) token must be refused before
  // any network use, else it would answer 503 instead of 401.
  zegel = await startZegel({
    env: {
      ZEGEL_AUTH_MODE: 'oidc',
      ZEGEL_OIDC_ISSUER: 'http://127.0.0.1:1',
      ZEGEL_OIDC_AUDIENCE: 'api://zegel',
    },
  });
}, 30_000);

afterAll(async () => {
  await zegel?.close();
});

describe('every route is protected unless marked public', () => {
  it('finds the routes Nest serves among those Express serves', () => {
    const served = new Set(expressRoutes(zegel!));
    const missing = nestRoutes(zegel!)
      .map((r) => key(r.method, r.path))
      .filter((r) => !served.has(r));
    // If this fails, the way routes are enumerated here no longer matches Nest (a global prefix,
    // versioning or RouterModule): adapt nestRoutes() before trusting the checks below.
    expect(missing).toEqual([]);
    expect(nestRoutes(zegel!).length).toBeGreaterThanOrEqual(3);
  });

  it('has exactly the allowed @Public routes', () => {
    const routes = nestRoutes(zegel!);
    const unexpected = routes
      .filter((r) => r.isPublic && !PUBLIC_ROUTES.includes(key(r.method, r.path)))
      .map(
        (r) =>
          `${key(r.method, r.path)} is marked @Public() but is not in PUBLIC_ROUTES of test/e2e/auth-routes.e2e.ts; add it there only if it must answer without sign-in`,
      );
    const stale = PUBLIC_ROUTES.filter(
      (entry) => !routes.some((r) => r.isPublic && key(r.method, r.path) === entry),
    ).map((entry) => `PUBLIC_ROUTES lists ${entry}, but no such @Public() route exists`);
    expect([...unexpected, ...stale]).toEqual([]);
  });

  it('serves nothing outside Nest beyond the allowed public pages', () => {
    const nest = new Set(nestRoutes(zegel!).map((r) => key(r.method, r.path)));
    const unexpected = expressRoutes(zegel!)
      .filter((r) => !nest.has(r) && !SERVED_OUTSIDE_NEST.includes(r))
      .map(
        (r) =>
          `${r} is served by Express outside a Nest controller, where the AuthGuard never runs; move it into a controller, or list it in SERVED_OUTSIDE_NEST of test/e2e/auth-routes.e2e.ts if it is public content`,
      );
    expect(unexpected).toEqual([]);
  });

  it('answers 401 without a token, and with a malformed one, on every other route', async () => {
    const failures: string[] = [];
    for (const route of nestRoutes(zegel!).filter((r) => !r.isPublic)) {
      const method = route.method === 'ALL' ? 'GET' : route.method;
      for (const authorization of [undefined, 'Bearer not-a-token']) {
        const response = await fetch(`${zegel!.url}${concrete(route.path)}`, {
          method,
          headers: authorization ? { Authorization: authorization } : {},
        });
        const body = method === 'HEAD' ? undefined : await response.text();
        const code = errorCode(body);
        if (response.status !== 401 || (body !== undefined && code !== 'UNAUTHENTICATED')) {
          failures.push(
            `${key(route.method, route.path)} ${authorization ? 'with a malformed token' : 'without a token'} answered ${response.status} ${body ?? ''}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('development mode', () => {
  const base = (host: string) => {
    const root = mkdtempSync(join(tmpdir(), 'zegel-auth-'));
    return {
      ZEGEL_AUTH_MODE: 'dev',
      ZEGEL_HOST: host,
      ZEGEL_DATA_DIR: join(root, 'data'),
      ZEGEL_KEY_DIR: join(root, 'keys'),
    };
  };

  it.each(['0.0.0.0', '::', '192.168.1.10', 'zegel.example.nl'])(
    'is refused when Zegel listens on %s',
    (host) => {
      expect(() => loadConfig(base(host))).toThrow(ConfigError);
      expect(() => loadConfig(base(host))).toThrow(
        /development mode is refused unless Zegel listens on loopback/,
      );
    },
  );

  it.each(['127.0.0.1', '::1', 'localhost'])('is accepted on loopback (%s)', (host) => {
    expect(loadConfig(base(host)).authMode).toBe('dev');
  });

  it('acts as the fixed development user', async () => {
    const dev = await startZegel();
    try {
      const response = await fetch(`${dev.url}/api/v1/me`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        id: 'development-user',
        issuer: 'development',
        email: 'developer@zegel.test',
        name: 'Development User',
        roles: ['admin', 'soc'],
      });
    } finally {
      await dev.close();
    }
  }, 30_000);
});
