import { X509Certificate } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { DEFAULT_OUTBOUND_GUARD, type OutboundGuard } from '../common/net/outbound-guard';
import type { HostRequirement } from '../smarttls/smarttls.types';
import { UNRELATED_CA_PEM } from '../smarttls/probe/unrelated-ca.util';
import { classifyFailure, type AttemptError, type FailureKind } from './delivery-error.util';
import { checkSession } from './tls-session.util';

/** Groups a delivery session may use: no finite-field DH (ffdhe2048 is graded insufficient). */
const GROUPS = 'X25519:P-256:P-384:P-521';

export interface MxTarget {
  host: string;
  address: string;
  port: number;
  /** Present: TLS is held to it. Absent: opportunistic STARTTLS (Zegel's own notifications). */
  requirement?: HostRequirement;
}

export interface Envelope {
  from: string;
  to: string;
}

export type HostOutcome =
  | {
      ok: true;
      host: string;
      protocol: string | null;
      cipher: string | null;
      authentication: 'DANE' | 'PKIX' | 'none';
      response: string;
    }
  | { ok: false; host: string; kind: FailureKind; problem: string; reply?: string };

export interface SessionSettings {
  ehloName: string;
  /** Trusted roots for PKIX (system roots plus ZEGEL_CA_FILE). */
  ca?: string[];
  timeouts?: { connectMs: number; greetingMs: number; socketMs: number };
  /** Refuses loopback, private and reserved targets unless ZEGEL_PRIVATE_TARGETS_ALLOWED allows them. */
  guard?: OutboundGuard;
}

const DEFAULT_TIMEOUTS = { connectMs: 30_000, greetingMs: 60_000, socketMs: 5 * 60_000 };

/** The certificates the server sent, leaf first (the trust store used completes nothing). */
function sentChain(socket: TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let cert = socket.getPeerCertificate(true) as DetailedPeerCertificate | undefined;
  while (cert && cert.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(new X509Certificate(cert.raw));
    cert = cert.issuerCertificate;
  }
  return chain;
}

/**
 * One SMTP session with one MX host through nodemailer's SMTPConnection. With a requirement:
 * STARTTLS is required (never plaintext), TLS ≥ 1.2 with the allowed suites only, and the session
 * is checked (DANE match or PKIX with the host name) after the handshake and before MAIL FROM;
 * a session that fails is closed without sending anything. Nothing here retries or relaxes.
 */
export async function deliverToHost(
  target: MxTarget,
  envelope: Envelope,
  message: () => Readable,
  settings: SessionSettings,
): Promise<HostOutcome> {
  const req = target.requirement;
  // Direct delivery goes where a user's recipient domain points: check the address connected to.
  const allowed = (settings.guard ?? DEFAULT_OUTBOUND_GUARD).check(target.address);
  if (!allowed.allowed) {
    return { ok: false, host: target.host, kind: 'permanent', problem: allowed.reason };
  }
  const timeouts = settings.timeouts ?? DEFAULT_TIMEOUTS;
  const dane = req?.authentication.kind === 'dane';
  const connection = new SMTPConnection({
    host: target.address,
    port: target.port,
    name: settings.ehloName,
    secure: false,
    requireTLS: !!req,
    opportunisticTLS: false,
    ignoreTLS: false,
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    tls: req
      ? {
          servername: req.servername,
          minVersion: 'TLSv1.2',
          ciphers: req.ciphers,
          ecdhCurve: GROUPS,
          // DANE replaces PKIX: the chain is matched against the TLSA records below, so the
          // library must not complete it from local roots; PKIX is enforced in the handshake.
          rejectUnauthorized: !dane,
          ...(dane ? { ca: [UNRELATED_CA_PEM] } : settings.ca ? { ca: settings.ca } : {}),
        }
      : { servername: target.host, minVersion: 'TLSv1.2', rejectUnauthorized: false },
  } as SMTPConnection.Options);
  const internals = connection as unknown as { _socket?: TLSSocket; upgrading?: boolean };
  let stageUnsafe = false;
  const fail = (error: unknown): HostOutcome => {
    const e = error as Error & AttemptError & { response?: string };
    const kind = stageUnsafe || internals.upgrading ? 'unsafe' : classifyFailure(e);
    return {
      ok: false,
      host: target.host,
      kind,
      problem: e.message ?? String(e),
      reply: e.response,
    };
  };
  try {
    await new Promise<void>((resolve, reject) => {
      connection.once('error', reject);
      connection.connect(() => {
        connection.removeListener('error', reject);
        resolve();
      });
    });
    let authentication: 'DANE' | 'PKIX' | 'none' = 'none';
    const socket = internals._socket;
    const tls = connection.secure && socket && typeof socket.getProtocol === 'function';
    if (req) {
      if (!tls) {
        stageUnsafe = true;
        throw new Error('the session is not encrypted');
      }
      const check = checkSession(
        {
          protocol: socket.getProtocol(),
          cipher: socket.getCipher()?.name ?? null,
          authorized: socket.authorized,
          authorizationError: socket.authorizationError?.toString(),
          sent: sentChain(socket),
        },
        req,
        new Date(),
      );
      if (!check.ok) {
        stageUnsafe = true;
        throw new Error(check.problem);
      }
      authentication = check.authentication!;
    }
    const info = await new Promise<SMTPConnection.SentMessageInfo>((resolve, reject) => {
      connection.once('error', reject);
      connection.once('end', () => reject(new Error('the connection closed before the reply')));
      connection.send(envelope, message() as never, (error, result) =>
        error ? reject(error) : resolve(result),
      );
    });
    // Late errors (after the reply, on QUIT) change nothing: the mail was accepted.
    connection.on('error', () => undefined);
    connection.quit();
    return {
      ok: true,
      host: target.host,
      protocol: tls ? socket.getProtocol() : null,
      cipher: tls ? (socket.getCipher()?.name ?? null) : null,
      authentication,
      response: info.response,
    };
  } catch (error) {
    connection.on('error', () => undefined);
    connection.close();
    return fail(error);
  }
}
