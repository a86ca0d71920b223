import { createHash, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { DnsClient } from '../dns/dns.client';
import { gradeMisconfigurations, isAcceptable, worstGrade } from '../grading/tls-grading.util';
import { rolloverScheme, isUsableTlsa, matchTlsa } from '../policy/dane.util';
import { analyzeCertificate } from '../probe/certificate.util';
import { DEFAULT_TIMEOUTS, type SmtpTimeouts } from '../probe/smtp-starttls';
import { probeTls, type TlsProbeResult } from '../probe/tls-probe';
import type { CertificateFinding, DnssecStatus, Grade, TlsaRecord } from '../smarttls.types';

export interface SelfCheckOptions {
  /** The host name senders use (the MX name that points at Zegel). */
  host: string;
  address: string;
  port: number;
  resolver: { host: string; port: number };
  caFile?: string;
  ehloName: string;
  /** PEM certificate or public key of the next key, for the rollover record. */
  nextKeyPem?: string;
  timeouts?: Partial<SmtpTimeouts>;
}

export interface SelfReport {
  host: string;
  address: string;
  port: number;
  starttls: TlsProbeResult['starttls'];
  smtpReply?: string;
  probe: Omit<TlsProbeResult, 'sent' | 'authorized' | 'authorizationError'>;
  certificate: CertificateFinding | null;
  grade: Grade | null;
  tlsa: {
    name: string;
    dnssec: DnssecStatus;
    records: TlsaRecord[];
    /** Whether the certificate served matches a usable published record (null: none published). */
    matched: boolean | null;
    rollover: 'current-next' | 'ee-and-ta' | 'none' | null;
  };
  /** The TLSA records to publish: for the key in use, and for the next key when given. */
  publish: { current?: string; next?: string };
  /** Whether a sender holding Zegel to DANE (or to PKIX when no TLSA is published) would deliver. */
  passes: boolean;
  notes: string[];
}

/** SHA-256 of the DER SubjectPublicKeyInfo: the data of a DANE-EE 3 1 1 record. */
export const spkiSha256 = (key: KeyObject): string =>
  createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');

export function publicKeyOf(pem: string): KeyObject {
  return /BEGIN CERTIFICATE/.test(pem) ? new X509Certificate(pem).publicKey : createPublicKey(pem);
}

/**
 * Zegel's own SMTP endpoint as a sending server sees it: STARTTLS, versions, suites, certificate,
 * and the DANE records published for it, with the DANE-EE 3 1 1 record to publish for the key in
 * use (and for the next key, so that a rollover never leaves senders without a match).
 */
export async function checkSelf(options: SelfCheckOptions): Promise<SelfReport> {
  const ca = [
    ...rootCertificates,
    ...(options.caFile ? [readFileSync(options.caFile, 'utf8')] : []),
  ];
  const dns = new DnsClient({ ...options.resolver, timeoutMs: 3000 });
  const tlsaName = `_${options.port}._tcp.${options.host}`;
  const [probe, tlsa] = await Promise.all([
    probeTls({
      host: options.host,
      address: options.address,
      port: options.port,
      ehloName: options.ehloName,
      timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts },
      ca,
      concurrency: 4,
    }),
    dns.query(tlsaName, 'TLSA'),
  ]);
  const records: TlsaRecord[] = tlsa.records.map((r) => {
    const d = r.data as {
      usage: number;
      selector: number;
      matchingType: number;
      certificate: Buffer;
    };
    return {
      usage: d.usage,
      selector: d.selector,
      matchingType: d.matchingType,
      data: d.certificate.toString('hex'),
    };
  });
  const now = new Date();
  const certificate = probe.sent.length
    ? analyzeCertificate({
        sent: probe.sent,
        host: options.host,
        authorized: probe.authorized,
        authorizationError: probe.authorizationError,
        now,
      })
    : null;
  const usable = tlsa.status === 'secure' ? records.filter(isUsableTlsa) : [];
  const matched =
    usable.length && probe.sent.length
      ? matchTlsa(usable, probe.sent, options.host, now).matched
      : null;
  const notes: string[] = [];
  if (tlsa.status !== 'secure' && records.length)
    notes.push(
      `the TLSA records of ${tlsaName} are not DNSSEC-secure (${tlsa.status}): senders ignore them`,
    );
  if (!records.length) notes.push(`no TLSA records at ${tlsaName}: senders cannot use DANE`);
  if (matched === false)
    notes.push(
      'the certificate served matches no published TLSA record: DANE senders will not deliver',
    );
  const rollover = rolloverScheme(usable);
  if (rollover === 'none')
    notes.push(
      'only one usable TLSA record: publish the next key too before replacing the certificate',
    );
  const grades: Grade[] = [
    ...probe.versions.filter((v) => v.supported).map((v) => v.grade),
    ...probe.ciphers.map((c) => c.grade),
    ...probe.groups.map((g) => g.grade),
    ...probe.dhGroups.map((g) => g.grade),
    ...gradeMisconfigurations(probe),
    ...(certificate ? [certificate.grade] : []),
  ];
  const modern = probe.versions.some(
    (v) => v.supported && (v.version === 'TLSv1.2' || v.version === 'TLSv1.3'),
  );
  const goodSuite = probe.ciphers.some(
    (c) => (c.version === 'TLSv1.2' || c.version === 'TLSv1.3') && isAcceptable(c.grade),
  );
  const authenticated =
    matched === true || (matched === null && !!certificate?.trusted && !!certificate?.nameMatches);
  if (!modern) notes.push('TLS 1.2 or 1.3 is not offered');
  const { sent: _sent, authorized: _a, authorizationError: _e, ...findings } = probe;
  return {
    host: options.host,
    address: options.address,
    port: options.port,
    starttls: probe.starttls,
    smtpReply: probe.smtpReply,
    probe: findings,
    certificate,
    grade: worstGrade(grades),
    tlsa: { name: tlsaName, dnssec: tlsa.status, records, matched, rollover },
    publish: {
      current: probe.sent.length
        ? `${tlsaName}. IN TLSA 3 1 1 ${spkiSha256(probe.sent[0].publicKey)}`
        : undefined,
      next: options.nextKeyPem
        ? `${tlsaName}. IN TLSA 3 1 1 ${spkiSha256(publicKeyOf(options.nextKeyPem))}`
        : undefined,
    },
    passes: probe.starttls === 'offered' && modern && goodSuite && authenticated,
    notes,
  };
}
