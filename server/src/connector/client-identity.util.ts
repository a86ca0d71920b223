import { createHash, timingSafeEqual } from 'node:crypto';

/** The names a verified TLS client certificate carries: its subject CN and its DNS SANs. */
export function certificateNames(cert: {
  subject?: Record<string, string | string[] | undefined> | null;
  subjectaltname?: string;
}): string[] {
  const names: string[] = [];
  const cn = cert.subject?.CN;
  if (cn) names.push(...(Array.isArray(cn) ? cn : [cn]));
  for (const item of (cert.subjectaltname ?? '').split(',')) {
    const m = /^\s*DNS:(.+)$/.exec(item);
    if (m) names.push(m[1].trim());
  }
  return names.map((n) => n.toLowerCase());
}

/**
 * Whether a verified client certificate names an accepted subject. Accepted subjects are host
 * names matched exactly (case-insensitive); a leading "*." accepts exactly one extra label.
 */
export function certificateAccepted(names: string[], accepted: string[]): boolean {
  return accepted.some((pattern) => {
    const p = pattern.toLowerCase();
    if (!p.startsWith('*.')) return names.includes(p);
    const suffix = p.slice(1);
    return names.some(
      (n) =>
        n.endsWith(suffix) && n.length > suffix.length && !n.slice(0, -suffix.length).includes('.'),
    );
  });
}

export interface AuthUser {
  username: string;
  sha256: Buffer;
}

/**
 * Parses ZEGEL_SMTP_AUTH_USERS: "name:<hex SHA-256 of the password>" items. The passwords are
 * long random machine secrets (a connector credential), so a plain digest is enough to keep them
 * out of the environment.
 */
export function parseAuthUsers(entries: string[]): AuthUser[] {
  const bad: string[] = [];
  const users = entries.flatMap((entry) => {
    const m = /^([^:\s]+):([0-9a-fA-F]{64})$/.exec(entry);
    if (!m) {
      bad.push(entry.split(':')[0]);
      return [];
    }
    return [{ username: m[1], sha256: Buffer.from(m[2], 'hex') }];
  });
  if (bad.length) {
    throw new Error(
      `ZEGEL_SMTP_AUTH_USERS: each item must be name:<64 hex digits of SHA-256(password)>; wrong: ${bad.join(', ')}`,
    );
  }
  return users;
}

/** Constant-time check of a username and password against the configured users. */
export function checkPassword(users: AuthUser[], username: string, password: string): boolean {
  const digest = createHash('sha256').update(password, 'utf8').digest();
  let ok = false;
  for (const user of users) {
    // Every user is compared, so the time does not tell which names exist.
    if (timingSafeEqual(user.sha256, digest) && user.username === username) ok = true;
  }
  return ok;
}
