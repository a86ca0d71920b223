import type { MtaStsMode, MtaStsPolicy } from '../smarttls.types';

/** RFC 8461 section 3.2: the largest max_age a policy may carry (about a year). */
export const MAX_AGE_LIMIT = 31_557_600;

/**
 * RFC 8461 section 3.1: exactly one TXT record starting with `v=STSv1` with an `id` of 1–32
 * alphanumerics, else the domain has no policy. Other TXT records at the name are ignored.
 */
export function parseStsTxt(records: string[]): { id: string } | { problem: string } | null {
  const sts = records.filter((r) => /^v=STSv1;/.test(r.trim()) || r.trim() === 'v=STSv1');
  if (!sts.length) return null;
  if (sts.length > 1)
    return { problem: `${sts.length} v=STSv1 TXT records: exactly one is allowed` };
  const fields = new Map<string, string>();
  for (const part of sts[0].split(';')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const id = fields.get('id');
  if (!id || !/^[A-Za-z0-9]{1,32}$/.test(id)) {
    return { problem: 'the v=STSv1 TXT record has no valid id (1 to 32 letters and digits)' };
  }
  return { id };
}

/** RFC 8461 section 3.2: parses the policy file; returns the policy or the first problem. */
export function parseStsPolicy(text: string): MtaStsPolicy | { problem: string } {
  const fields = new Map<string, string>();
  const mx: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf(':');
    if (at <= 0) return { problem: `policy line "${line.slice(0, 60)}" is not "key: value"` };
    const key = line.slice(0, at).trim();
    const value = line.slice(at + 1).trim();
    if (key === 'mx') mx.push(value.toLowerCase());
    else if (!fields.has(key)) fields.set(key, value);
  }
  if (fields.get('version') !== 'STSv1') return { problem: 'policy version is not STSv1' };
  const mode = fields.get('mode');
  if (mode !== 'enforce' && mode !== 'testing' && mode !== 'none') {
    return { problem: `policy mode "${mode ?? ''}" is not enforce, testing or none` };
  }
  const maxAgeText = fields.get('max_age') ?? '';
  if (!/^\d{1,10}$/.test(maxAgeText) || Number(maxAgeText) > MAX_AGE_LIMIT) {
    return {
      problem: `policy max_age "${maxAgeText}" is not a number of seconds up to ${MAX_AGE_LIMIT}`,
    };
  }
  if (mode !== 'none' && !mx.length) return { problem: 'policy lists no mx patterns' };
  return { version: 'STSv1', mode: mode as MtaStsMode, mx, maxAge: Number(maxAgeText) };
}

/**
 * RFC 8461 section 4.1: a pattern matches the MX host exactly, or `*.example.com` matches exactly one
 * extra leftmost label (`mx.example.com`, not `a.mx.example.com` nor `example.com`).
 */
export function mxPatternMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!p.startsWith('*.')) return p === h;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}

export const policyAllowsMx = (policy: MtaStsPolicy, host: string): boolean =>
  policy.mx.some((pattern) => mxPatternMatches(pattern, host));
