import { Controller, Get, Module, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { Public } from '../common/public.decorator';
import { ZegelExceptionFilter } from '../common/zegel-exception.filter';
import type { ZegelConfig } from '../config/config';
import { ConfigModule } from '../config/config.module';
import type { AuthenticatedUser } from './authenticated-user';
import { AuthModule } from './auth.module';
import { CurrentUser } from './current-user.decorator';
import { AllowApps } from './allow-apps.decorator';
import { RequireRole } from './require-role.decorator';

@RequireRole('admin')
@Controller('t')
class ProbeController {
  @Get('admin')
  admin(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }

  @RequireRole('soc', 'admin')
  @Get('soc-or-admin')
  socOrAdmin(@CurrentUser() user: AuthenticatedUser): string {
    return user.id;
  }

  @Public()
  @Get('public-asking-for-user')
  publicAskingForUser(@CurrentUser() user: AuthenticatedUser): string {
    return user.id;
  }
}

@AllowApps()
@RequireRole('soc')
@Controller('apps')
class AppsWelcomeController {
  @Get()
  app(@CurrentUser() user: AuthenticatedUser): string {
    return user.app?.clientId ?? 'user';
  }
}

@Controller('u')
class OpenToAnyUserController {
  @Get()
  any(@CurrentUser() user: AuthenticatedUser): string[] {
    return user.roles;
  }
}

/** Records what reaches the log, to check that tokens never do. */
class RecordingLogger implements LoggerService {
  readonly lines: string[] = [];
  private record = (...args: unknown[]) => this.lines.push(JSON.stringify(args));
  log = this.record;
  warn = this.record;
  error = this.record;
  debug = this.record;
  verbose = this.record;
}

let key: KeyLike;
let keyServer: Server;
let issuer: string;

async function startApp(authMode: 'dev' | 'oidc', logger = new RecordingLogger()) {
  const config = {
    authMode,
    oidc: {
      issuer,
      // The loopback server below answers the key set on every path; no discovery needed.
      jwksUrl: `${issuer}/jwks`,
      audience: 'api://zegel',
      requiredScope: 'Zegel.Send',
      adminRole: 'Zegel.Admin',
      socRole: 'Zegel.Soc',
      clockToleranceSeconds: 0,
    },
  } as unknown as ZegelConfig;
  @Module({
    imports: [ConfigModule.forRoot(config), AuthModule],
    controllers: [ProbeController, OpenToAnyUserController, AppsWelcomeController],
  })
  class ProbeModule {}
  const app = await NestFactory.create(ProbeModule, { logger });
  app.useGlobalFilters(new ZegelExceptionFilter());
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return { app, url, logger };
}

function token(roles: string[]): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: issuer,
    aud: 'api://zegel',
    sub: 'user-1',
    scp: 'Zegel.Send',
    preferred_username: 'anne@example.nl',
    roles,
    iat: now,
    exp: now + 300,
  })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .sign(key);
}

async function get(url: string, bearer?: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    headers: bearer ? { Authorization: `Bearer ${bearer}` } : {},
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text,
  };
}

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  key = pair.privateKey;
  const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }] };
  keyServer = createServer((_req, res) => res.end(JSON.stringify(jwks)));
  await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => keyServer.close(() => resolve())));

describe('AuthGuard in development mode', () => {
  it('acts as the development user, who holds every role', async () => {
    const { app, url } = await startApp('dev');
    try {
      expect(await get(`${url}/t/admin`)).toEqual({
        status: 200,
        body: {
          id: 'development-user',
          issuer: 'development',
          email: 'developer@zegel.test',
          name: 'Development User',
          roles: ['admin', 'soc'],
        },
      });
      expect((await get(`${url}/t/soc-or-admin`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('AuthGuard in OIDC mode', () => {
  it.each([
    ['a user without roles', [], { '/u': 200, '/t/admin': 403, '/t/soc-or-admin': 403 }],
    ['a SOC user', ['Zegel.Soc'], { '/u': 200, '/t/admin': 403, '/t/soc-or-admin': 200 }],
    ['an admin', ['Zegel.Admin'], { '/u': 200, '/t/admin': 200, '/t/soc-or-admin': 200 }],
  ])('admits %s only where a role allows', async (_label, roles, expected) => {
    const { app, url } = await startApp('oidc');
    try {
      const bearer = await token(roles);
      const actual: Record<string, number> = {};
      for (const path of Object.keys(expected))
        actual[path] = (await get(`${url}${path}`, bearer)).status;
      expect(actual).toEqual(expected);
    } finally {
      await app.close();
    }
  });

  it('admits an app-only token (no scp, Zegel.Soc) only where @AllowApps() says so', async () => {
    const { app, url } = await startApp('oidc');
    try {
      const now = Math.floor(Date.now() / 1000);
      const appToken = await new SignJWT({
        iss: issuer,
        aud: 'api://zegel',
        sub: 'sp-1',
        azp: 'siem',
        roles: ['Zegel.Soc'],
        iat: now,
        exp: now + 300,
      })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .sign(key);
      expect(await get(`${url}/apps`, appToken)).toEqual({ status: 200, body: 'siem' });
      expect(await get(`${url}/u`, appToken)).toMatchObject({
        status: 403,
        body: { error: { code: 'FORBIDDEN', message: expect.stringMatching(/app-only/) } },
      });
      expect((await get(`${url}/t/soc-or-admin`, appToken)).status).toBe(403);
      expect((await get(`${url}/apps`, await token(['Zegel.Soc']))).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('answers 403 FORBIDDEN with the needed role named', async () => {
    const { app, url } = await startApp('oidc');
    try {
      expect(await get(`${url}/t/admin`, await token(['Zegel.Soc']))).toMatchObject({
        status: 403,
        body: { error: { code: 'FORBIDDEN', message: 'This needs the role admin.' } },
      });
    } finally {
      await app.close();
    }
  });

  it('does not hand a user to a @Public route', async () => {
    const { app, url } = await startApp('oidc');
    try {
      expect(
        await get(`${url}/t/public-asking-for-user`, await token(['Zegel.Admin'])),
      ).toMatchObject({
        status: 401,
        body: { error: { code: 'UNAUTHENTICATED' } },
      });
    } finally {
      await app.close();
    }
  });

  it('logs why a token was refused, never the token', async () => {
    const { app, url, logger } = await startApp('oidc');
    try {
      const bearer = await token([]);
      const tampered = `${bearer.slice(0, -4)}AAAA`;
      expect((await get(`${url}/u`, tampered)).status).toBe(401);
      const log = logger.lines.join('\n');
      expect(log).toMatch(/signature is not valid/);
      expect(log).not.toContain(tampered.split('.')[2]);
      expect(log).not.toContain(tampered.split('.')[1]);
    } finally {
      await app.close();
    }
  });
});
