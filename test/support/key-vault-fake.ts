/**
 * A FAKE of Azure Key Vault, written from its documented REST contract (Key Vault "keys" API,
 * 7.x: https://learn.microsoft.com/rest/api/keyvault/keys), not Azure itself. It serves, over HTTPS
 * with a lab certificate, exactly what Zegel's AzureKeyVaultKeyStore calls through the official
 * SDK (@azure/keyvault-keys):
 *
 * - the authentication challenge: a request without a bearer token gets 401 with
 *   `WWW-Authenticate: Bearer authorization="…", resource="https://vault.test"`; the SDK then asks
 *   its credential for a token and repeats the request, which must carry that token;
 * - `POST /keys/{name}/create` (RSA or EC P-256), `GET /keys/{name}[/{version}]` (KeyBundle with the
 *   public JWK; 404 `KeyNotFound`), each create adding a version (32 hex digits);
 * - `POST /keys/{name}/{version}/wrapkey|unwrapkey` with RSA-OAEP-256, and `…/sign` with ES256
 *   over a SHA-256 digest (signature r ‖ s), base64url in `value`; a ciphertext that does not
 *   decrypt answers 400 `BadParameter`.
 *
 * What it does not model: Entra ID itself, RBAC, throttling (429), soft delete, HSM-backed key types.
 * Private keys stay in this fake's memory, as they stay in the vault.
 */
