import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** The SNI name the client sent (false when none). */
  servername: string | false;
  remoteAddress: string | undefined;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  close(): Promise<void>;
}

/**
 * A real HTTPS webhook receiver on a loopback address, with a certificate from the test's own CA.
 * `answer` decides the response per request (n counts from 0); by default 204.
 */
export async function startWebhookReceiver(options: {
  address: string;
  host: string;
  key: string;
  cert: string;
  answer?: (n: number, res: ServerResponse) => void;
}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const open = new Set<import('node:net').Socket>();
  const server: Server = createServer({ key: options.key, cert: options.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const socket = req.socket as TLSSocket;
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        servername: (socket as TLSSocket & { servername?: string | false }).servername ?? false,
        remoteAddress: socket.remoteAddress,
      });
      if (options.answer) options.answer(received.length - 1, res);
      else res.writeHead(204).end();
    });
  });
  server.on('secureConnection', (s) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.address, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://${options.host}:${port}/hook`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Polls until `check` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
