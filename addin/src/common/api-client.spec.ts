/** @jest-environment node */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, requestJson, setTokenSource, toApiError } from './api-client';

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

describe('the token source (the admin console signed in)', () => {
  let server: Server;
  let url = '';
  let calls = 0;
  beforeAll(async () => {
    // Answers with the Authorization header it got; refuses the token "stale" as a server would.
    server = createServer((req, res) => {
      calls += 1;
      const authorization = req.headers.authorization ?? null;
      const refused = authorization === 'Bearer stale';
      res.writeHead(refused ? 401 : 200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify(
          refused ? { error: { code: 'UNAUTHENTICATED', message: 'expired' } } : { authorization },
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/me`;
  });
  afterAll(() => {
    setTokenSource(null);
    server.close();
  });

  it('sends no Authorization header without a source, and the bearer token with one', async () => {
    setTokenSource(null);
    await expect(requestJson(url)).resolves.toEqual({ authorization: null });
    setTokenSource(() => Promise.resolve('abc.def.ghi'));
    await expect(requestJson(url)).resolves.toEqual({ authorization: 'Bearer abc.def.ghi' });
  });

  it('tells the console when the server refuses the token', async () => {
    const refused = jest.fn();
    setTokenSource(() => Promise.resolve('stale'), refused);
    await expect(requestJson(url)).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(refused).toHaveBeenCalledTimes(1);
  });

  it('turns a token that cannot be had into a 401 without calling the server', async () => {
    const refused = jest.fn();
    setTokenSource(() => Promise.reject(new Error('interaction_required')), refused);
    const before = calls;
    await expect(requestJson(url)).rejects.toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
      message: 'interaction_required',
    });
    expect(refused).toHaveBeenCalledTimes(1);
    expect(calls).toBe(before);
  });
});
