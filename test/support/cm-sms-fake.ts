import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for CM.com's Business Messaging gateway on loopback over HTTPS. It follows the
 * documented contract of `POST /v1.0/message` (JSON, `messages.authentication.producttoken`,
 * `messages.msg[].{from,to[].number,body.content,reference}`; answer `{details, errorCode,
 * messages: [{to, status, reference, parts, messageDetails, messageErrorCode}]}`) and nothing
 * more. It checks the product token as CM does and can be told to fail the next requests.
 */
export interface CmFake {
  url: string;
  productToken: string;
  texts: { to: string; from: string; content: string; reference: string }[];
  /** Answer the next `n` requests with this HTTP status (and Retry-After for 429). */
  failNext(n: number, status: number): void;
  requests: number;
  close(): Promise<void>;
}

export async function startCmFake(tls: { certFile: string; keyFile: string }): Promise<CmFake> {
  const productToken = '6f1d5c1e-0a4b-4c7e-9d2f-3b8a1e5c7d90';
  let failures: { left: number; status: number } = { left: 0, status: 500 };
  const fake: Omit<CmFake, 'url' | 'close'> & { url?: string } = {
    productToken,
    texts: [],
    requests: 0,
    failNext: (n, status) => {
      failures = { left: n, status };
    },
  };
  const answer = (res: ServerResponse, status: number, body: unknown, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const server = createServer(
    { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) },
    (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        fake.requests++;
        if (req.method !== 'POST' || req.url !== '/v1.0/message')
          return answer(res, 404, { details: 'Not found', errorCode: 404 });
        if (failures.left > 0) {
          failures.left--;
          return answer(
            res,
            failures.status,
            { details: 'Try again later', errorCode: 999 },
            { 'retry-after': '1' },
          );
        }
        let body: {
          messages?: {
            authentication?: { producttoken?: string };
            msg?: {
              from: string;
              to: { number: string }[];
              body: { content: string };
              reference?: string;
            }[];
          };
        };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return answer(res, 400, { details: 'Invalid JSON', errorCode: 201 });
        }
        if (body.messages?.authentication?.producttoken !== productToken)
          return answer(res, 401, { details: 'Unknown or invalid product token', errorCode: 101 });
        const messages = (body.messages.msg ?? []).flatMap((m) =>
          m.to.map((to) => {
            fake.texts.push({
              to: to.number,
              from: m.from,
              content: m.body.content,
              reference: m.reference ?? '',
            });
            return {
              to: to.number,
              status: 'Accepted',
              reference: m.reference,
              parts: 1,
              messageDetails: null,
              messageErrorCode: 0,
            };
          }),
        );
        answer(res, 200, { details: 'Created 1 message(s)', errorCode: 0, messages });
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `https://localhost:${port}/v1.0/message`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as CmFake;
}
