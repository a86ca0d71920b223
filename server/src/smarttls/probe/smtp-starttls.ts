import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions, type TLSSocket } from 'node:tls';
import type { OutboundGuard } from '../../common/net/outbound-guard';
import { describeReply, offersStarttls, takeReplies, type SmtpReply } from './smtp-reply.util';

export interface SmtpTimeouts {
  connectMs: number;
  /** Servers may delay the greeting on purpose (greet-pause); allow for it. */
  greetingMs: number;
  commandMs: number;
  handshakeMs: number;
}

export const DEFAULT_TIMEOUTS: SmtpTimeouts = {
  connectMs: 10_000,
  greetingMs: 30_000,
  commandMs: 15_000,
  handshakeMs: 15_000,
};

export type StarttlsOutcome =
  | { kind: 'tls'; socket: TLSSocket }
  | { kind: 'not-offered'; reply: string }
  | { kind: 'temporary'; reply: string }
  | { kind: 'unreachable'; problem: string }
  /** The server refused this TLS handshake: the offered parameters are not supported. */
  | { kind: 'tls-refused'; problem: string }
  /** The outcome is unknown (timeout mid-dialogue, broken reply). */
  | { kind: 'inconclusive'; problem: string };

export interface StarttlsTarget {
  address: string;
  port: number;
  ehloName: string;
  timeouts: SmtpTimeouts;
  /** Checks the peer address once connected (SSRF). */
  guard?: OutboundGuard;
}

/** A line reader over a plain socket that hands out whole SMTP replies. */
class ReplyReader {
  private buffer = '';
  private queue: SmtpReply[] = [];
  private waiter?: {
    resolve: (r: SmtpReply) => void;
    reject: (e: Error) => void;
    timer: NodeJS.Timeout;
  };
  private failure?: Error;

  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData);
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  private onData = (chunk: Buffer) => {
    this.buffer += chunk.toString('latin1');
    try {
      const { replies, rest } = takeReplies(this.buffer);
      this.buffer = rest;
      this.queue.push(...replies);
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    this.deliver();
  };

  private fail(error: Error) {
    this.failure ??= error;
    if (this.waiter) {
      clearTimeout(this.waiter.timer);
      const { reject } = this.waiter;
      this.waiter = undefined;
      reject(this.failure);
    }
  }

  private deliver() {
    if (this.waiter && this.queue.length) {
      clearTimeout(this.waiter.timer);
      const { resolve } = this.waiter;
      this.waiter = undefined;
      resolve(this.queue.shift()!);
    }
  }

  next(timeoutMs: number, what: string): Promise<SmtpReply> {
    if (this.queue.length) return Promise.resolve(this.queue.shift()!);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = { resolve, reject, timer };
    });
  }

  /** Stops reading so the TLS layer can take the socket over. */
  detach(): boolean {
    this.socket.removeListener('data', this.onData);
    this.socket.removeAllListeners('error');
    this.socket.removeAllListeners('close');
    return this.buffer.length === 0 && this.queue.length === 0;
  }
}

