import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { SignJWT, type JWK } from 'jose';
import { startZegel, type RunningZegel } from '../support/server';
import {
  generateProviderKeys,
  startOidcProvider,
  type TestOidcProvider,
} from '../support/auth-oidc-provider';

// Zegel in OIDC mode against a real OpenID provider (oidc-provider) on loopback: only tokens the
// provider issued for Zegel's audience, unexpired, with the Zegel.Send scope, get in.
jest.setTimeout(60_000);

const AUDIENCE = 'api://zegel';
let keys: { keys: JWK[] };
let provider: TestOidcProvider | undefined;
let rogue: TestOidcProvider | undefined;
let zegel: RunningZegel | undefined;

beforeAll(async () => {
  keys = generateProviderKeys();
  // One at a time, so afterAll can stop whichever did start.
  provider = await startOidcProvider(keys);
  rogue = await startOidcProvider(keys);
  zegel = await startZegel({
    env: {
      ZEGEL_AUTH_MODE: 'oidc',
      ZEGEL_OIDC_ISSUER: provider.issuer,
      ZEGEL_OIDC_AUDIENCE: AUDIENCE,
      ZEGEL_OIDC_CLOCK_TOLERANCE_SECONDS: '0',
    },
  });
});

afterAll(async () => {
  await Promise.allSettled([zegel?.close(), provider?.stop(), rogue?.stop()]);
});

function me(authorization?: string): Promise<Response> {
  return fetch(`${zegel!.url}/api/v1/me`, {
    headers: authorization ? { Authorization: authorization } : {},
  });
}

async function expectRefused(
  response: Response,
  status: number,
  code: string,
  message: RegExp,
): Promise<void> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect({ status: response.status, code: body.error.code }).toEqual({ status, code });
  expect(body.error.message).toMatch(message);
}

