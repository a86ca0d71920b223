import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { PinoLogger } from 'nestjs-pino';
import { storage } from 'nestjs-pino/storage';
import { pino } from 'pino';
import { serializeRequest } from './logging';
import { accessLogLevel, requestLog } from './request-log';

interface Line {
  level: number;
  msg: string;
  req?: { id: string; url: string };
  res?: { statusCode: number };
  responseTime?: number;
  note?: string;
}

/** A real HTTP server behind the request log, writing its lines into `lines`. */
async function serve(level: string, handler: Parameters<typeof createServer>[1]) {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const root = pino({ level, serializers: { req: serializeRequest } }, sink);
  const log = requestLog(root);
  const server = createServer((req, res) => log(req, res, () => handler!(req, res)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, lines, root, port: (server.address() as AddressInfo).port };
}

function get(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; id: string | undefined }>((resolve, reject) => {
    request({ port, host: '127.0.0.1', path, headers }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({ status: res.statusCode!, id: res.headers['x-correlation-id'] as string }),
      );
    })
      .on('error', reject)
      .end();
  });
}

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('requestLog', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('writes one line per finished request, at the level its status calls for, with its id', async () => {
    const s = await serve('info', (req, res) => {
      res.statusCode = req.url === '/missing' ? 404 : req.url === '/broken' ? 500 : 200;
      res.end('ok');
    });
    server = s.server;
    const ok = await get(s.port, '/p/AAAAAAAAAAAAAAAAAAAAAA');
    await get(s.port, '/missing', { 'x-correlation-id': 'caller-chosen-id' });
    await get(s.port, '/broken');
    await settle();
    expect(s.lines.map((l) => [l.level, l.res?.statusCode, l.msg])).toEqual([
      [30, 200, 'request completed'],
      [40, 404, 'request completed'],
      [50, 500, 'request completed'],
    ]);
    expect(s.lines[0].req).toMatchObject({ id: ok.id, url: '/p/:token' });
    expect(s.lines[1].req?.id).toBe('caller-chosen-id');
    expect(typeof s.lines[0].responseTime).toBe('number');
  });

  it('logs nothing for health probes and metric scrapes, nor below its level', async () => {
    const s = await serve('warn', (_req, res) => res.end('ok'));
    server = s.server;
    await get(s.port, '/health');
    await get(s.port, '/api/v1/anything');
    await settle();
    expect(s.lines).toEqual([]);
  });

  it('builds no request logger for a request during which nothing is logged', async () => {
    const s = await serve('warn', (_req, res) => res.end('ok'));
    server = s.server;
    const child = jest.spyOn(s.root, 'child');
    await get(s.port, '/api/v1/anything');
    await settle();
    expect(child).not.toHaveBeenCalled();
  });

  it('gives what Nest logs inside the request the request id, and keeps what assign adds', async () => {
    const nest = new PinoLogger({ pinoHttp: {} });
    const s = await serve('info', (_req, res) => {
      expect(storage.getStore()).toBeDefined();
      nest.assign({ note: 'assigned' });
      nest.warn('inside');
      res.end('ok');
    });
    server = s.server;
    const { id } = await get(s.port, '/api/v1/anything');
    await settle();
    const inside = s.lines.find((l) => l.msg === 'inside');
    expect(inside).toMatchObject({ level: 40, note: 'assigned', req: { id } });
    expect(s.lines.find((l) => l.msg === 'request completed')?.note).toBe('assigned');
  });

  it('says so when the client went away before the answer', async () => {
    const s = await serve('info', () => {
      // Never answers; the client gives up.
    });
    server = s.server;
    await new Promise<void>((resolve) => {
      const req = request({ port: s.port, host: '127.0.0.1', path: '/slow' });
      req.on('error', () => resolve());
      req.end();
      setTimeout(() => req.destroy(), 50);
    });
    for (let i = 0; i < 40 && s.lines.length === 0; i++) await settle();
    expect(s.lines.map((l) => l.msg)).toEqual(['request aborted']);
  });
});

describe('accessLogLevel', () => {
  it.each([
    [200, 'info'],
    [302, 'info'],
    [400, 'warn'],
    [499, 'warn'],
    [500, 'error'],
    [503, 'error'],
  ] as const)('%i → %s', (status, level) => expect(accessLogLevel(status)).toBe(level));
});
