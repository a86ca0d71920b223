import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JWK } from 'jose';
import {
  generateProviderKeys,
  startOidcProvider,
  type TestOidcProvider,
} from './auth-oidc-provider';
import { createLabCa } from './lab-ca';
import { startGraph, type GraphDouble } from './m365-graph';

export const M365_TENANT = '5d0c9a1e-0000-4000-8000-00000000cafe';
/** What an On-Behalf-Of token for Graph may do: read the user's mail and the files shared with them. */
export const DELEGATED = 'Mail.ReadWrite Files.Read.All';

export interface M365Lab {
  provider: TestOidcProvider;
  graph: GraphDouble;
  /** The test CA (PEM) every HTTPS server here chains to, and its file for ZEGEL_CA_FILE. */
  caPem: string;
  caFile: string;
  /** Zegel's settings for this tenant: sign-in, the msal-node client (certificate) and Graph. */
  env(overrides?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

/**
 * Entra ID and Microsoft Graph on loopback, over HTTPS under a test CA: oidc-provider as the
 * authority (with the On-Behalf-Of grant) and the Graph stand-in, each trusting the other as the
 * real services do. Zegel's client certificate is registered with the provider as its key.
 */
export async function startM365Lab(): Promise<M365Lab> {
  const dir = mkdtempSync(join(tmpdir(), 'zegel-m365-'));
  const ca = createLabCa(join(dir, 'ca'));
  const server = ca.issue('servers', { names: ['127.0.0.1', 'localhost'] });
  const client = ca.issue('zegel-client', {
    names: ['zegel-api'],
    key: 'rsa2048',
    selfSigned: true,
  });
  const clientJwk = {
    ...(createPublicKey(client.key).export({ format: 'jwk' }) as JWK),
    use: 'sig',
  };
  const tls = { key: server.key, cert: server.chain, ca: ca.rootPem };
  let graph: GraphDouble | undefined;
  let provider: TestOidcProvider | undefined;
  try {
    graph = await startGraph(tls);
    const graphOrigin = graph.origin;
    provider = await startOidcProvider(generateProviderKeys(), {
      https: tls,
      m365: {
        tenant: M365_TENANT,
        clientJwks: { keys: [clientJwk] },
        // The second is Graph under a name Zegel may be misconfigured with: another audience.
        graphResources: [graphOrigin, graphOrigin.replace('127.0.0.1', 'localhost')],
        delegated: DELEGATED,
      },
    });
    graph.trust(provider.issuer);
  } catch (error) {
    await Promise.allSettled([graph?.close(), provider?.stop()]);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const started = { graph, provider };
  return {
    ...started,
    caPem: ca.rootPem,
    caFile: ca.rootFile,
    env: (overrides = {}) => ({
      ZEGEL_AUTH_MODE: 'oidc',
      ZEGEL_OIDC_ISSUER: started.provider.issuer,
      ZEGEL_OIDC_AUDIENCE: 'api://zegel',
      ZEGEL_CA_FILE: ca.rootFile,
      ZEGEL_M365_TENANT_ID: M365_TENANT,
      ZEGEL_M365_CLIENT_ID: 'zegel-api',
      ZEGEL_M365_CLIENT_CERT_FILE: client.certFile,
      ZEGEL_M365_CLIENT_KEY_FILE: client.keyFile,
      ZEGEL_M365_AUTHORITY_HOST: new URL(started.provider.issuer).origin,
      ZEGEL_GRAPH_URL: started.graph.url,
      ...overrides,
    }),
    close: async () => {
      await Promise.allSettled([started.graph.close(), started.provider.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
