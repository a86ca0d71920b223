// A real OpenID provider (the npm package oidc-provider, ESM-only) for the authentication tests.
// Started by auth-oidc-provider.ts as a child process: listens on 127.0.0.1 at a free port, prints
// one JSON line {"issuer": ...} when ready, and exits when its stdin closes (so it never outlives
// the test run). Settings come as JSON in AUTH_TEST_PROVIDER: { jwks: { keys: [private JWKs] } }.
//
// Clients use client_credentials with resource indicators and get RS256 JWT access tokens. Each
// client stands for one kind of token; the claims a real Entra ID token carries for a user
// (sub, preferred_username, name, roles, tid, scp) are added per client by the JWT customizer.
import { createServer } from 'node:http';
import Provider, { errors } from 'oidc-provider';

const settings = JSON.parse(process.env.AUTH_TEST_PROVIDER ?? '{}');
const RESOURCES = ['api://zegel', 'api://other'];
const SCOPES = 'Zegel.Send Zegel.Read';

/** Per client: the user claims its tokens carry, the lifetime, and Entra (scp) or RFC 9068 (scope). */
const CLIENTS = {
  sender: {
    ttl: 300,
    entra: true,
    claims: {
      sub: 'anne-object-id',
      preferred_username: 'Anne@Example.NL',
      name: 'Anne de Vries',
      roles: ['Zegel.Admin', 'Other.Role'],
      tid: '7c1f3a2e-0000-4000-8000-000000000001',
    },
  },
  soc: {
    ttl: 300,
    entra: false,
    claims: { sub: 'soc-bot', email: 'soc@example.nl', roles: ['Zegel.Soc'] },
  },
  'no-email': { ttl: 300, entra: true, claims: { sub: 'kiosk', preferred_username: 'kiosk' } },
  // Another account that carries the sender's address: it must not see the sender's messages.
  impostor: {
    ttl: 300,
    entra: true,
    claims: { sub: 'eve-object-id', preferred_username: 'anne@example.nl' },
  },
  'short-lived': {
    ttl: 1,
    entra: true,
    claims: { sub: 'brief', preferred_username: 'brief@example.nl' },
  },
};

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  jwks: settings.jwks,
  clients: Object.keys(CLIENTS).map((id) => ({
    client_id: id,
    client_secret: `secret-${id}`,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
    scope: SCOPES,
  })),
  scopes: SCOPES.split(' '),
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCES[0],
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, indicator, client) => {
        if (!RESOURCES.includes(indicator)) throw new errors.InvalidTarget();
        return {
          audience: indicator,
          scope: SCOPES,
          accessTokenFormat: 'jwt',
          accessTokenTTL: CLIENTS[client.clientId].ttl,
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
  formats: {
    customizers: {
      jwt: (_ctx, token, jwt) => {
        const client = CLIENTS[token.clientId];
        Object.assign(jwt.payload, client.claims);
        if (client.entra) {
          jwt.payload.scp = jwt.payload.scope;
          delete jwt.payload.scope;
        }
      },
    },
  },
});
provider.on('server_error', (_ctx, error) => console.error(error));
server.on('request', provider.callback());

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
