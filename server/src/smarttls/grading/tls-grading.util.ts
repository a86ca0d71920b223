import type { Grade, TlsVersion } from '../smarttls.types';

/**
 * Grades per the NCSC-NL TLS guidelines 2025-05, as Internet.nl reports them. Pure functions: the
 * tables here are the single place where a level is decided.
 */

const ORDER: Grade[] = ['good', 'sufficient', 'phase-out', 'insufficient'];

/** The worst of several grades; null for none. */
export function worstGrade(grades: Grade[]): Grade | null {
  if (!grades.length) return null;
  return grades.reduce((a, b) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a));
}

/** Whether a grade is at least sufficient (good or sufficient). */
export const isAcceptable = (grade: Grade): boolean => grade === 'good' || grade === 'sufficient';

export function gradeVersion(version: TlsVersion): Grade {
  if (version === 'TLSv1.3') return 'good';
  if (version === 'TLSv1.2') return 'sufficient';
  return 'insufficient';
}

const TLS13_SUITE_GRADES: Record<string, Grade> = {
  TLS_AES_256_GCM_SHA384: 'good',
  TLS_CHACHA20_POLY1305_SHA256: 'good',
  TLS_AES_128_GCM_SHA256: 'sufficient',
  TLS_AES_128_CCM_SHA256: 'sufficient',
  TLS_AES_128_CCM_8_SHA256: 'insufficient',
};

const TLS12_SUFFICIENT = new Set([
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_AES_256_CCM',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CCM',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
]);

const ALWAYS_INSUFFICIENT = /NULL|EXPORT|RC4|3DES|_DES_|_anon_|CCM_8/;
const ECDHE_PHASE_OUT =
  /^TLS_ECDHE_(ECDSA|RSA)_WITH_(CAMELLIA_|ARIA_|AES_256_CBC_SHA384$|AES_128_CBC_SHA256$)/;
const DHE_RSA_PHASE_OUT =
  /^TLS_DHE_RSA_WITH_(CHACHA20_POLY1305|CAMELLIA_|ARIA_|AES_\d+_GCM_|AES_\d+_CCM$|AES_\d+_CBC_SHA256$)/;

/** Grades a cipher suite by its IANA name; unknown suites are insufficient. */
export function gradeCipher(iana: string, version: TlsVersion): Grade {
  if (version === 'TLSv1.3') return TLS13_SUITE_GRADES[iana] ?? 'insufficient';
  if (ALWAYS_INSUFFICIENT.test(iana)) return 'insufficient';
  // A SHA-1 MAC (every *_CBC_SHA suite) is insufficient whatever the key exchange.
  if (/_SHA$/.test(iana)) return 'insufficient';
  if (TLS12_SUFFICIENT.has(iana)) return 'sufficient';
  if (ECDHE_PHASE_OUT.test(iana) || DHE_RSA_PHASE_OUT.test(iana)) return 'phase-out';
  return 'insufficient';
}

/** Canonical key-exchange group names: OpenSSL and Node report several spellings. */
const GROUP_ALIASES: Record<string, string> = {
  prime256v1: 'secp256r1',
  'P-256': 'secp256r1',
  'P-384': 'secp384r1',
  'P-521': 'secp521r1',
  'P-224': 'secp224r1',
};

export const canonicalGroup = (name: string): string => GROUP_ALIASES[name] ?? name;

const GOOD_GROUPS = new Set([
  'secp256r1',
  'secp384r1',
  'secp521r1',
  'brainpoolP256r1',
  'brainpoolP384r1',
  'brainpoolP512r1',
  'X25519',
  'X448',
]);

/**
 * Grades a key-exchange group. `DH-<bits>` is a TLS 1.2 DHE group whose prime was not identified:
 * at 3072 bits or more it is graded like the ffdhe group of that size, below that insufficient.
 */
export function gradeGroup(name: string): Grade {
  const group = canonicalGroup(name);
  if (GOOD_GROUPS.has(group) || /MLKEM/i.test(group)) return 'good';
  if (group === 'secp224r1') return 'phase-out';
  if (/^ffdhe(3072|4096|6144|8192)$/.test(group)) return 'phase-out';
  const dh = /^DH-(\d+)$/.exec(group);
  if (dh) return Number(dh[1]) >= 3072 ? 'phase-out' : 'insufficient';
  return 'insufficient';
}

/** Grades a certificate's public key (type as Node's asymmetricKeyType). */
export function gradeKey(type: string, bits?: number, curve?: string): Grade {
  if (type === 'rsa' || type === 'rsa-pss') {
    if (!bits) return 'insufficient';
    if (bits >= 3072) return 'good';
    return bits >= 2048 ? 'phase-out' : 'insufficient';
  }
  if (type === 'ec') {
    const group = canonicalGroup(curve ?? '');
    if (group === 'secp224r1') return 'phase-out';
    return GOOD_GROUPS.has(group) && !/^X/.test(group) ? 'good' : 'insufficient';
  }
  if (type === 'ed25519' || type === 'ed448') return 'good';
  return 'insufficient';
}

/** Grades the hash of a certificate signature (names as returned by signatureHashOf). */
export function gradeSignatureHash(hash: string): Grade {
  if (['SHA256', 'SHA384', 'SHA512', 'Ed25519', 'Ed448'].includes(hash)) return 'good';
  if (hash === 'SHA224') return 'phase-out';
  return 'insufficient';
}

/**
 * A finite-field DHE group (NCSC-NL 2025-05 via Internet.nl): ffdhe3072, ffdhe4096, ffdhe6144 and
 * ffdhe8192 phase out; ffdhe2048 and every other prime, however large, insufficient.
 */
export function gradeDhGroup(name: string): Grade {
  return /^ffdhe(3072|4096|6144|8192)$/.test(name) ? 'phase-out' : 'insufficient';
}

/**
 * The algorithm a server signs its key exchange with: ECDSA, EdDSA and RSA-PSS with SHA-2 good;
 * RSA PKCS#1 v1.5 with SHA-2 sufficient; SHA-224 phase out; SHA-1, MD5 and DSA insufficient.
 */
export function gradeSignatureAlgorithm(name: string): Grade {
  const n = name.toLowerCase();
  if (/sha1|md5|^dsa/.test(n)) return 'insufficient';
  if (/sha224/.test(n)) return 'phase-out';
  if (/^(ecdsa_|ed25519|ed448|rsa_pss_)/.test(n)) return 'good';
  if (/^rsa_pkcs1_sha(256|384|512)$/.test(n)) return 'sufficient';
  return 'insufficient';
}

/** Compression and insecure renegotiation are insufficient; client-initiated renegotiation phases out. */
export function gradeMisconfigurations(found: {
  compression: boolean | null;
  secureRenegotiation: boolean | null;
  clientRenegotiation: boolean | null;
}): Grade[] {
  return [
    ...(found.compression ? (['insufficient'] as const) : []),
    ...(found.secureRenegotiation === false ? (['insufficient'] as const) : []),
    ...(found.clientRenegotiation ? (['phase-out'] as const) : []),
  ];
}
