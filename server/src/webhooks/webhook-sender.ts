import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { OutboundGuard } from '../common/net/outbound-guard';

export interface WebhookMessage {
  url: string;
  /** `webhook-id`: the same on every attempt of one delivery. */
  id: string;
  body: string;
  /**
   * `whsec_<base64>` secrets, the current one first; during a rotation's grace period also the old
   * one, and the receiver accepts the delivery when any signature matches its secret.
   */
  secrets: string[];
}

export interface WebhookSendSettings {
  guard: OutboundGuard;
  /** Resolves a host name to its addresses, once per attempt. */
  resolve: (host: string) => Promise<string[]>;
  /** Trusted CAs (Node's roots plus ZEGEL_CA_FILE); Node's roots when absent. */
  ca?: string[];
  /** For the whole attempt: connecting, TLS, sending and the answer's status. */
  timeoutMs: number;
  /** Plain http is accepted in development only. */
  allowHttp: boolean;
  now?: () => Date;
}

export type WebhookOutcome =
  | { ok: true; status: number; address: string }
  | {
      ok: false;
      status: number | null;
      error: string;
      /** From Retry-After on 429/503. */
      retryAfterMs?: number;
      /** A problem retrying cannot mend (a URL that is no longer acceptable). */
      permanent?: boolean;
    };

/** The three Standard Webhooks headers for one attempt. */
export function signedHeaders(message: WebhookMessage, at: Date): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(timestamp),
    // Standard Webhooks: several signatures, separated by spaces (for secret rotation).
    'webhook-signature': message.secrets
      .map((secret) => new Webhook(secret).sign(message.id, at, message.body))
      .join(' '),
  };
}

/**
 * Resolves the host once, checks every answer with the outbound guard, and connects to the checked
 * address itself (SNI and Host still name the host, so the certificate is checked against the
 * name): a second DNS answer can never switch the target. Redirects are reported, not followed.
 * Written on node:https rather than fetch because fetch cannot pin the connected address.
 */
export async function sendWebhook(
  message: WebhookMessage,
  settings: WebhookSendSettings,
): Promise<WebhookOutcome> {
  let url: URL;
  try {
    url = new URL(message.url);
  } catch {
    return { ok: false, status: null, error: 'the URL is not valid', permanent: true };
  }
  const secure = url.protocol === 'https:';
  if (!secure && !(url.protocol === 'http:' && settings.allowHttp)) {
    return {
      ok: false,
      status: null,
      error: 'webhooks are sent over https only (http is allowed in development mode)',
      permanent: true,
    };
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let address: string;
  try {
    address = await pin(host, settings);
  } catch (error) {
    return { ok: false, status: null, error: (error as Error).message };
  }
  const port = Number(url.port) || (secure ? 443 : 80);
  const headers = {
    host: url.host,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(message.body)),
    'user-agent': 'Zegel-Webhooks/1',
    ...signedHeaders(message, (settings.now ?? (() => new Date()))()),
  };
  const options = {
    host: address,
    port,
    path: `${url.pathname}${url.search}`,
    method: 'POST',
    headers,
    agent: false as const,
    ...(secure
      ? {
          // SNI and the certificate check use the name; an IP literal has no SNI (RFC 6066 §3).
          servername: isIP(host) ? '' : host,
          rejectUnauthorized: true,
          ...(settings.ca ? { ca: settings.ca } : {}),
        }
      : {}),
  };
  return new Promise<WebhookOutcome>((resolve) => {
    const req = (secure ? httpsRequest : httpRequest)(options, (res) => {
      res.resume();
      clearTimeout(timer);
      resolve(outcomeOf(res, address));
    });
    const timer = setTimeout(
      () => req.destroy(new Error(`no answer within ${settings.timeoutMs} ms`)),
      settings.timeoutMs,
    );
    req.on('socket', (socket) =>
      socket.once('connect', () => {
        const check = settings.guard.checkSocket(socket);
        if (!check.allowed) req.destroy(new Error(check.reason));
      }),
    );
    req.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, status: null, error: `${url.host}: ${error.message}` });
    });
    req.end(message.body);
  });
}

async function pin(host: string, settings: WebhookSendSettings): Promise<string> {
  const addresses = isIP(host) ? [host] : await settings.resolve(host);
  if (!addresses.length) throw new Error(`${host} has no address`);
  const checks = addresses.map((a) => ({ address: a, check: settings.guard.check(a) }));
  const usable = checks.find((c) => c.check.allowed);
  if (usable) return usable.address;
  const refused = checks[0].check as { reason: string };
  throw new Error(`${host}: ${refused.reason}`);
}

function outcomeOf(res: IncomingMessage, address: string): WebhookOutcome {
  const status = res.statusCode ?? 0;
  if (status >= 200 && status < 300) return { ok: true, status, address };
  if (status >= 300 && status < 400) {
    const location = String(res.headers.location ?? '(no location)').slice(0, 300);
    return {
      ok: false,
      status,
      error: `answered HTTP ${status} to ${location}; webhooks do not follow redirects, set the final URL`,
    };
  }
  const retryAfterMs = status === 429 || status === 503 ? retryAfter(res) : undefined;
  return {
    ok: false,
    status,
    error: `answered HTTP ${status}`,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

/** Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3), capped at a day. */
function retryAfter(res: IncomingMessage): number | undefined {
  const value = res.headers['retry-after'];
  if (!value) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 86_400_000) : undefined;
}
