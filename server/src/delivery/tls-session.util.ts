import type { X509Certificate } from 'node:crypto';
import { matchTlsa } from '../smarttls/policy/dane.util';
import type { HostRequirement } from '../smarttls/smarttls.types';

/** What a finished TLS handshake tells about the session. */
export interface SessionFacts {
  protocol: string | null;
  /** OpenSSL name of the negotiated suite (TLSSocket.getCipher().name). */
  cipher: string | null;
  /** Chain validation by the TLS library against the trusted roots. */
  authorized: boolean;
  authorizationError?: string;
  /** The certificates as the server sent them, leaf first. */
  sent: X509Certificate[];
}

export interface SessionCheck {
  ok: boolean;
  problem?: string;
  /** How the server was authenticated, for the evidence. */
  authentication?: 'DANE' | 'PKIX';
}

const ACCEPTED_VERSIONS = new Set(['TLSv1.2', 'TLSv1.3']);

/**
 * Whether a session meets what the SmartTLS verdict demands of this host. Called after the
 * handshake and before any mail command: if it fails, the mail is not sent in this session.
 * (The TLS options already ask for the same; this is the second lock on the door.)
 */
export function checkSession(
  facts: SessionFacts,
  requirement: Pick<HostRequirement, 'host' | 'ciphers' | 'authentication'>,
  now: Date,
): SessionCheck {
  if (!facts.protocol || !ACCEPTED_VERSIONS.has(facts.protocol)) {
    return { ok: false, problem: `TLS version ${facts.protocol ?? 'none'} is below TLS 1.2` };
  }
  const allowed = new Set(requirement.ciphers.split(':'));
  if (!facts.cipher || !allowed.has(facts.cipher)) {
    return { ok: false, problem: `cipher suite ${facts.cipher ?? 'none'} is not acceptable` };
  }
  if (requirement.authentication.kind === 'dane') {
    const match = matchTlsa(requirement.authentication.tlsa, facts.sent, requirement.host, now);
    return match.matched
      ? { ok: true, authentication: 'DANE' }
      : { ok: false, problem: `DANE: ${match.problem ?? 'no TLSA record matches'}` };
  }
  if (!facts.authorized) {
    return {
      ok: false,
      problem: `the certificate is not trusted for ${requirement.host} (${facts.authorizationError ?? 'PKIX'})`,
    };
  }
  return { ok: true, authentication: 'PKIX' };
}
