import { domainToASCII } from 'node:url';
import type { DnssecStatus } from '../smarttls.types';

/** Extended DNS Error codes 6–12 (RFC 8914) are the DNSSEC validation failures. */
const DNSSEC_EDE = new Set([6, 7, 8, 9, 10, 11, 12]);

/**
 * What a validating resolver's answer says about DNSSEC: secure when it set AD, bogus when it
 * answered SERVFAIL with a DNSSEC extended error, error for any other failure.
 */
export function dnssecStatus(rcode: string, authenticData: boolean, ede?: number): DnssecStatus {
  if (rcode === 'SERVFAIL') return ede !== undefined && DNSSEC_EDE.has(ede) ? 'bogus' : 'error';
  if (rcode !== 'NOERROR' && rcode !== 'NXDOMAIN') return 'error';
  return authenticData ? 'secure' : 'insecure';
}

/**
 * Strictly checks a domain name as typed by a person or an API caller: LDH labels, at least two,
 * no numeric top label. Internationalised names are turned into their A-label (xn--) form.
 */
export function normalizeDomain(input: string): string | null {
  const trimmed = input.trim().toLowerCase().replace(/\.$/, '');
  // Only names with non-ASCII letters go through IDNA; everything else is checked as typed.
  const name = /[^ -~]/.test(trimmed) ? domainToASCII(trimmed) : trimmed;
  if (name.length < 1 || name.length > 253) return null;
  const labels = name.split('.');
  if (labels.length < 2) return null;
  const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
  if (!labels.every((l) => label.test(l))) return null;
  if (/^\d+$/.test(labels[labels.length - 1])) return null;
  return name;
}
