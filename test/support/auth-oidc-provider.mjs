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
// With `console`, it also signs people in interactively for the admin console: the public client
// `zegel-admin` uses authorization code with PKCE from a browser (any loopback port, as RFC 8252
// allows native clients), oidc-provider's own login and consent forms ask for a login name from
// USERS (any password), and the access token asks for the API Entra-style, as the scope
// `api://zegel/Zegel.Send`, and carries `scp: Zegel.Send` with the user's app roles.
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
  // Long enough to be accepted once on a loaded machine: exp is whole seconds after a whole-second
  // iat, so a 1 s token issued late in a second is valid for only milliseconds.
  'short-lived': {
    ttl: 4,
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

/** People who sign in to the admin console (login name → claims), with `console`. */
const USERS = {
  anne: {
    sub: 'anne-object-id',
    preferred_username: 'anne@example.nl',
    name: 'Anne de Vries',
    roles: ['Zegel.Admin'],
    tid: TENANT,
  },
  sam: {
    sub: 'sam-object-id',
    preferred_username: 'sam@example.nl',
    name: 'Sam Bakker',
    roles: ['Zegel.Soc'],
    tid: TENANT,
  },
  noor: {
    sub: 'noor-object-id',
    preferred_username: 'noor@example.nl',
    name: 'Noor Jansen',
    tid: TENANT,
  },
};
const CONSOLE_CLIENT = 'zegel-admin';
const CONSOLE_SCOPE = `${API}/Zegel.Send`;
if (settings.console) CLIENTS[CONSOLE_CLIENT] = { ttl: 3600, entra: true, claims: {} };

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
  if (id === CONSOLE_CLIENT)
    return {
      client_id: id,
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: ['http://127.0.0.1/admin'],
      post_logout_redirect_uris: ['http://127.0.0.1/admin'],
    };
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

/** App roles belong in the access token only. */
const withoutRoles = ({ roles: _roles, ...claims }) => claims;

/** What the interactive sign-in for the console needs; nothing of it without `console`. */
const consoleOptions = settings.console
  ? {
      findAccount: (_ctx, id) =>
        USERS[id] ? { accountId: id, claims: () => withoutRoles(USERS[id]) } : undefined,
      claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'tid'] },
      conformIdTokenClaims: false,
      // The console runs on a loopback origin whose port the provider cannot know in advance.
      clientBasedCORS: (_ctx, origin, client) =>
        client.clientId === CONSOLE_CLIENT && /^http:\/\/127\.0\.0\.1:\d+$/.test(origin),
    }
  : {};

const provider = new Provider(issuer, {
  jwks: settings.jwks,
  clients: Object.keys(CLIENTS).map(clientMetadata),
  scopes: [...SCOPES.split(' '), 'openid', 'offline_access', 'profile'],
  ...consoleOptions,
  features: {
    devInteractions: { enabled: Boolean(settings.console) },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // msal-node asks Entra-style: no resource parameter, the resource in the `.default` scope.
      // The console asks Entra-style too: `api://zegel/Zegel.Send` names the resource.
      defaultResource: (ctx) => {
        const scopes = String(ctx.oidc.params?.scope ?? '').split(' ');
        return RESOURCES.find((r) => scopes.some((s) => s.startsWith(`${r}/`))) ?? RESOURCES[0];
      },
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, indicator, client) => {
        if (!RESOURCES.includes(indicator)) throw new errors.InvalidTarget();
        return {
          audience: indicator,
          scope: GRAPH.includes(indicator)
            ? `${indicator}/.default`
            : `${SCOPES}${indicator === API ? ` ${CONSOLE_SCOPE}` : ''}`,
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
        if (token.accountId && USERS[token.accountId]) {
          // A person's token, as Entra issues it: their claims, and scp without the resource.
          Object.assign(jwt.payload, USERS[token.accountId]);
          jwt.payload.scope = String(jwt.payload.scope ?? '')
            .split(' ')
            .map((s) => (s.startsWith(`${API}/`) ? s.slice(API.length + 1) : s))
            .join(' ');
        }
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
