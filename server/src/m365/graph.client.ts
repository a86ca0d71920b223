import type { IncomingMessage } from 'node:http';
import type { Agent } from 'node:https';
import { httpsRequest, readText, retryAfterMs } from '../common/https.util';

/** Graph answered with an error status; `code` is Graph's error code (e.g. ErrorAccessDenied). */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** From Retry-After on 429 and 503. */
    readonly retryAfterMs?: number,
  ) {
    super(`Microsoft Graph answered ${status} ${code}: ${message}`);
    this.name = 'GraphError';
  }

  get throttled(): boolean {
    return this.status === 429 || this.status === 503;
  }
}

const MAX_REDIRECTS = 3;

/**
 * Microsoft Graph over HTTPS with a bearer token: JSON reads (following @odata.nextLink), streamed
 * downloads (following Graph's 302 to a pre-authenticated download URL, without the token), and
 * posts. Every error status becomes a GraphError; throttling carries Retry-After.
 */
export class GraphClient {
  readonly origin: string;

  constructor(
    private readonly agent: Agent,
    /** e.g. https://graph.microsoft.com/v1.0 */
    readonly baseUrl: string,
  ) {
    this.origin = new URL(baseUrl).origin;
  }

  /** The scope that asks the authority for a Graph token with every granted permission. */
  get defaultScope(): string {
    return `${this.origin}/.default`;
  }

  async json<T>(path: string, token: string): Promise<T> {
    const response = await this.send(this.url(path), token);
    return JSON.parse(await readText(response)) as T;
  }

  /** Every item of a collection, page by page; a nextLink must stay on Graph's origin. */
  async all<T>(path: string, token: string, maxItems = 1000): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = this.url(path);
    while (next) {
      const page: { value?: T[]; '@odata.nextLink'?: string } = JSON.parse(
        await readText(await this.send(next, token)),
      );
      items.push(...(page.value ?? []));
      if (items.length > maxItems) throw new Error(`more than ${maxItems} items at ${path}`);
      next = page['@odata.nextLink'];
      if (next && new URL(next).origin !== this.origin)
        throw new Error('Graph named a next page on another host');
    }
    return items;
  }

  /** The body as a stream, e.g. a message's MIME or a file's content. The caller consumes it. */
  async stream(path: string, token: string): Promise<IncomingMessage> {
    let response = await this.send(this.url(path), token, { redirects: true });
    for (let hop = 0; isRedirect(response.statusCode); hop++) {
      const location = response.headers.location;
      response.resume();
      if (!location || hop >= MAX_REDIRECTS) throw new Error('Graph redirected without end');
      const target = new URL(location, this.url(path));
      // The download URL is pre-authenticated: Graph's token must not travel to it.
      if (target.protocol !== 'https:') throw new Error('Graph redirected to a non-https URL');
      response = await this.send(target.href, undefined, { redirects: true });
    }
    return response;
  }

  async post(path: string, token: string, body: string, contentType: string): Promise<void> {
    const response = await this.send(this.url(path), token, {
      method: 'POST',
      body,
      contentType,
    });
    response.resume();
  }

  private url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  private async send(
    url: string,
    token: string | undefined,
    options: {
      method?: 'GET' | 'POST';
      body?: string;
      contentType?: string;
      redirects?: boolean;
    } = {},
  ): Promise<IncomingMessage> {
    const response = await httpsRequest(this.agent, url, {
      method: options.method ?? 'GET',
      headers: {
        Accept: 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(options.contentType ? { 'Content-Type': options.contentType } : {}),
      },
      body: options.body,
    });
    const status = response.statusCode ?? 0;
    if (status < 300 || (options.redirects && isRedirect(status))) return response;
    const text = await readText(response, 64 * 1024).catch(() => '');
    let code = 'unknown';
    let message = text.slice(0, 200);
    try {
      const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
      code = body.error?.code ?? code;
      message = body.error?.message ?? message;
    } catch {
      // not JSON: keep the text
    }
    throw new GraphError(status, code, message, retryAfterMs(response.headers['retry-after']));
  }
}

function isRedirect(status: number | undefined): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}
