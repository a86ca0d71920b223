import type { Nta7516Finding } from '../smarttls.types';

/**
 * Parses the NTA 7516 DNS TXT record of a domain. Two syntaxes are in use:
 *   v=NTA7516-1;startdate=2024-01;enddate=2026-12;provider=example;ntamx=10 mx.example.nl
 *   v=NTA7516;version:2019-06;expire:2019-10;provider:example;ntamx:mx.example.nl
 * An end date (YYYY-MM, valid through that month) in the past means "not NTA 7516".
 */
export function parseNta7516(records: string[], now: Date): Nta7516Finding {
  const record = records.map((r) => r.trim()).find((r) => /^v=NTA7516(-1)?\s*(;|$)/i.test(r));
  if (!record) return { present: false, valid: false, mx: [] };
  const syntax = /^v=NTA7516-1/i.test(record) ? 'nta7516-1' : 'legacy';
  const separator = syntax === 'nta7516-1' ? '=' : ':';
  const fields = new Map<string, string>();
  const mx: string[] = [];
  for (const part of record.split(';').slice(1)) {
    const at = part.indexOf(separator);
    if (at <= 0) continue;
    const key = part.slice(0, at).trim().toLowerCase();
    const value = part.slice(at + 1).trim();
    if (key === 'ntamx') {
      // "10 mx.example.nl" or "mx.example.nl"; several may be separated by commas.
      for (const item of value.split(',')) {
        const host = item.trim().split(/\s+/).pop();
        if (host) mx.push(host.toLowerCase().replace(/\.$/, ''));
      }
    } else fields.set(key, value);
  }
  const startDate = syntax === 'nta7516-1' ? fields.get('startdate') : fields.get('version');
  const endDate = syntax === 'nta7516-1' ? fields.get('enddate') : fields.get('expire');
  const finding: Nta7516Finding = {
    present: true,
    valid: false,
    record,
    syntax,
    startDate,
    endDate,
    provider: fields.get('provider'),
    mx,
  };
  const end = endDate ? /^(\d{4})-(\d{2})$/.exec(endDate) : null;
  if (!end) return { ...finding, problem: 'the record has no end date in the form YYYY-MM' };
  // Valid through the last moment of the end month (UTC).
  const endsAt = Date.UTC(Number(end[1]), Number(end[2]), 1);
  if (now.getTime() >= endsAt)
    return { ...finding, problem: `the record expired at the end of ${endDate}` };
  return { ...finding, valid: true };
}
