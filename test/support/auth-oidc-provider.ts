import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { JWK } from 'jose';

/** Client ids of auth-oidc-provider.mjs; each stands for one kind of access token. */
export type TestClient = 'sender' | 'soc' | 'no-email' | 'short-lived' | 'impostor';

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
export async function startOidcProvider(jwks: { keys: JWK[] }): Promise<TestOidcProvider> {
  const child = spawn(process.execPath, [SCRIPT], {
    env: { ...process.env, AUTH_TEST_PROVIDER: JSON.stringify({ jwks }) },
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
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from(`${client}:secret-${client}`).toString('base64')}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope }),
      });
      const body = (await response.json()) as { access_token?: string };
      if (!response.ok || !body.access_token) {
        throw new Error(`token request failed: ${response.status} ${JSON.stringify(body)}`);
      }
      return body.access_token;
    },
    stop: () => stopChild(child),
  };
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
