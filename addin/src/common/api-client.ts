import type { ErrorBody, ErrorCode } from '@zegel/shared';

/** A failed API call: the HTTP status (0 when the server could not be reached) and the error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | undefined,
    message: string,
    readonly correlationId?: string,
    /** From Retry-After (seconds), on 429 and 503 answers. */
    readonly retryAfterSeconds?: number,
    /** Field-level problems of a VALIDATION_FAILED answer, by path (`name`, `conditions.header`). */
    readonly details: { path: string; message: string; code?: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as { error?: { code?: unknown } } | null)?.error;
  return typeof error === 'object' && error !== null && typeof error.code === 'string';
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.round((date - Date.now()) / 1000));
}

/** Turns a non-2xx response into an ApiError, reading the stable code from the JSON body. */
export async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page, an empty body): the status alone has to do.
  }
  if (isErrorBody(body)) {
    const { code, message, correlationId, details } = body.error;
    return new ApiError(response.status, code, message, correlationId, retryAfter, details ?? []);
  }
  return new ApiError(response.status, undefined, `HTTP ${response.status}`, undefined, retryAfter);
}

/** Gives the bearer token for API calls (the admin pages' sign-in); none in development mode. */
export type TokenSource = () => Promise<string | null>;
let tokenSource: TokenSource | null = null;
let onRefused: ((error: ApiError) => void) | null = null;

/**
 * Puts `Authorization: Bearer` on every call from here on. When no token can be had, or the
 * server answers 401 to the one sent, `refused` hears of it (the console then asks to sign in).
 */
export function setTokenSource(
  source: TokenSource | null,
  refused: ((error: ApiError) => void) | null = null,
): void {
  tokenSource = source;
  onRefused = source ? refused : null;
}

async function bearer(): Promise<string | null> {
  if (!tokenSource) return null;
  try {
    return await tokenSource();
  } catch (error) {
    const refused = new ApiError(
      401,
      'UNAUTHENTICATED',
      error instanceof Error ? error.message : String(error),
    );
    onRefused?.(refused);
    throw refused;
  }
}

async function send(url: string, init: RequestInit): Promise<Response> {
  const token = await bearer();
  let response: Response;
  try {
    const headers = new Headers(init.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    // The page's language (the switch sets <html lang>): field problems come back in it.
    const lang = typeof document === 'undefined' ? '' : document.documentElement.lang;
    if (lang && !headers.has('Accept-Language')) headers.set('Accept-Language', lang);
    response = await fetch(url, { credentials: 'same-origin', ...init, headers });
  } catch (error) {
    throw new ApiError(0, undefined, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && token) onRefused?.(error);
    throw error;
  }
  return response;
}

/**
 * Sends JSON, resolves with the parsed body (undefined for 204), rejects with an ApiError.
 * `ifMatch` names the version a change starts from (a stale one answers 409).
 */
export async function requestJson<T>(
  url: string,
  options: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: unknown; ifMatch?: number } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  const response = await send(url, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** GET a text document (the Exchange PowerShell). */
export async function requestText(url: string): Promise<string> {
  return (await send(url, { headers: { Accept: 'text/plain' } })).text();
}

/** POST multipart/form-data (the browser sets the boundary); resolves with the parsed JSON answer. */
export async function requestForm<T>(url: string, form: FormData): Promise<T> {
  const response = await send(url, {
    method: 'POST',
    headers: { Accept: 'application/json' },
    body: form,
  });
  return (await response.json()) as T;
}
