/**
 * A local HTTPS stand-in for Microsoft Graph v1.0 that implements only the endpoints Zegel calls,
 * following Microsoft's documented contract for each (Microsoft Graph REST API v1.0 reference):
 *
 * - `GET /me/messages/{id}` with `$select` ("Get message"): the draft's recipients and isDraft.
 * - `GET /me/messages/{id}/attachments` ("List attachments"): fileAttachment, itemAttachment and
 *   referenceAttachment items, paged with `@odata.nextLink` (here two items a page).
 * - `GET /me/messages/{id}/$value` ("Get MIME content of a message"): the MIME, streamed.
 * - `GET /shares/{shareId}/driveItem` and `…/driveItem/content` ("Access shared items", "Download
 *   a file"): the share id is `u!` + the sharing URL in unpadded base64url; content answers 302
 *   with a pre-authenticated download URL that needs no token.
 * - `POST /users/{id|userPrincipalName}/sendMail` ("Send mail", MIME format): the body is the MIME
 *   base64-encoded with `Content-Type: text/plain`; 202 Accepted.
 *
 * As Graph does, it checks every bearer token with jose against the issuer's published keys:
 * signature, issuer, expiry, and audience (401 InvalidAuthenticationToken when the token is meant
 * for another resource), then the permissions: delegated `scp` (Mail.Read/Mail.ReadWrite,
 * Files.Read.All) on /me and /shares, the application role Mail.Send on sendMail (403 otherwise;
 * this models the permission granted in Entra ID; with Exchange's RBAC for Applications the same
 * check happens inside Exchange instead) and only for mailboxes it knows.
 * A user reaches only their own mailbox and the files shared with them. Throttling can be switched
 * on per route: 429 Too Many Requests with Retry-After, as Graph's throttling guidance describes.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** File content made on demand: deterministic, incompressible, never held whole in memory. */
export interface GraphContent {
  name: string;
  contentType: string;
  size: number;
  /** A fresh stream of the same bytes on every call. */
  open(): Readable;
  /** A picture shown in the body (`cid:`): inline, with this Content-ID. */
  contentId?: string;
}

export interface GraphDraft {
  id: string;
  /** The mailbox owner's address (the token's preferred_username). */
  owner: string;
  subject: string;
  html: string;
  headers?: Record<string, string>;
  to: string[];
  cc?: string[];
  bcc?: string[];
  attachments: GraphContent[];
  /** Reference attachments (OneDrive/SharePoint links): not in the MIME. */
  cloud?: { name: string; url: string }[];
  isDraft?: boolean;
}

export interface DriveFile extends GraphContent {
  /** The sharing URL Outlook puts in the reference attachment. */
  url: string;
  /** Addresses that may read it. */
  readers: string[];
}

export interface GraphRequest {
  method: string;
  path: string;
  status: number;
  at: number;
}

export interface SentMail {
  mailbox: string;
  mime: Buffer;
  at: number;
}

export interface GraphDouble {
  /** e.g. https://127.0.0.1:port/v1.0 */
  url: string;
  origin: string;
  requests: GraphRequest[];
  sent: SentMail[];
  /** Accept tokens of this issuer, whose keys are at `<issuer>/jwks`. */
  trust(issuer: string): void;
  addDraft(draft: GraphDraft): void;
  addDriveFile(file: DriveFile): void;
  /** Mailboxes an app with Mail.Send may send from. */
  addMailbox(address: string): void;
  /** The next `times` requests matching answer 429 with Retry-After: `seconds`. */
  throttle(method: string, path: RegExp, seconds: number, times?: number): void;
  close(): Promise<void>;
}

/** `size` bytes of AES-CTR keystream from `seed`: the same bytes each time, made as they are read. */
export function generatedContent(
  name: string,
  contentType: string,
  size: number,
  seed: string,
): GraphContent {
  const key = createHash('sha256').update(seed).digest();
  return {
    name,
    contentType,
    size,
    open() {
      const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
      const zeros = Buffer.alloc(256 * 1024);
      let left = size;
      return new Readable({
        read() {
          if (left <= 0) return void this.push(null);
          const n = Math.min(left, zeros.length);
          left -= n;
          this.push(cipher.update(zeros.subarray(0, n)));
        },
      });
    },
  };
}

export function bufferContent(name: string, contentType: string, data: Buffer): GraphContent {
  return { name, contentType, size: data.length, open: () => Readable.from([data]) };
}

/** Base64 in 76-character lines, across chunk boundaries, as it streams. */
async function* base64Lines(source: Readable): AsyncGenerator<Buffer> {
  let rest = Buffer.alloc(0);
  for await (const chunk of source) {
    const data = Buffer.concat([rest, chunk as Buffer]);
    const whole = data.length - (data.length % 57);
    const lines: string[] = [];
    for (let i = 0; i < whole; i += 57) lines.push(data.subarray(i, i + 57).toString('base64'));
    if (lines.length) yield Buffer.from(`${lines.join('\r\n')}\r\n`);
    rest = data.subarray(whole);
  }
  if (rest.length) yield Buffer.from(`${rest.toString('base64')}\r\n`);
}

