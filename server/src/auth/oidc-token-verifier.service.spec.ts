import { Logger } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import { ZegelError } from '../common/zegel-error';
import type { ZegelConfig } from '../config/config';
import { OidcTokenVerifier } from './oidc-token-verifier.service';

/** A loopback server that plays the identity provider's discovery and key set endpoints. */
interface FakeProvider {
  issuer: string;
  hits: string[];
  close(): Promise<void>;
}

let privateKey: KeyLike;
let otherKey: KeyLike;
let provider: FakeProvider;

async function startProvider(jwks: object, issuerOverride?: string): Promise<FakeProvider> {
  const hits: string[] = [];
  let issuer = '';
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer: issuerOverride ?? issuer, jwks_uri: `${issuer}/jwks` }));
    } else if (req.url === '/jwks') {
      res.end(JSON.stringify(jwks));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function verifierFor(oidc: Partial<ZegelConfig['oidc']>): OidcTokenVerifier {
  const config = {
    oidc: {
      issuer: provider.issuer,
      audience: 'api://zegel',
      requiredScope: 'Zegel.Send',
      adminRole: 'Zegel.Admin',
      socRole: 'Zegel.Soc',
      clockToleranceSeconds: 0,
      ...oidc,
    },
  } as ZegelConfig;
  return new OidcTokenVerifier(config);
}

function token(claims: JWTPayload = {}, key = privateKey, kid = 'k1'): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: provider.issuer,
    aud: 'api://zegel',
    sub: 'user-1',
    iat: now,
    exp: now + 300,
    scp: 'Zegel.Send',
    ...claims,
  })
    .setProtectedHeader({ alg: 'ES256', kid })
    .sign(key);
}

async function refusal(promise: Promise<unknown>): Promise<ZegelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ZegelError);
  return error as ZegelError;
}

beforeAll(async () => {
  Logger.overrideLogger(false); // the refusals below are expected
  const pair = await generateKeyPair('ES256');
  privateKey = pair.privateKey;
  otherKey = (await generateKeyPair('ES256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  provider = await startProvider({ keys: [jwk] });
});

afterAll(() => provider.close());

describe('OidcTokenVerifier', () => {
  it('verifies a token via discovery and fetches the discovery document once', async () => {
    const verifier = verifierFor({});
    provider.hits.length = 0;
    await expect(verifier.verify(await token())).resolves.toMatchObject({ sub: 'user-1' });
    await expect(verifier.verify(await token({ sub: 'user-2' }))).resolves.toMatchObject({
      sub: 'user-2',
    });
    expect(provider.hits.filter((u) => u.includes('openid-configuration'))).toHaveLength(1);
  });

  it('uses ZEGEL_OIDC_JWKS_URL without discovery when set', async () => {
    const verifier = verifierFor({ jwksUrl: `${provider.issuer}/jwks` });
    provider.hits.length = 0;
    await expect(verifier.verify(await token())).resolves.toMatchObject({ sub: 'user-1' });
    expect(provider.hits).toEqual(['/jwks']);
  });

  it.each([
    ['another audience', () => token({ aud: 'api://other' }), /another audience/],
    ['another issuer', () => token({ iss: 'http://127.0.0.1:1' }), /another issuer/],
    ['an expired token', () => token({ exp: Math.floor(Date.now() / 1000) - 5 }), /expired/],
    [
      'a token not valid yet',
      () => token({ nbf: Math.floor(Date.now() / 1000) + 60 }),
      /not valid yet/,
    ],
    ['a key outside the set', () => token({}, otherKey, 'k2'), /key set/],
    ['a forged signature', () => token({}, otherKey, 'k1'), /signature/],
    ['garbage', async () => 'not-a-jwt', /well-formed/],
    [
      'alg none',
      async () => {
        const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        const claims = { iss: provider.issuer, aud: 'api://zegel', sub: 'x', scp: 'Zegel.Send' };
        return `${part({ alg: 'none' })}.${part(claims)}.`;
      },
      /asymmetric/,
    ],
    [
      'HS256',
      () =>
        new SignJWT({ scp: 'Zegel.Send' })
          .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
          .setIssuer(provider.issuer)
          .setAudience('api://zegel')
          .setSubject('x')
          .setExpirationTime('5m')
          .sign(Buffer.from('a shared secret that nobody should accept')),
      /asymmetric/,
    ],
  ])('refuses %s with UNAUTHENTICATED', async (_label, make, reason) => {
    const error = await refusal(verifierFor({}).verify(await make()));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toMatch(reason);
  });

  it('refuses before any network use when the token is malformed or unsigned', async () => {
    const verifier = verifierFor({ issuer: 'http://127.0.0.1:1' });
    const error = await refusal(verifier.verify('a.b.c'));
    expect(error.code).toBe('UNAUTHENTICATED');
  });

  it('answers SERVICE_UNAVAILABLE when the provider cannot be reached, and retries later', async () => {
    const verifier = verifierFor({ issuer: 'http://127.0.0.1:1' });
    const error = await refusal(verifier.verify(await token()));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    const again = await refusal(verifier.verify(await token()));
    expect(again.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('refuses a discovery document that names another issuer', async () => {
    const liar = await startProvider({ keys: [] }, 'https://evil.example');
    try {
      const error = await refusal(verifierFor({ issuer: liar.issuer }).verify(await token()));
      expect(error.code).toBe('SERVICE_UNAVAILABLE');
      expect(liar.hits).toEqual(['/.well-known/openid-configuration']);
    } finally {
      await liar.close();
    }
  });

  it('refuses to fetch keys over plain http from a host other than loopback', async () => {
    const verifier = verifierFor({ jwksUrl: 'http://idp.example.nl/jwks' });
    const error = await refusal(verifier.verify(await token()));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
  });
});
