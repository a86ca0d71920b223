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

/** A session with one MX host, connected and checked, ready for MAIL FROM. */
export interface MxSession {
  target: MxTarget;
  connection: SMTPConnection;
  protocol: string | null;
  cipher: string | null;
  authentication: 'DANE' | 'PKIX' | 'none';
}

/** What a failed attempt on `host` comes to; `unsafe` when the session's TLS did not hold. */
export function failedAttempt(host: string, error: unknown, unsafe = false): HostOutcome {
  const e = error as Error & AttemptError & { response?: string };
  return {
    ok: false,
    host,
    kind: unsafe ? 'unsafe' : classifyFailure(e),
    problem: e.message ?? String(e),
    reply: e.response,
  };
}

/** The outcome of a mail the host accepted over `session`. */
export function accepted(session: MxSession, response: string): HostOutcome {
  const { target, protocol, cipher, authentication } = session;
  return { ok: true, host: target.host, protocol, cipher, authentication, response };
}

/**
 * Opens an SMTP session with one MX host through nodemailer's SMTPConnection. With a requirement:
 * STARTTLS is required (never plaintext), TLS ≥ 1.2 with the allowed suites only, and the session
 * is checked (DANE match or PKIX with the host name) after the handshake and before MAIL FROM;
 * a session that fails is closed without sending anything. Nothing here retries or relaxes.
 */
export async function openSession(
  target: MxTarget,
  settings: SessionSettings,
): Promise<{ ok: true; session: MxSession } | { ok: false; outcome: HostOutcome }> {
  const req = target.requirement;
  // Direct delivery goes where a user's recipient domain points: check the address connected to.
  const allowed = (settings.guard ?? DEFAULT_OUTBOUND_GUARD).check(target.address);
  if (!allowed.allowed) {
    return {
      ok: false,
      outcome: { ok: false, host: target.host, kind: 'permanent', problem: allowed.reason },
    };
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
    return {
      ok: true,
      session: {
        target,
        connection,
        protocol: tls ? socket.getProtocol() : null,
        cipher: tls ? (socket.getCipher()?.name ?? null) : null,
        authentication,
      },
    };
  } catch (error) {
    const unsafe = stageUnsafe || !!internals.upgrading;
    closeSession({ connection });
    return { ok: false, outcome: failedAttempt(target.host, error, unsafe) };
  }
}

/**
 * Sends one mail over an open session and leaves the session open (for QUIT, or for the next
 * mail). Rejects with the host's reply (`responseCode`) or with the connection's failure.
 */
export function sendOver(
  session: MxSession,
  envelope: Envelope,
  message: () => Readable,
): Promise<SMTPConnection.SentMessageInfo> {
  const { connection } = session;
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, info?: SMTPConnection.SentMessageInfo) => {
      if (settled) return;
      settled = true;
      connection.removeListener('error', onError);
      connection.removeListener('end', onEnd);
      if (error) reject(error);
      else resolve(info!);
    };
    const onError = (error: Error) => finish(error);
    const onEnd = () => finish(new Error('the connection closed before the reply'));
    connection.once('error', onError);
    connection.once('end', onEnd);
    connection.send(envelope, message() as never, (error, info) => finish(error, info));
  });
}

/** Ends a session politely (QUIT); late errors change nothing. */
export function quitSession(session: Pick<MxSession, 'connection'>): void {
  session.connection.on('error', () => undefined);
  session.connection.quit();
}

/** Drops a session at once. */
export function closeSession(session: Pick<MxSession, 'connection'>): void {
  session.connection.on('error', () => undefined);
  session.connection.close();
}

/** One mail to one MX host over a session of its own: open, check, send, QUIT. */
export async function deliverToHost(
  target: MxTarget,
  envelope: Envelope,
  message: () => Readable,
  settings: SessionSettings,
): Promise<HostOutcome> {
  const opened = await openSession(target, settings);
  if (!opened.ok) return opened.outcome;
  try {
    const info = await sendOver(opened.session, envelope, message);
    // Late errors (after the reply, on QUIT) change nothing: the mail was accepted.
    quitSession(opened.session);
    return accepted(opened.session, info.response);
  } catch (error) {
    closeSession(opened.session);
    return failedAttempt(target.host, error);
  }
}
