import {
  generateProviderKeys,
  startOidcProvider,
  type TestOidcProvider,
} from '../support/auth-oidc-provider';
import { startZegel, type RunningZegel } from '../support/server';

// The SOC role (Zegel.Soc) reads the event log and nothing else of the admin API: every admin
// route, read or write, refuses it with 403, found from the OpenAPI document so that a route added
// later is covered too. The console gets its sign-in settings from /admin-config.json.
jest.setTimeout(60_000);

let provider: TestOidcProvider | undefined;
let zegel: RunningZegel | undefined;

beforeAll(async () => {
  provider = await startOidcProvider(generateProviderKeys());
  zegel = await startZegel({
    env: {
      ZEGEL_AUTH_MODE: 'oidc',
      ZEGEL_OIDC_ISSUER: provider.issuer,
      ZEGEL_OIDC_AUDIENCE: 'api://zegel',
      ZEGEL_ADMIN_CLIENT_ID: 'zegel-admin',
    },
  });
});

afterAll(async () => {
  await Promise.allSettled([zegel?.close(), provider?.stop()]);
});

async function call(
  method: string,
  path: string,
  token: string,
): Promise<{ status: number; code?: string }> {
  const write = method !== 'GET' && method !== 'HEAD';
  const response = await fetch(`${zegel!.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(write ? { 'content-type': 'application/json' } : {}),
    },
    body: write ? '{}' : undefined,
  });
  const text = await response.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    // Not JSON (a CSV or PowerShell answer).
  }
  return { status: response.status, code };
}

/** The admin routes a SOC analyst may read: the event log the console filters on the server. */
const SOC_READS = ['GET /api/v1/admin/events'];

/** Every operation of the OpenAPI document under the given prefixes, path parameters filled. */
async function operations(prefixes: string[]): Promise<{ method: string; path: string }[]> {
  const document = (await (await fetch(`${zegel!.url}/api/docs/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(document.paths)
    .filter(([path]) => prefixes.some((prefix) => path.startsWith(prefix)))
    .flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ method: m.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'x') })),
    );
}

describe('the SOC role is read-only on the event log', () => {
  it('reads the event log', async () => {
    const token = await provider!.token('soc');
    const me = await fetch(`${zegel!.url}/api/v1/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(((await me.json()) as { roles: string[] }).roles).toEqual(['soc']);
    expect(await call('GET', '/api/v1/events?after=0&limit=10', token)).toEqual({
      status: 200,
      code: undefined,
    });
  });

  it('reads the filtered event log the console shows', async () => {
    const token = await provider!.token('soc');
    expect(await call('GET', '/api/v1/admin/events?limit=10', token)).toEqual({
      status: 200,
      code: undefined,
    });
  });

  it('is refused with 403 on every other admin route, reads and writes alike', async () => {
    const soc = await provider!.token('soc');
    const admin = await provider!.token('sender');
    const routes = (await operations(['/api/v1/admin/', '/api/v1/webhooks'])).filter(
      (r) => !SOC_READS.includes(`${r.method} ${r.path}`),
    );
    // The document must name the admin API, else this test would pass on nothing.
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.filter((r) => r.method !== 'GET').length).toBeGreaterThan(5);
    const answers: string[] = [];
    for (const { method, path } of routes) {
      const { status, code } = await call(method, path, soc);
      answers.push(`${method} ${path} ${status} ${code}`);
    }
    expect(answers.filter((a) => !a.endsWith(' 403 FORBIDDEN'))).toEqual([]);
    // The same routes let an admin past the role check (whatever they answer next).
    for (const { method, path } of routes.slice(0, 5)) {
      expect(await call(method, path, admin)).not.toMatchObject({ status: 403 });
    }
  });

  it('gives the console its sign-in settings without sign-in, and no secret', async () => {
    const response = await fetch(`${zegel!.url}/admin-config.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      signIn: 'oidc',
      authority: provider!.issuer,
      protocol: 'oidc',
      clientId: 'zegel-admin',
      scopes: ['api://zegel/Zegel.Send'],
    });
    // The admin page may talk to the identity provider, and only the admin page.
    const admin = await fetch(`${zegel!.url}/admin`);
    expect(admin.headers.get('content-security-policy')).toContain(
      `connect-src 'self' ${new URL(provider!.issuer).origin}`,
    );
    const other = await fetch(`${zegel!.url}/health`);
    expect(other.headers.get('content-security-policy')).not.toContain(provider!.issuer);
  });
});