function openSocket(target: StarttlsTarget): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: target.address, port: target.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no TCP connection within ${target.timeouts.connectMs} ms`));
    }, target.timeouts.connectMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export type PlainOutcome =
  | { kind: 'ready'; socket: Socket }
  | Exclude<StarttlsOutcome, { kind: 'tls' } | { kind: 'tls-refused' }>;

/**
 * Greeting, EHLO and STARTTLS up to the server's 220: the plain socket, ready for a TLS
 * handshake (Node's, or a hand-built ClientHello). A 4xx at any step is a temporary failure
 * (never "no STARTTLS"). The caller owns and must end the returned socket.
 */
export async function openStarttls(target: StarttlsTarget): Promise<PlainOutcome> {
  let socket: Socket;
  try {
    socket = await openSocket(target);
  } catch (error) {
    return { kind: 'unreachable', problem: (error as Error).message };
  }
  if (target.guard) {
    // The address really connected to, not only the one asked for.
    const peer = target.guard.checkSocket(socket);
    if (!peer.allowed) {
      socket.destroy();
      return { kind: 'unreachable', problem: peer.reason };
    }
  }
  const reader = new ReplyReader(socket);
  const { timeouts } = target;
  const step = async (command: string | null, timeoutMs: number, what: string) => {
    if (command) socket.write(`${command}\r\n`);
    return reader.next(timeoutMs, what);
  };
  const end = <T>(outcome: T): T => {
    socket.destroy();
    return outcome;
  };
  try {
    const greeting = await step(null, timeouts.greetingMs, 'greeting');
    if (greeting.code >= 400 && greeting.code < 500)
      return end({ kind: 'temporary', reply: describeReply(greeting) });
    if (greeting.code !== 220) return end({ kind: 'not-offered', reply: describeReply(greeting) });
    const ehlo = await step(`EHLO ${target.ehloName}`, timeouts.commandMs, 'EHLO reply');
    if (ehlo.code >= 400 && ehlo.code < 500)
      return end({ kind: 'temporary', reply: describeReply(ehlo) });
    if (ehlo.code !== 250 || !offersStarttls(ehlo)) {
      socket.write('QUIT\r\n');
      return end({ kind: 'not-offered', reply: describeReply(ehlo) });
    }
    const ready = await step('STARTTLS', timeouts.commandMs, 'STARTTLS reply');
    if (ready.code >= 400 && ready.code < 500)
      return end({ kind: 'temporary', reply: describeReply(ready) });
    if (ready.code !== 220) return end({ kind: 'not-offered', reply: describeReply(ready) });
    if (!reader.detach())
      return end({
        kind: 'inconclusive',
        problem: 'the server sent data before the TLS handshake',
      });
  } catch (error) {
    return end({ kind: 'inconclusive', problem: (error as Error).message });
  }
  return { kind: 'ready', socket };
}

/** STARTTLS, then the TLS handshake with the given options; the caller ends the TLS socket. */
export async function startTls(
  target: StarttlsTarget,
  tlsOptions: ConnectionOptions,
): Promise<StarttlsOutcome> {
  const plain = await openStarttls(target);
  if (plain.kind !== 'ready') return plain;
  return handshake(plain.socket, tlsOptions, target.timeouts.handshakeMs);
}

function handshake(
  socket: Socket,
  options: ConnectionOptions,
  timeoutMs: number,
): Promise<StarttlsOutcome> {
  return new Promise((resolve) => {
    let tlsSocket: TLSSocket;
    try {
      tlsSocket = connectTls({ ...options, socket, rejectUnauthorized: false });
    } catch (error) {
      // OpenSSL refused the options locally (e.g. an unknown group): nothing was asked of the server.
      socket.destroy();
      resolve({ kind: 'inconclusive', problem: (error as Error).message });
      return;
    }
    const timer = setTimeout(() => {
      tlsSocket.destroy();
      resolve({ kind: 'inconclusive', problem: `no TLS handshake within ${timeoutMs} ms` });
    }, timeoutMs);
    tlsSocket.once('secureConnect', () => {
      clearTimeout(timer);
      tlsSocket.removeAllListeners('error');
      tlsSocket.on('error', () => undefined);
      resolve({ kind: 'tls', socket: tlsSocket });
    });
    tlsSocket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      tlsSocket.destroy();
      // Errors raised by the client before anything was sent say nothing about the server.
      const local =
        error.code === 'ERR_SSL_NO_SUITABLE_GROUPS' ||
        error.code === 'ERR_SSL_NO_CIPHERS_AVAILABLE';
      resolve({
        kind: local ? 'inconclusive' : 'tls-refused',
        problem: error.message.split('\n')[0],
      });
    });
  });
}

/** Ends a probe session politely. */
export function closeTls(socket: TLSSocket): void {
  socket.end('QUIT\r\n');
  setTimeout(() => socket.destroy(), 1000).unref();
}
