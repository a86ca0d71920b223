// A real OpenID provider (the npm package oidc-provider, ESM-only) for the authentication tests.
// Started by auth-oidc-provider.ts as a child process: listens on 127.0.0.1 at a free port, prints
// one JSON line {"issuer": ...} when ready, and exits when its stdin closes (so it never outlives
// the test run). Settings come as JSON in AUTH_TEST_PROVIDER: { jwks: { keys: [private JWKs] } },
// and for the Microsoft 365 tests also { https: { key, cert }, m365: { tenant, clientJwks,
// graphResources, delegated } } (see below).
//
// Clients use client_credentials with resource indicators and get RS256 JWT access tokens. Each
// client stands for one kind of token; the claims a real Entra ID token carries for a user
// (sub, preferred_username, name, roles, tid, scp) are added per client by the JWT customizer.
//
// With `m365`, the provider plays Entra ID's part for msal-node: it serves HTTPS under an Entra
// shaped issuer (https://127.0.0.1:port/<tenant>/v2.0, so the authority is .../<tenant>), knows
// Zegel's API as a confidential client (certificate: private_key_jwt; or a secret, posted), hands
// out app-only tokens for Graph's `<resource>/.default` scope, and implements the On-Behalf-Of
// grant (urn:ietf:params:oauth:grant-type:jwt-bearer with requested_token_use=on_behalf_of): the
// user's token for Zegel's API is verified and exchanged for a Graph token of the same user, as
// Microsoft's identity platform documents the flow.
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createLocalJWKSet, importJWK, jwtVerify, SignJWT } from 'jose';
import Provider, { errors } from 'oidc-provider';

const settings = JSON.parse(process.env.AUTH_TEST_PROVIDER ?? '{}');
const m365 = settings.m365;
const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const API = 'api://zegel';
const GRAPH = m365?.graphResources ?? [];
const RESOURCES = [API, 'api://other', ...GRAPH];
const DEFAULT_SCOPES = GRAPH.map((r) => `${r}/.default`);
const SCOPES = ['Zegel.Send', 'Zegel.Read', ...DEFAULT_SCOPES].join(' ');
const TENANT = m365?.tenant ?? '7c1f3a2e-0000-4000-8000-000000000001';

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
      tid: TENANT,
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
  // App-only clients, as Entra issues their tokens: roles, azp, no scp and no user.
  siem: {
    ttl: 300,
    app: true,
    claims: { sub: 'siem-sp', oid: 'siem-sp', azp: 'siem', roles: ['Zegel.Soc'], tid: TENANT },
  },
  'siem-no-role': {
    ttl: 300,
    app: true,
    claims: { sub: 'other-sp', oid: 'other-sp', azp: 'siem-no-role', tid: TENANT },
  },
};

/** Zegel's API registration as confidential client: app-only Graph tokens carry Mail.Send. */
const API_CLIENT = (clientId) => ({
  ttl: 300,
  app: true,
  claims: { sub: 'zegel-sp', oid: 'zegel-sp', azp: clientId, roles: ['Mail.Send'], tid: TENANT },
});
if (m365) {
  CLIENTS['zegel-api'] = API_CLIENT('zegel-api');
  CLIENTS['zegel-api-secret'] = API_CLIENT('zegel-api-secret');
}

const server = settings.https ? createHttpsServer(settings.https) : createHttpServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `${settings.https ? 'https' : 'http'}://127.0.0.1:${server.address().port}`;
const prefix = m365 ? `/${TENANT}/v2.0` : '';
const issuer = `${origin}${prefix}`;

function clientMetadata(id) {
  const base = {
    client_id: id,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
    scope: SCOPES,
  };
  if (id === 'zegel-api')
    return {
      ...base,
      grant_types: ['client_credentials', OBO_GRANT],
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: m365.clientJwks,
    };
  if (id === 'zegel-api-secret')
    return {
      ...base,
      client_secret: `secret-${id}`,
      grant_types: ['client_credentials', OBO_GRANT],
      token_endpoint_auth_method: 'client_secret_post',
    };
  return { ...base, client_secret: `secret-${id}` };
}

