import { request as httpRequest } from 'node:http';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json<T = unknown>(): T;
  text(): string;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Source address on loopback (127.0.0.x) to act as another client. */
  localAddress?: string;
}

/** A plain HTTP client over node:http, so a test can choose its source address. */
export function http(url: string, options: HttpOptions = {}): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: options.localAddress,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: <T>() => JSON.parse(body.toString('utf8')) as T,
            text: () => body.toString('utf8'),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export const jsonRequest = (body: unknown, extra: HttpOptions = {}): HttpOptions => ({
  method: 'POST',
  ...extra,
  headers: { 'content-type': 'application/json', ...(extra.headers ?? {}) },
  body: JSON.stringify(body),
});

/** Serialises a FormData exactly as a browser would (boundary included). */
export async function multipart(
  form: FormData,
): Promise<{ headers: Record<string, string>; body: Buffer }> {
  const response = new Response(form);
  return {
    headers: { 'content-type': response.headers.get('content-type')! },
    body: Buffer.from(await response.arrayBuffer()),
  };
}

/** The session cookie from a Set-Cookie header, ready to send back. */
export function cookieFrom(res: HttpResponse): string {
  const set = res.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  if (!first)
    throw new Error(`no Set-Cookie in the response (${res.status}: ${res.text().slice(0, 300)})`);
  return first.split(';')[0];
}
