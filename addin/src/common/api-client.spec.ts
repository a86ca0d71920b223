/** @jest-environment node */
import { ApiError, toApiError } from './api-client';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

describe('toApiError', () => {
  it('reads the stable code, the correlation id and Retry-After in seconds', async () => {
    const error = await toApiError(
      json(
        429,
        { error: { code: 'PICKUP_BLOCKED', message: 'Blocked', correlationId: 'c-1' } },
        { 'Retry-After': '900' },
      ),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 429,
      code: 'PICKUP_BLOCKED',
      correlationId: 'c-1',
      retryAfterSeconds: 900,
    });
  });

  it('accepts Retry-After as an HTTP date', async () => {
    const date = new Date(Date.now() + 120_000).toUTCString();
    const error = await toApiError(json(503, {}, { 'Retry-After': date }));
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(118);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(120);
  });

  it('keeps only the status when the body is not an error body', async () => {
    const error = await toApiError(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(error).toMatchObject({ status: 502, code: undefined, correlationId: undefined });
    expect(error.message).toBe('HTTP 502');
  });
});
