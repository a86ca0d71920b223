import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { request } from 'node:https';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { JWK } from 'jose';

/** Client ids of auth-oidc-provider.mjs; each stands for one kind of access token. */
export type TestClient =
  | 'sender'
  | 'soc'
  | 'no-email'
  | 'short-lived'
  /** Another account carrying the sender's address. */
  | 'impostor'
  /** App-only (client credentials) with the Zegel.Soc role and no scp, as a SIEM gets from Entra. */
  | 'siem'
  /** App-only without any role. */
  | 'siem-no-role';

/** HTTPS and the Entra ID part for msal-node (see auth-oidc-provider.mjs). */
export interface ProviderOptions {
  https?: { key: string; cert: string; ca: string };
  /**
   * Interactive sign-in for the admin console (public client `zegel-admin`, PKCE, any loopback
   * port): login names `anne` (Zegel.Admin), `sam` (Zegel.Soc), `noor` (no role), any password.
   */
  console?: boolean;
  m365?: {
    tenant: string;
    /** Public JWKS of Zegel's client certificate (private_key_jwt client `zegel-api`). */
    clientJwks: { keys: JWK[] };
    /** Graph origins the provider issues `<origin>/.default` tokens for. */
    graphResources: string[];
    /** Delegated Graph permissions an On-Behalf-Of token carries (scp). */
    delegated: string;
  };
}

export interface TestOidcProvider {
  issuer: string;
  /** A JWT access token from the provider's token endpoint (client_credentials). */
  token(client: TestClient, request?: { resource?: string; scope?: string }): Promise<string>;
  stop(): Promise<void>;
}

/** A private RSA signing key set; pass the same set to two providers to get two issuers, one key. */
export function generateProviderKeys(kid = 'test-key'): { keys: JWK[] } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  return { keys: [{ ...jwk, kid, use: 'sig', alg: 'RS256' }] };
}

const SCRIPT = join(__dirname, 'auth-oidc-provider.mjs');
const START_TIMEOUT_MS = 20_000;

/**
 * Starts oidc-provider (ESM-only) in a child process on a free loopback port. The child exits
 * when its stdin closes, so it ends with this process even when a test run is interrupted.
 */
export async function startOidcProvider(
  jwks: { keys: JWK[] },
  options: ProviderOptions = {},
): Promise<TestOidcProvider> {
  const settings = {
    jwks,
    ...(options.https ? { https: { key: options.https.key, cert: options.https.cert } } : {}),
    ...(options.m365 ? { m365: options.m365 } : {}),
    ...(options.console ? { console: true } : {}),
  };
  const child = spawn(process.execPath, [SCRIPT], {
    env: { ...process.env, AUTH_TEST_PROVIDER: JSON.stringify(settings) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`oidc-provider did not start in time:\n${stderr}`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`oidc-provider exited with ${code} before it was ready:\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve((JSON.parse(line) as { issuer: string }).issuer);
      } catch {
        reject(new Error(`oidc-provider printed ${line} instead of its issuer`));
      }
    });
  });

  return {
    issuer,
    async token(client, { resource = 'api://zegel', scope = 'Zegel.Send' } = {}) {
      const { status, text } = await postForm(
        `${issuer}/token`,
        `Basic ${Buffer.from(`${client}:secret-${client}`).toString('base64')}`,
        new URLSearchParams({ grant_type: 'client_credentials', resource, scope }).toString(),
        options.https?.ca,
      );
      const body = JSON.parse(text) as { access_token?: string };
      if (status !== 200 || !body.access_token) {
        throw new Error(`token request failed: ${status} ${text}`);
      }
      return body.access_token;
    },
    stop: () => stopChild(child),
  };
}

/** A form post over fetch, or over https trusting the test CA (fetch cannot take a CA). */
async function postForm(
  url: string,
  authorization: string,
  body: string,
  ca?: string,
): Promise<{ status: number; text: string }> {
  const headers = {
    Authorization: authorization,
    'Content-Type': 'application/x-www-form-urlencoded',
  };
  if (!url.startsWith('https:')) {
    const response = await fetch(url, { method: 'POST', headers, body });
    return { status: response.status, text: await response.text() };
  }
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, ca }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin?.end();
  });
}
