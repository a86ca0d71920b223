import { request } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { OutboundGuard } from '../../common/net/outbound-guard';
import type { MtaStsPolicy } from '../smarttls.types';
import { parseStsPolicy } from './mta-sts-policy.util';

export interface MtaStsFetchOptions {
  port: number;
  ca: string[];
  /** Resolves host names through the validating resolver, not the system one. */
  lookup: (host: string) => Promise<string[]>;
  /** Refuses loopback, private and reserved addresses (SSRF). */
  guard: OutboundGuard;
  timeoutMs: number;
}

const MAX_POLICY_BYTES = 64 * 1024;

/**
 * RFC 8461 section 3.3: GET https://mta-sts.<domain>/.well-known/mta-sts.txt with a PKIX-valid
 * certificate for that name, no redirects, text/plain, a bounded size.
 */
export function fetchMtaStsPolicy(
  domain: string,
  options: MtaStsFetchOptions,
): Promise<MtaStsPolicy | { problem: string }> {
  const host = `mta-sts.${domain}`;
  // Only addresses the outbound guard allows, each checked again by the agent's lookup.
  const lookup: LookupFunction = options.guard.lookup(options.lookup);
  return new Promise((resolve) => {
    const req = request(
      {
        host,
        port: options.port,
        path: '/.well-known/mta-sts.txt',
        method: 'GET',
        servername: host,
        ca: options.ca,
        rejectUnauthorized: true,
        lookup,
        headers: { accept: 'text/plain', 'cache-control': 'no-cache' },
        timeout: options.timeoutMs,
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          const redirect = res.statusCode && res.statusCode >= 300 && res.statusCode < 400;
          resolve({
            problem: `${host} answered HTTP ${res.statusCode}${redirect ? ' (redirects are not followed)' : ''}`,
          });
          return;
        }
        const type = String(res.headers['content-type'] ?? '');
        if (!/^text\/plain\b/i.test(type)) {
          res.resume();
          resolve({ problem: `the policy is served as "${type}", not text/plain` });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_POLICY_BYTES) {
            req.destroy();
            resolve({ problem: `the policy is larger than ${MAX_POLICY_BYTES} bytes` });
          } else chunks.push(chunk);
        });
        res.on('end', () => resolve(parseStsPolicy(Buffer.concat(chunks).toString('utf8'))));
        res.on('error', (error) => resolve({ problem: error.message }));
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`no policy from ${host} within ${options.timeoutMs} ms`)),
    );
    req.on('error', (error) =>
      resolve({ problem: `fetching the policy from ${host} failed: ${error.message}` }),
    );
    req.end();
  });
}
