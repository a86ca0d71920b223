import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Agent, request } from 'node:https';
import { rootCertificates } from 'node:tls';

/**
 * The HTTPS agent for the identity provider, the Microsoft 365 authority and Graph: the system
 * roots plus ZEGEL_CA_FILE, TLS 1.2 or newer, certificates always verified. Node's own https module
 * rather than fetch, because the global fetch cannot take extra roots and because Graph's MIME
 * answers are streamed straight into the vault with back-pressure.
 */
export function trustingAgent(caFile?: string): Agent {
  return new Agent({
    keepAlive: true,
    minVersion: 'TLSv1.2',
    rejectUnauthorized: true,
    ...(caFile ? { ca: [...rootCertificates, readFileSync(caFile, 'utf8')] } : {}),
  });
}

export interface HttpsRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Time without any byte moving before the request is aborted. */
  idleTimeoutMs?: number;
}

/** Sends one request over https only; resolves with the response once its headers are in. */
export function httpsRequest(
  agent: Agent,
  url: string,
  options: HttpsRequest = {},
): Promise<IncomingMessage> {
  const target = new URL(url);
  if (target.protocol !== 'https:') return Promise.reject(new Error(`${url} is not https`));
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        agent,
        method: options.method ?? 'GET',
        headers: {
          ...(options.body !== undefined
            ? { 'Content-Length': String(Buffer.byteLength(options.body)) }
            : {}),
          ...options.headers,
        },
        timeout: options.idleTimeoutMs ?? 60_000,
      },
      resolve,
    );
    req.on('timeout', () => req.destroy(new Error(`${target.origin} did not answer in time`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Reads a whole (small) answer; bounded, so a misbehaving server cannot fill the memory. */
export async function readText(response: IncomingMessage, maxBytes = 4 * 1024 * 1024) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      response.destroy();
      throw new Error(`answer larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined if absent or unreadable. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()) {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\s*\d+\s*$/.test(text)) return Number(text) * 1000;
  // An HTTP date names the weekday and month; Date.parse alone would take "-5" for a year.
  const date = /^[A-Za-z]{3}, /.test(text.trim()) ? Date.parse(text) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
