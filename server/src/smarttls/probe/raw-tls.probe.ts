import type { Socket } from 'node:net';
import { openStarttls, type StarttlsTarget } from './smtp-starttls';
import { parseServerFlight, type ServerFlight } from './raw-tls.util';

export type RawOutcome =
  | { kind: 'answer'; flight: Exclude<ServerFlight, { kind: 'incomplete' }> }
  /** The server closed the connection without a word: it did not accept what was offered. */
  | { kind: 'closed' }
  /** No answer (timeout, SMTP trouble): says nothing about the server's TLS. */
  | { kind: 'inconclusive'; problem: string };

/**
 * STARTTLS, then a hand-built ClientHello; reads the server's answer up to ServerHelloDone or an
 * alert and hangs up (no key exchange is ever completed).
 */
export async function rawHello(
  target: StarttlsTarget,
  hello: Buffer,
  timeoutMs: number,
): Promise<RawOutcome> {
  const plain = await openStarttls(target);
  if (plain.kind !== 'ready') {
    return { kind: 'inconclusive', problem: 'reply' in plain ? plain.reply : plain.problem };
  }
  return exchange(plain.socket, hello, timeoutMs);
}

function exchange(socket: Socket, hello: Buffer, timeoutMs: number): Promise<RawOutcome> {
  return new Promise((resolve) => {
    let data = Buffer.alloc(0);
    let settled = false;
    const finish = (outcome: RawOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      const flight = parseServerFlight(data);
      finish(
        flight.kind === 'hello'
          ? { kind: 'answer', flight: { ...flight, done: false } }
          : { kind: 'inconclusive', problem: `no complete answer within ${timeoutMs} ms` },
      );
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (data.length > 256 * 1024) {
        finish({ kind: 'inconclusive', problem: 'the answer is too large' });
        return;
      }
      const flight = parseServerFlight(data);
      if (flight.kind === 'incomplete') return;
      if (flight.kind === 'hello' && !flight.done) return;
      finish({ kind: 'answer', flight });
    });
    const closed = () => {
      const flight = parseServerFlight(data);
      finish(
        flight.kind === 'incomplete' || flight.kind === 'garbage'
          ? { kind: 'closed' }
          : { kind: 'answer', flight },
      );
    };
    socket.on('end', closed);
    socket.on('close', closed);
    socket.on('error', closed);
    socket.write(hello);
  });
}
