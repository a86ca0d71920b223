import { isIP } from 'node:net';

function isLoopbackAddress(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/**
 * Signing keys decide who can sign in, so they are fetched over HTTPS only. Plain HTTP is accepted
 * for loopback addresses, where a test or a local provider runs. Returns the problem, if any.
 */
export function keySourceProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${url} is not a URL`;
  }
  if (parsed.protocol === 'https:') return undefined;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (parsed.protocol === 'http:' && isLoopbackAddress(host)) return undefined;
  return `${url} must use https (plain http is only accepted on loopback)`;
}