const encodeWord = (text: string) => `=?utf-8?B?${Buffer.from(text).toString('base64')}?=`;

/** The draft as Exchange exports it: multipart/mixed, the HTML body, then each attachment. */
async function* mime(draft: GraphDraft): AsyncGenerator<Buffer> {
  const boundary = `----=_Part_${randomBytes(8).toString('hex')}`;
  const head = [
    `From: ${draft.owner}`,
    `To: ${draft.to.join(', ')}`,
    ...(draft.cc?.length ? [`Cc: ${draft.cc.join(', ')}`] : []),
    ...(draft.bcc?.length ? [`Bcc: ${draft.bcc.join(', ')}`] : []),
    `Subject: ${encodeWord(draft.subject)}`,
    ...Object.entries(draft.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    '',
  ];
  yield Buffer.from(head.join('\r\n'));
  yield* base64Lines(Readable.from([Buffer.from(draft.html)]));
  for (const a of draft.attachments) {
    const name = encodeWord(a.name);
    yield Buffer.from(
      [
        `--${boundary}`,
        `Content-Type: ${a.contentType}; name="${name}"`,
        ...(a.contentId
          ? [`Content-ID: <${a.contentId}>`, `Content-Disposition: inline; filename="${name}"`]
          : [`Content-Disposition: attachment; filename="${name}"`]),
        'Content-Transfer-Encoding: base64',
        '',
        '',
      ].join('\r\n'),
    );
    yield* base64Lines(a.open());
  }
  yield Buffer.from(`--${boundary}--\r\n`);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const graphError = (res: ServerResponse, status: number, code: string, message: string) =>
  sendJson(res, status, { error: { code, message } });

const words = (value: unknown) => (typeof value === 'string' ? value.split(' ') : []);

export async function startGraph(tls: {
  key: string;
  cert: string;
  ca: string;
}): Promise<GraphDouble> {
  const drafts = new Map<string, GraphDraft>();
  const files = new Map<string, DriveFile>();
  const mailboxes = new Set<string>();
  const downloads = new Map<string, DriveFile>();
  const throttles: { method: string; path: RegExp; seconds: number; times: number }[] = [];
  const requests: GraphRequest[] = [];
  const sent: SentMail[] = [];
  let issuer = '';
  let keys: JWTVerifyGetKey | undefined;
  const agent = new Agent({ ca: tls.ca });

  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const at = Date.now();
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    res.on('finish', () =>
      requests.push({ method: req.method ?? '', path, status: res.statusCode, at }),
    );
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) graphError(res, 500, 'generalException', String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** The token's claims, or an answer already sent (401) and undefined. */
  async function authorize(req: IncomingMessage, res: ServerResponse) {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !keys) {
      graphError(res, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
      return undefined;
    }
    // The audience a token is for is the resource it was asked for: this server's origin, as
    // https://graph.microsoft.com is Graph's.
    try {
      const { payload } = await jwtVerify(token, keys, { issuer, audience: origin });
      return payload;
    } catch (error) {
      const code =
        (error as { code?: string; claim?: string }).claim === 'aud'
          ? 'Invalid audience.'
          : 'Access token validation failure.';
      res.setHeader('WWW-Authenticate', 'Bearer realm="", error="invalid_token"');
      graphError(res, 401, 'InvalidAuthenticationToken', code);
      return undefined;
    }
  }

  function throttled(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    const rule = throttles.find((t) => t.times > 0 && t.method === req.method && t.path.test(path));
    if (!rule) return false;
    rule.times--;
    sendJson(
      res,
      429,
      { error: { code: 'TooManyRequests', message: 'Too many requests; retry after the delay.' } },
      { 'Retry-After': String(rule.seconds) },
    );
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    const download = /^\/_download\/([0-9a-f]+)$/.exec(path);
    if (download) {
      const file = downloads.get(download[1]);
      downloads.delete(download[1]);
      if (!file) return graphError(res, 404, 'itemNotFound', 'The download URL has expired.');
      res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': String(file.size) });
      file.open().pipe(res);
      return;
    }
    if (!path.startsWith('/v1.0/')) return graphError(res, 404, 'BadRequest', 'Unknown version.');
    const route = decodeURIComponent(path.slice('/v1.0'.length));
    const claims = await authorize(req, res);
    if (!claims) return;
    if (throttled(req, res, route)) return;
    const user = String(claims.preferred_username ?? '').toLowerCase();
    const scopes = words(claims.scp);
    const roles = Array.isArray(claims.roles) ? (claims.roles as string[]) : [];

    const send = /^\/users\/([^/]+)\/sendMail$/.exec(route);
    if (send && req.method === 'POST')
      return sendMail(req, res, send[1].toLowerCase(), claims, roles);

    if (route.startsWith('/me/')) {
      if (!user || !scopes.some((s) => s === 'Mail.Read' || s === 'Mail.ReadWrite'))
        return graphError(
          res,
          403,
          'ErrorAccessDenied',
          'Access is denied. Check credentials and try again.',
        );
      const match = /^\/me\/messages\/([^/]+)(\/attachments|\/\$value)?$/.exec(route);
      const draft = match ? drafts.get(match[1]) : undefined;
      if (!match || !draft || draft.owner.toLowerCase() !== user)
        return graphError(
          res,
          404,
          'ErrorItemNotFound',
          'The specified object was not found in the store.',
        );
      if (match[2] === '/$value') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        Readable.from(mime(draft)).pipe(res);
        return;
      }
      if (match[2] === '/attachments') return listAttachments(res, url, draft);
      const address = (a: string) => ({ emailAddress: { address: a, name: a } });
      return sendJson(res, 200, {
        id: draft.id,
        subject: draft.subject,
        isDraft: draft.isDraft ?? true,
        toRecipients: draft.to.map(address),
        ccRecipients: (draft.cc ?? []).map(address),
        bccRecipients: (draft.bcc ?? []).map(address),
      });
    }

    const share = /^\/shares\/([^/]+)\/driveItem(\/content)?$/.exec(route);
    if (share) {
      if (
        !scopes.some((s) => ['Files.Read.All', 'Files.ReadWrite.All', 'Sites.Read.All'].includes(s))
      )
        return graphError(res, 403, 'accessDenied', 'Access denied');
      const sharingUrl = share[1].startsWith('u!')
        ? Buffer.from(share[1].slice(2), 'base64url').toString('utf8')
        : '';
      const file = files.get(sharingUrl);
      if (!file)
        return graphError(
          res,
          404,
          'itemNotFound',
          'The sharing link no longer exists, or you do not have permission to access it.',
        );
      if (!file.readers.includes(user))
        return graphError(res, 403, 'accessDenied', 'Access denied');
      if (share[2]) {
        const id = randomBytes(16).toString('hex');
        downloads.set(id, file);
        res.writeHead(302, { Location: `${origin}/_download/${id}` }).end();
        return;
      }
      return sendJson(res, 200, {
        id: createHash('sha1').update(file.url).digest('hex'),
        name: file.name,
        size: file.size,
        file: { mimeType: file.contentType },
      });
    }
    graphError(res, 400, 'BadRequest', `Resource not found for the segment '${route}'.`);
  }

  function listAttachments(res: ServerResponse, url: URL, draft: GraphDraft) {
    const all = [
      ...draft.attachments.map((a, i) => ({
        '@odata.type': '#microsoft.graph.fileAttachment',
        id: `att-${i}`,
        name: a.name,
        contentType: a.contentType,
        size: a.size,
        isInline: a.contentId !== undefined,
      })),
      ...(draft.cloud ?? []).map((c, i) => ({
        '@odata.type': '#microsoft.graph.referenceAttachment',
        id: `ref-${i}`,
        name: c.name,
        contentType: 'application/octet-stream',
        size: 0,
        isInline: false,
      })),
    ];
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    const page = all.slice(skip, skip + 2);
    const next = new URL(url.href);
    next.searchParams.set('$skiptoken', String(skip + 2));
    sendJson(res, 200, {
      '@odata.context': `${origin}/v1.0/$metadata#users('${draft.owner}')/messages('${draft.id}')/attachments`,
      value: page,
      ...(skip + 2 < all.length ? { '@odata.nextLink': next.href } : {}),
    });
  }

  async function sendMail(
    req: IncomingMessage,
    res: ServerResponse,
    mailbox: string,
    claims: JWTPayload,
    roles: string[],
  ) {
    if (claims.scp !== undefined || !roles.includes('Mail.Send'))
      return graphError(
        res,
        403,
        'ErrorAccessDenied',
        'Access is denied. Check credentials and try again.',
      );
    if (!mailboxes.has(mailbox))
      return graphError(
        res,
        404,
        'ErrorInvalidUser',
        `The requested user '${mailbox}' is invalid.`,
      );
    if (!String(req.headers['content-type'] ?? '').startsWith('text/plain'))
      return graphError(
        res,
        400,
        'ErrorMimeContentInvalid',
        'This stand-in implements the MIME form only.',
      );
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('ascii').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+=*$/.test(text))
      return graphError(
        res,
        400,
        'ErrorMimeContentInvalidBase64String',
        'Invalid base64 string for MIME content.',
      );
    sent.push({ mailbox, mime: Buffer.from(text, 'base64'), at: Date.now() });
    res.writeHead(202).end();
  }

  return {
    url: `${origin}/v1.0`,
    origin,
    requests,
    sent,
    trust(iss) {
      issuer = iss;
      keys = createRemoteJWKSet(new URL(`${iss}/jwks`), { agent });
    },
    addDraft: (draft) => drafts.set(draft.id, draft),
    addDriveFile: (file) => files.set(file.url, file),
    addMailbox: (address) => mailboxes.add(address.toLowerCase()),
    throttle: (method, path, seconds, times = 1) =>
      throttles.push({ method, path, seconds, times }),
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