const provider = new Provider(issuer, {
  jwks: settings.jwks,
  clients: Object.keys(CLIENTS).map(clientMetadata),
  scopes: SCOPES.split(' '),
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // msal-node asks Entra-style: no resource parameter, the resource in the `.default` scope.
      defaultResource: (ctx) => {
        const scoped = /(\S+)\/\.default/.exec(ctx.oidc.params?.scope ?? '');
        return scoped && RESOURCES.includes(scoped[1]) ? scoped[1] : RESOURCES[0];
      },
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, indicator, client) => {
        if (!RESOURCES.includes(indicator)) throw new errors.InvalidTarget();
        return {
          audience: indicator,
          scope: GRAPH.includes(indicator) ? `${indicator}/.default` : SCOPES,
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
        if (client.app) {
          delete jwt.payload.scope;
        } else if (client.entra) {
          jwt.payload.scp = jwt.payload.scope;
          delete jwt.payload.scope;
        }
      },
    },
  },
});
provider.on('server_error', (_ctx, error) => console.error(error));

if (m365) {
  // Entra ID accepts a client assertion again within its lifetime, and msal-node caches its
  // assertion and sends it for every token request; oidc-provider would refuse the second use.
  provider.ReplayDetection.unique = async () => true;
  const publicKeys = createLocalJWKSet({
    keys: settings.jwks.keys.map(({ d, p, q, dp, dq, qi, ...pub }) => pub),
  });
  const signingKey = await importJWK(settings.jwks.keys[0], 'RS256');
  provider.registerGrantType(
    OBO_GRANT,
    async (ctx) => {
      const { assertion, requested_token_use: use, scope = '' } = ctx.oidc.params;
      if (use !== 'on_behalf_of')
        throw new errors.InvalidRequest('requested_token_use must be on_behalf_of');
      // The assertion is the token the user called the API with: issued here, for this API.
      let user;
      try {
        ({ payload: user } = await jwtVerify(assertion, publicKeys, { issuer, audience: API }));
      } catch (error) {
        throw new errors.InvalidGrant(`assertion refused: ${error.code ?? error.message}`);
      }
      if (!user.scp) throw new errors.InvalidGrant('assertion is not a delegated user token');
      const resource = GRAPH.find((r) => scope.split(' ').includes(`${r}/.default`));
      if (!resource) throw new errors.InvalidScope('no known resource/.default scope', scope);
      const now = Math.floor(Date.now() / 1000);
      const accessToken = await new SignJWT({
        sub: user.sub,
        oid: user.sub,
        preferred_username: user.preferred_username,
        name: user.name,
        tid: user.tid,
        azp: ctx.oidc.client.clientId,
        scp: m365.delegated,
        ver: '2.0',
      })
        .setProtectedHeader({ alg: 'RS256', kid: settings.jwks.keys[0].kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(resource)
        .setIssuedAt(now)
        .setExpirationTime(now + 300)
        .sign(signingKey);
      ctx.body = {
        token_type: 'Bearer',
        scope: `${resource}/.default`,
        expires_in: 300,
        ext_expires_in: 300,
        access_token: accessToken,
        // Entra answers msal's client_info=1 with the user's home account (uid, utid).
        client_info: Buffer.from(JSON.stringify({ uid: user.sub, utid: TENANT })).toString(
          'base64url',
        ),
      };
    },
    new Set(['assertion', 'requested_token_use', 'scope']),
  );
}

const callback = provider.callback();
server.on('request', (req, res) => {
  if (!req.url.startsWith(`${prefix}/`)) {
    res.writeHead(404).end();
    return;
  }
  // Mounted under the issuer's path, as an application server strips its mount point.
  req.originalUrl = req.url;
  req.url = req.url.slice(prefix.length);
  callback(req, res);
});

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
