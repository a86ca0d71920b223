import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import type { X509Certificate } from 'node:crypto';
import type { CertificateFinding, CertificateSummary, Grade } from '../smarttls.types';
import { gradeKey, gradeSignatureHash, worstGrade } from '../grading/tls-grading.util';

const SIGNATURE_OIDS: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'MD5',
  '1.2.840.113549.1.1.5': 'SHA1',
  '1.2.840.113549.1.1.14': 'SHA224',
  '1.2.840.113549.1.1.11': 'SHA256',
  '1.2.840.113549.1.1.12': 'SHA384',
  '1.2.840.113549.1.1.13': 'SHA512',
  '1.2.840.10045.4.1': 'SHA1',
  '1.2.840.10045.4.3.1': 'SHA224',
  '1.2.840.10045.4.3.2': 'SHA256',
  '1.2.840.10045.4.3.3': 'SHA384',
  '1.2.840.10045.4.3.4': 'SHA512',
  '1.2.840.10040.4.3': 'SHA1',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};
const HASH_OIDS: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'SHA256',
  '2.16.840.1.101.3.4.2.2': 'SHA384',
  '2.16.840.1.101.3.4.2.3': 'SHA512',
  '2.16.840.1.101.3.4.2.4': 'SHA224',
  '1.3.14.3.2.26': 'SHA1',
};
const RSA_PSS = '1.2.840.113549.1.1.10';

/** Reads one DER TLV header at `at`: returns the content start and end. */
function readTlv(der: Buffer, at: number): { tag: number; start: number; end: number } {
  const tag = der[at];
  let length = der[at + 1];
  let start = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + der[start + i];
    start += bytes;
  }
  if (start + length > der.length) throw new Error('truncated DER');
  return { tag, start, end: start + length };
}

function decodeOid(bytes: Buffer): string {
  const parts = [Math.floor(bytes[0] / 40), bytes[0] % 40];
  let value = 0;
  for (const byte of bytes.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/**
 * The hash of a certificate's signature, from the signatureAlgorithm field that follows the
 * tbsCertificate (Node 20 has no accessor for it). RSA-PSS names the hash in its parameters.
 */
export function signatureHashOf(der: Buffer): string {
  try {
    const cert = readTlv(der, 0);
    const tbs = readTlv(der, cert.start);
    const algorithm = readTlv(der, tbs.end);
    const oid = readTlv(der, algorithm.start);
    const name = decodeOid(der.subarray(oid.start, oid.end));
    if (name === RSA_PSS) {
      const params = der.subarray(oid.end, algorithm.end);
      for (const [hashOid, hash] of Object.entries(HASH_OIDS)) {
        const encoded = encodeOid(hashOid);
        if (params.includes(encoded)) return hash;
      }
      return 'SHA1'; // the RSASSA-PSS default hash
    }
    return SIGNATURE_OIDS[name] ?? `unknown (${name})`;
  } catch {
    return 'unknown';
  }
}

function encodeOid(oid: string): Buffer {
  const [a, b, ...rest] = oid.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128))
      chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return Buffer.from(bytes);
}

export function summarizeCertificate(cert: X509Certificate): CertificateSummary {
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const keyType = key.asymmetricKeyType ?? 'unknown';
  const curve = details.namedCurve;
  const keyBits =
    details.modulusLength ??
    (curve ? Number(/\d{3}/.exec(curve)?.[0] ?? 0) || undefined : undefined);
  const signatureHash = signatureHashOf(cert.raw);
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    keyType,
    keyBits,
    curve,
    keyGrade: gradeKey(keyType, details.modulusLength, curve),
    signatureHash,
    signatureGrade: gradeSignatureHash(signatureHash),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    fingerprint256: cert.fingerprint256.replace(/:/g, '').toLowerCase(),
  };
}

/** The DNS names of a certificate (SAN dNSName entries; the CN only when there are none). */
export function certificateNames(cert: X509Certificate): string[] {
  const san = cert.subjectAltName;
  if (san) {
    return san
      .split(', ')
      .filter((entry) => entry.startsWith('DNS:'))
      .map((entry) => entry.slice(4));
  }
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject);
  return cn ? [cn[1]] : [];
}

/** Whether the leaf names the host (RFC 6125 rules as implemented by tls.checkServerIdentity). */
export function nameMatches(cert: X509Certificate, host: string): boolean {
  const legacy = cert.toLegacyObject() as unknown as PeerCertificate;
  return checkServerIdentity(host.replace(/\.$/, ''), legacy) === undefined;
}

const isSelfIssued = (cert: X509Certificate): boolean =>
  cert.subject === cert.issuer && cert.checkIssued(cert);

export interface CertificateFacts {
  /** The chain as the server sent it, leaf first. */
  sent: X509Certificate[];
  host: string;
  /** The TLS library's verdict against the trusted CA set. */
  authorized: boolean;
  authorizationError?: string;
  now: Date;
}

const MISSING_ISSUER = new Set([
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

/** Turns what a handshake showed into the certificate finding. */
export function analyzeCertificate(facts: CertificateFacts): CertificateFinding {
  const [leaf] = facts.sent;
  const summaries = facts.sent.map(summarizeCertificate);
  // Every certificate sent counts for the grade except a root (self-issued beyond the leaf).
  const graded = summaries.filter((_, i) => i === 0 || !isSelfIssued(facts.sent[i]));
  const grades: Grade[] = graded.flatMap((s) => [s.keyGrade, s.signatureGrade]);
  const selfSigned = facts.sent.length === 1 && isSelfIssued(leaf);
  const expired = facts.now.getTime() > new Date(leaf.validTo).getTime();
  return {
    chain: summaries,
    names: certificateNames(leaf),
    trusted: facts.authorized,
    trustError: facts.authorized ? undefined : facts.authorizationError,
    nameMatches: nameMatches(leaf, facts.host),
    expired,
    selfSigned,
    chainIncomplete: !selfSigned && MISSING_ISSUER.has(facts.authorizationError ?? ''),
    grade: worstGrade(grades) ?? 'insufficient',
  };
}