/** Claims that would pass, signed by whatever key and algorithm a test chooses. */
function forgedClaims(): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: provider!.issuer,
    aud: AUDIENCE,
    sub: 'mallory',
    scp: 'Zegel.Send',
    preferred_username: 'mallory@example.nl',
    iat: now,
    exp: now + 300,
  };
}

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('OIDC sign-in against a real OpenID provider', () => {
  it('admits an Entra-style token (scp) and maps the user', async () => {
    const response = await me(`Bearer ${await provider!.token('sender')}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: 'anne-object-id',
      issuer: provider!.issuer,
      email: 'anne@example.nl',
      name: 'Anne de Vries',
      roles: ['admin'],
      tenantId: '7c1f3a2e-0000-4000-8000-000000000001',
    });
  });

  it('admits an RFC 9068 token (scope) and maps the SOC role', async () => {
    const response = await me(`Bearer ${await provider!.token('soc')}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: 'soc-bot',
      issuer: provider!.issuer,
      email: 'soc@example.nl',
      name: 'soc@example.nl',
      roles: ['soc'],
    });
  });

  it('gives a message to its owner by issuer and subject, not to another account with the same address', async () => {
    const submit = await fetch(`${zegel!.url}/api/v1/messages`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await provider!.token('sender')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        classification: 'registered',
        subject: 'Uitslag',
        recipients: [{ address: 'patient@example.nl' }],
        text: 'body',
      }),
    });
    expect(submit.status).toBe(201);
    const { id } = (await submit.json()) as { id: string };
    const read = (client: 'sender' | 'impostor') =>
      provider!.token(client).then((token) =>
        fetch(`${zegel!.url}/api/v1/messages/${id}`, {
          headers: { Authorization: `Bearer ${token}` },
        }),
      );
    const impostor = await read('impostor');
    expect((await me(`Bearer ${await provider!.token('impostor')}`)).status).toBe(200);
    expect(impostor.status).toBe(404);
    const list = await fetch(`${zegel!.url}/api/v1/messages`, {
      headers: { Authorization: `Bearer ${await provider!.token('impostor')}` },
    });
    expect(await list.json()).toEqual([]);
    expect((await read('sender')).status).toBe(200);
  });

  it('publishes the evidence key without sign-in', async () => {
    const key = await fetch(`${zegel!.url}/api/v1/evidence/public-key`);
    expect(key.status).toBe(200);
    expect(await key.json()).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
  });

  it('refuses a request without a token, with a Bearer challenge', async () => {
    const response = await me();
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    await expectRefused(response, 401, 'UNAUTHENTICATED', /Bearer/);
  });

  it('refuses another scheme', async () => {
    await expectRefused(await me('Basic c2VuZGVyOnNlY3JldA=='), 401, 'UNAUTHENTICATED', /Bearer/);
  });

  it('refuses garbage', async () => {
    const response = await me('Bearer not-a-token');
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    await expectRefused(response, 401, 'UNAUTHENTICATED', /well-formed/);
  });

  it('refuses a token for another audience', async () => {
    const token = await provider!.token('sender', { resource: 'api://other' });
    const response = await me(`Bearer ${token}`);
    expect(response.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    await expectRefused(response, 401, 'UNAUTHENTICATED', /another audience/);
  });

  it('refuses a token of another issuer, even one signed with the same key', async () => {
    const token = await rogue!.token('sender');
    await expectRefused(await me(`Bearer ${token}`), 401, 'UNAUTHENTICATED', /another issuer/);
  });

  it('refuses an expired token', async () => {
    const token = await provider!.token('short-lived');
    expect((await me(`Bearer ${token}`)).status).toBe(200);
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
      exp: number;
    };
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 1_100));
    await expectRefused(await me(`Bearer ${token}`), 401, 'UNAUTHENTICATED', /expired/);
  });

  it('answers 403 when the token lacks the Zegel.Send scope', async () => {
    const token = await provider!.token('sender', { scope: 'Zegel.Read' });
    const response = await me(`Bearer ${token}`);
    expect(response.headers.get('www-authenticate')).toMatch(
      /^Bearer error="insufficient_scope".*scope="Zegel.Send"/,
    );
    await expectRefused(response, 403, 'FORBIDDEN', /Zegel\.Send/);
  });

  it('refuses a token that names no e-mail address', async () => {
    const token = await provider!.token('no-email');
    await expectRefused(await me(`Bearer ${token}`), 401, 'UNAUTHENTICATED', /e-mail address/);
  });

  it('refuses a token signed by a key outside the JWKS', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = await new SignJWT(forgedClaims())
      .setProtectedHeader({ alg: 'RS256', kid: 'unknown-key' })
      .sign(privateKey);
    await expectRefused(await me(`Bearer ${token}`), 401, 'UNAUTHENTICATED', /key set/);
  });

  it("refuses a token that claims the provider's key id but is signed by another key", async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = await new SignJWT(forgedClaims())
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .sign(privateKey);
    await expectRefused(await me(`Bearer ${token}`), 401, 'UNAUTHENTICATED', /signature/);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const token = `${part({ alg: 'none', typ: 'JWT' })}.${part(forgedClaims())}.`;
    await expectRefused(await me(`Bearer ${token}`), 401, 'UNAUTHENTICATED', /asymmetric/);
  });

  it("refuses an HS256 token keyed with the provider's public key (algorithm confusion)", async () => {
    const publicPem = createPublicKey({ key: keys.keys[0] as never, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const token = await new SignJWT(forgedClaims())
      .setProtectedHeader({ alg: 'HS256', kid: 'test-key' })
      .sign(new TextEncoder().encode(publicPem));
    await expectRefused(await me(`Bearer ${token}`), 401, 'UNAUTHENTICATED', /asymmetric/);
  });

  it('still admits valid tokens after all the refusals', async () => {
    expect((await me(`Bearer ${await provider!.token('sender')}`)).status).toBe(200);
  });
});