import { execFileSync } from 'node:child_process';
import {
  constants,
  generateKeyPairSync,
  type KeyObject,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { createLabCa } from './lab-ca';

export const FAKE_VAULT_HOST = 'zegel.vault.test';
const RESOURCE = 'https://vault.test';

interface Version {
  kty: 'RSA' | 'EC';
  privateKey: KeyObject;
  created: number;
}

export interface FakeKeyVault {
  url: string;
  /** An HTTPS agent that trusts the fake's CA and resolves its name to loopback. */
  agent: Agent;
  credential: TokenCredential;
  /** Versions per key name, newest last (what the vault holds). */
  versions(name: string): string[];
  /** Requests answered, as `METHOD path`, for assertions. */
  requests: string[];
  close(): Promise<void>;
}

const b64u = (data: Buffer) => data.toString('base64url');

export async function startFakeKeyVault(): Promise<FakeKeyVault> {
  const dir = mkdtempSync(join(tmpdir(), 'zegel-kv-fake-'));
  const ca = createLabCa(dir);
  const cert = ca.issue('vault', { names: [FAKE_VAULT_HOST] });
  const token = randomBytes(24).toString('base64url');
  const keys = new Map<string, Map<string, Version>>();
  const requests: string[] = [];
  let base = '';

  const bundle = (name: string, version: string, v: Version) => {
    const jwk = v.privateKey.export({ format: 'jwk' });
    return {
      key: {
        kid: `${base}/keys/${name}/${version}`,
        kty: v.kty,
        key_ops: v.kty === 'RSA' ? ['wrapKey', 'unwrapKey'] : ['sign', 'verify'],
        ...(v.kty === 'RSA' ? { n: jwk.n, e: jwk.e } : { crv: 'P-256', x: jwk.x, y: jwk.y }),
      },
      attributes: {
        enabled: true,
        created: Math.floor(v.created / 1000),
        updated: Math.floor(v.created / 1000),
        recoveryLevel: 'Recoverable+Purgeable',
      },
    };
  };

  const server: Server = createServer({ key: cert.key, cert: cert.chain }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(body === undefined ? '' : JSON.stringify(body));
      };
      const error = (status: number, code: string, message: string) =>
        reply(status, { error: { code, message } });
      const url = new URL(req.url ?? '/', base);
      requests.push(`${req.method} ${url.pathname}`);
      if (req.headers.authorization !== `Bearer ${token}`) {
        return reply(401, undefined, {
          'www-authenticate': `Bearer authorization="https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000", resource="${RESOURCE}"`,
        });
      }
      if (!url.searchParams.get('api-version'))
        return error(400, 'BadParameter', 'api-version missing');
      const body = chunks.length
        ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>)
        : {};
      const parts = url.pathname.split('/').filter(Boolean); // keys, name, [version|create], [op]
      if (parts[0] !== 'keys' || !parts[1]) return error(404, 'NotFound', 'no such route');
      const name = parts[1];
      const versions = keys.get(name);
      if (req.method === 'POST' && parts[2] === 'create') {
        const kty = body.kty === 'EC' ? 'EC' : 'RSA';
        const { privateKey } =
          kty === 'EC'
            ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
            : generateKeyPairSync('rsa', { modulusLength: Number(body.key_size ?? 2048) });
        const version = randomBytes(16).toString('hex');
        const v = { kty, privateKey, created: Date.now() } as Version;
        if (!versions) keys.set(name, new Map([[version, v]]));
        else versions.set(version, v);
        return reply(200, bundle(name, version, v));
      }
      if (!versions?.size)
        return error(
          404,
          'KeyNotFound',
          `A key with (name/id) ${name} was not found in this key vault.`,
        );
      const version = parts[2] ?? [...versions.keys()].at(-1)!;
      const v = versions.get(version);
      if (!v)
        return error(
          404,
          'KeyNotFound',
          `A key with (name/id) ${name}/${version} was not found in this key vault.`,
        );
      if (req.method === 'GET' && parts.length <= 3) return reply(200, bundle(name, version, v));
      const value = Buffer.from(String(body.value ?? ''), 'base64url');
      const kid = `${base}/keys/${name}/${version}`;
      const op = parts[3];
      if (req.method === 'POST' && (op === 'wrapkey' || op === 'unwrapkey')) {
        if (v.kty !== 'RSA' || body.alg !== 'RSA-OAEP-256')
          return error(400, 'BadParameter', 'unsupported algorithm');
        const oaep = {
          key: v.privateKey,
          padding: constants.RSA_PKCS1_OAEP_PADDING,
          oaepHash: 'sha256',
        };
        try {
          const out = op === 'wrapkey' ? publicEncrypt(oaep, value) : privateDecrypt(oaep, value);
          return reply(200, { kid, value: b64u(out) });
        } catch {
          return error(400, 'BadParameter', 'The parameter is incorrect.');
        }
      }
      if (req.method === 'POST' && op === 'sign') {
        if (v.kty !== 'EC' || body.alg !== 'ES256' || value.length !== 32) {
          return error(400, 'BadParameter', 'ES256 needs an EC key and a 32-byte digest');
        }
        const signature = signDigest(v.privateKey, value);
        return reply(200, { kid, value: b64u(signature) });
      }
      return error(404, 'NotFound', 'no such route');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  base = `https://${FAKE_VAULT_HOST}:${port}`;
  const lookup: LookupFunction = (hostname, options, callback) => {
    if (hostname === FAKE_VAULT_HOST) {
      if ((options as { all?: boolean }).all) {
        return (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
          { address: '127.0.0.1', family: 4 },
        ]);
      }
      return callback(null, '127.0.0.1', 4);
    }
    return dnsLookup(hostname, options, callback);
  };
  const agent = new Agent({ ca: ca.rootPem, lookup });
  const credential: TokenCredential = {
    getToken: (): Promise<AccessToken> =>
      Promise.resolve({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
  return {
    url: base,
    agent,
    credential,
    versions: (name) => [...(keys.get(name)?.keys() ?? [])],
    requests,
    close: async () => {
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * ECDSA P-256 over a given 32-byte digest, as the vault does. Node's crypto always hashes the input
 * for ECDSA, so this uses `openssl pkeyutl -sign`, which signs its input as the digest, and turns
 * the DER signature into r ‖ s.
 */
function signDigest(privateKey: KeyObject, digest: Buffer): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'zegel-kv-sign-'));
  try {
    const keyFile = join(dir, 'key.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const der = execFileSync('openssl', ['pkeyutl', '-sign', '-inkey', keyFile], { input: digest });
    // SEQUENCE { INTEGER r, INTEGER s }, each integer left-padded or stripped to 32 bytes.
    let offset = 2;
    const int = () => {
      const length = der[offset + 1];
      const value = der.subarray(offset + 2, offset + 2 + length);
      offset += 2 + length;
      const trimmed = value[0] === 0 ? value.subarray(1) : value;
      return Buffer.concat([Buffer.alloc(32 - trimmed.length), trimmed]);
    };
    return Buffer.concat([int(), int()]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
