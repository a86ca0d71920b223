import { createHash, X509Certificate } from 'node:crypto';
import { INT_PEM, LEAF_PEM, ROOT_PEM } from '../smarttls/probe/certificate.fixtures';
import { ALLOWED_CIPHERS } from '../smarttls/policy/delivery-requirements.util';
import type { HostRequirement } from '../smarttls/smarttls.types';
import { checkSession, type SessionFacts } from './tls-session.util';

const leaf = new X509Certificate(LEAF_PEM);
const intermediate = new X509Certificate(INT_PEM);
const spki = (c: X509Certificate) =>
  createHash('sha256')
    .update(c.publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');

const host = leaf.subjectAltName?.match(/DNS:([^,\s]+)/)?.[1] ?? 'mx.example.nl';
const dane = (data: string): HostRequirement['authentication'] => ({
  kind: 'dane',
  tlsa: [{ usage: 3, selector: 1, matchingType: 1, data }],
});
const pkix: HostRequirement['authentication'] = { kind: 'pkix', checkName: true };

const good: SessionFacts = {
  protocol: 'TLSv1.3',
  cipher: 'TLS_AES_256_GCM_SHA384',
  authorized: true,
  sent: [leaf, intermediate],
};
const now = new Date();

describe('checkSession', () => {
  it.each<[string, Partial<SessionFacts>, HostRequirement['authentication'], boolean, string]>([
    ['TLS 1.3, good suite, PKIX trusted', {}, pkix, true, 'PKIX'],
    [
      'TLS 1.2 with an allowed suite',
      { protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256' },
      pkix,
      true,
      'PKIX',
    ],
    ['TLS 1.1', { protocol: 'TLSv1.1' }, pkix, false, 'below TLS 1.2'],
    ['TLS 1.0', { protocol: 'TLSv1' }, pkix, false, 'below TLS 1.2'],
    ['no TLS at all', { protocol: null }, pkix, false, 'below TLS 1.2'],
    [
      'CBC-SHA suite',
      { protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-SHA' },
      pkix,
      false,
      'not acceptable',
    ],
    [
      'static RSA suite',
      { protocol: 'TLSv1.2', cipher: 'AES256-GCM-SHA384' },
      pkix,
      false,
      'not acceptable',
    ],
    [
      'PKIX not trusted',
      { authorized: false, authorizationError: 'SELF_SIGNED_CERT_IN_CHAIN' },
      pkix,
      false,
      'not trusted',
    ],
    [
      'DANE-EE match (untrusted chain is fine)',
      { authorized: false },
      dane(spki(leaf)),
      true,
      'DANE',
    ],
    ['DANE-EE mismatch', {}, dane('00'.repeat(32)), false, 'DANE'],
    ['DANE with no certificate', { sent: [] }, dane(spki(leaf)), false, 'DANE'],
  ])('%s', (_name, over, authentication, ok, text) => {
    const check = checkSession(
      { ...good, ...over },
      { host, ciphers: ALLOWED_CIPHERS, authentication },
      now,
    );
    expect(check.ok).toBe(ok);
    if (ok) expect(check.authentication).toBe(text);
    else expect(check.problem).toContain(text);
  });

  it('does not accept the root as a DANE-EE match for the leaf', () => {
    const check = checkSession(
      good,
      { host, ciphers: ALLOWED_CIPHERS, authentication: dane(spki(new X509Certificate(ROOT_PEM))) },
      now,
    );
    expect(check.ok).toBe(false);
  });
});
