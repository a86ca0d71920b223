import { createHash, type X509Certificate } from 'node:crypto';
import type { DaneState, DnssecStatus, TlsaRecord } from '../smarttls.types';
import { nameMatches } from '../probe/certificate.util';

/** RFC 7672 section 3.1: only DANE-TA(2) and DANE-EE(3), selectors 0/1, matching 0/1/2 are usable. */
export function isUsableTlsa(record: TlsaRecord): boolean {
  return (
    (record.usage === 2 || record.usage === 3) &&
    (record.selector === 0 || record.selector === 1) &&
    record.matchingType >= 0 &&
    record.matchingType <= 2
  );
}

/** The certificate association data a TLSA record with this selector and matching type holds. */
export function associationData(
  cert: X509Certificate,
  selector: number,
  matchingType: number,
): string {
  const input = selector === 0 ? cert.raw : cert.publicKey.export({ type: 'spki', format: 'der' });
  if (matchingType === 0) return input.toString('hex');
  return createHash(matchingType === 1 ? 'sha256' : 'sha512')
    .update(input)
    .digest('hex');
}

const matchesRecord = (cert: X509Certificate, record: TlsaRecord): boolean =>
  associationData(cert, record.selector, record.matchingType) === record.data.toLowerCase();

export interface TlsaMatch {
  matched: boolean;
  record?: TlsaRecord;
  problem?: string;
}

/**
 * Checks the chain a server sent (leaf first) against usable TLSA records. DANE-EE: the leaf matches,
 * no name or expiry check. DANE-TA: a sent issuer matches, the leaf chains to it by signature, is
 * within its validity period and names the MX host.
 */
export function matchTlsa(
  records: TlsaRecord[],
  sent: X509Certificate[],
  host: string,
  now: Date,
): TlsaMatch {
  const usable = records.filter(isUsableTlsa);
  if (!usable.length) return { matched: false, problem: 'no usable TLSA record' };
  if (!sent.length) return { matched: false, problem: 'the server sent no certificate' };
  const [leaf] = sent;
  const ee = usable.find((r) => r.usage === 3 && matchesRecord(leaf, r));
  if (ee) return { matched: true, record: ee };
  let problem = 'no TLSA record matches the certificate chain the server sent';
  for (const record of usable.filter((r) => r.usage === 2)) {
    const anchorAt = sent.findIndex((cert, i) => i > 0 && matchesRecord(cert, record));
    if (anchorAt < 0) continue;
    if (!chainsTo(sent, anchorAt)) {
      problem = 'the trust anchor named by DANE-TA does not sign the chain';
      continue;
    }
    const inPeriod =
      now.getTime() >= new Date(leaf.validFrom).getTime() &&
      now.getTime() <= new Date(leaf.validTo).getTime();
    if (!inPeriod) {
      problem = 'the certificate is outside its validity period (DANE-TA checks expiry)';
      continue;
    }
    if (!nameMatches(leaf, host)) {
      problem = `the certificate does not name ${host} (DANE-TA checks the name)`;
      continue;
    }
    return { matched: true, record };
  }
  return { matched: false, problem };
}

function chainsTo(sent: X509Certificate[], anchorAt: number): boolean {
  for (let i = 0; i < anchorAt; i++) {
    const issuer = sent[i + 1];
    if (!sent[i].checkIssued(issuer) || !sent[i].verify(issuer.publicKey)) return false;
  }
  return true;
}

/**
 * RFC 7672 section 2.2, the DANE decision table: what a TLSA lookup result means for one MX host.
 * `hostSecure` is true when both the MX RRset and the host's address RRset validated.
 */
export function daneState(
  hostSecure: boolean,
  tlsa: { dnssec: DnssecStatus; records: TlsaRecord[] } | null,
): DaneState {
  if (!hostSecure || !tlsa) return 'not-applicable';
  if (tlsa.dnssec === 'bogus' || tlsa.dnssec === 'error') return 'lookup-failed';
  if (tlsa.dnssec === 'insecure' || !tlsa.records.length) return 'none';
  return tlsa.records.some(isUsableTlsa) ? 'usable' : 'unusable';
}

/**
 * Internet.nl's DANE rollover scheme: a second usable record lets one key or CA be replaced while
 * the other still matches. Two DANE-EE (or two DANE-TA) records: current + next; DANE-EE next to
 * DANE-TA: either can roll. One usable record: none. Without usable records: not applicable.
 */
export function rolloverScheme(
  records: TlsaRecord[],
): 'current-next' | 'ee-and-ta' | 'none' | null {
  const usable = records.filter(isUsableTlsa);
  if (!usable.length) return null;
  const distinct = new Set(
    usable.map((r) => `${r.usage} ${r.selector} ${r.matchingType} ${r.data}`),
  );
  if (distinct.size < 2) return 'none';
  const ee = usable.some((r) => r.usage === 3);
  const ta = usable.some((r) => r.usage === 2);
  return ee && ta ? 'ee-and-ta' : 'current-next';
}
