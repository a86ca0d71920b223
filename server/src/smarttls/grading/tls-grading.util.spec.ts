import {
  gradeCipher,
  gradeDhGroup,
  gradeMisconfigurations,
  gradeSignatureAlgorithm,
  gradeGroup,
  gradeKey,
  gradeSignatureHash,
  gradeVersion,
  worstGrade,
} from './tls-grading.util';
import { OPENSSL_TLS12_CIPHERS } from '../probe/cipher-list.util';

describe('TLS grading (NCSC-NL 2025-05)', () => {
  it.each([
    ['TLSv1.3', 'good'],
    ['TLSv1.2', 'sufficient'],
    ['TLSv1.1', 'insufficient'],
    ['TLSv1', 'insufficient'],
  ] as const)('version %s is %s', (version, grade) => {
    expect(gradeVersion(version)).toBe(grade);
  });

  it.each([
    ['TLS_AES_256_GCM_SHA384', 'TLSv1.3', 'good'],
    ['TLS_CHACHA20_POLY1305_SHA256', 'TLSv1.3', 'good'],
    ['TLS_AES_128_GCM_SHA256', 'TLSv1.3', 'sufficient'],
    ['TLS_AES_128_CCM_SHA256', 'TLSv1.3', 'sufficient'],
    ['TLS_AES_128_CCM_8_SHA256', 'TLSv1.3', 'insufficient'],
    ['TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', 'TLSv1.2', 'sufficient'],
    ['TLS_ECDHE_ECDSA_WITH_AES_256_CCM', 'TLSv1.2', 'sufficient'],
    ['TLS_ECDHE_ECDSA_WITH_AES_128_CCM', 'TLSv1.2', 'sufficient'],
    ['TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8', 'TLSv1.2', 'insufficient'],
    ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLSv1.2', 'sufficient'],
    ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLSv1.2', 'sufficient'],
    ['TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384', 'TLSv1.2', 'phase-out'],
    ['TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256', 'TLSv1.2', 'phase-out'],
    ['TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384', 'TLSv1.2', 'phase-out'],
    ['TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256', 'TLSv1.2', 'phase-out'],
    ['TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', 'TLSv1.2', 'phase-out'],
    ['TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 'TLSv1.2', 'phase-out'],
    ['TLS_DHE_RSA_WITH_AES_128_CBC_SHA256', 'TLSv1.2', 'phase-out'],
    ['TLS_DHE_RSA_WITH_AES_128_CCM', 'TLSv1.2', 'phase-out'],
    ['TLS_DHE_RSA_WITH_AES_128_CBC_SHA', 'TLSv1.2', 'insufficient'],
    ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'TLSv1.2', 'insufficient'],
    ['TLS_RSA_WITH_AES_128_GCM_SHA256', 'TLSv1.2', 'insufficient'],
    ['TLS_DHE_DSS_WITH_AES_256_GCM_SHA384', 'TLSv1.2', 'insufficient'],
    ['TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256', 'TLSv1.2', 'insufficient'],
    ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'TLSv1.2', 'insufficient'],
    ['TLS_ECDH_anon_WITH_AES_128_CBC_SHA', 'TLSv1.2', 'insufficient'],
  ] as const)('suite %s (%s) is %s', (name, version, grade) => {
    expect(gradeCipher(name, version)).toBe(grade);
  });

  it('grades exactly eight TLS 1.2 suites of OpenSSL as sufficient', () => {
    const sufficient = OPENSSL_TLS12_CIPHERS.filter(
      ([, iana]) => gradeCipher(iana, 'TLSv1.2') === 'sufficient',
    );
    expect(sufficient).toHaveLength(8);
  });

  it.each([
    ['X25519', 'good'],
    ['X448', 'good'],
    ['prime256v1', 'good'],
    ['P-384', 'good'],
    ['secp521r1', 'good'],
    ['brainpoolP256r1', 'good'],
    ['X25519MLKEM768', 'good'],
    ['secp224r1', 'phase-out'],
    ['ffdhe3072', 'phase-out'],
    ['ffdhe8192', 'phase-out'],
    ['ffdhe2048', 'insufficient'],
    ['DH-2048', 'insufficient'],
    ['DH-4096', 'phase-out'],
    ['secp192r1', 'insufficient'],
  ])('group %s is %s', (name, grade) => {
    expect(gradeGroup(name)).toBe(grade);
  });

  it.each([
    ['rsa', 4096, undefined, 'good'],
    ['rsa', 3072, undefined, 'good'],
    ['rsa', 2048, undefined, 'phase-out'],
    ['rsa', 1024, undefined, 'insufficient'],
    ['ec', 256, 'prime256v1', 'good'],
    ['ec', 384, 'secp384r1', 'good'],
    ['ec', 256, 'brainpoolP256r1', 'good'],
    ['ec', 224, 'secp224r1', 'phase-out'],
    ['ec', 192, 'prime192v1', 'insufficient'],
    ['ed25519', undefined, undefined, 'good'],
    ['dsa', 2048, undefined, 'insufficient'],
  ] as const)('key %s %s %s is %s', (type, bits, curve, grade) => {
    expect(gradeKey(type, bits, curve)).toBe(grade);
  });

  it.each([
    ['SHA256', 'good'],
    ['SHA512', 'good'],
    ['Ed25519', 'good'],
    ['SHA224', 'phase-out'],
    ['SHA1', 'insufficient'],
    ['MD5', 'insufficient'],
  ])('signature hash %s is %s', (hash, grade) => {
    expect(gradeSignatureHash(hash)).toBe(grade);
  });

  it('takes the worst grade', () => {
    expect(worstGrade(['good', 'phase-out', 'sufficient'])).toBe('phase-out');
    expect(worstGrade(['good', 'insufficient'])).toBe('insufficient');
    expect(worstGrade([])).toBeNull();
  });
});

describe('key exchange parameters, signatures and misconfigurations', () => {
  it.each([
    ['ffdhe2048', 'insufficient'],
    ['ffdhe3072', 'phase-out'],
    ['ffdhe8192', 'phase-out'],
    ['modp14', 'insufficient'],
    ['modp16', 'insufficient'],
    ['custom-1024', 'insufficient'],
    ['custom-4096', 'insufficient'],
  ] as const)('DH group %s is %s', (name, grade) => {
    expect(gradeDhGroup(name)).toBe(grade);
  });

  it.each([
    ['ecdsa_secp256r1_sha256', 'good'],
    ['ed25519', 'good'],
    ['rsa_pss_rsae_sha256', 'good'],
    ['rsa_pkcs1_sha256', 'sufficient'],
    ['rsa_pkcs1_sha224', 'phase-out'],
    ['ecdsa_sha224', 'phase-out'],
    ['rsa_pkcs1_sha1', 'insufficient'],
    ['ecdsa_sha1', 'insufficient'],
    ['dsa_sha256', 'insufficient'],
  ] as const)('signature algorithm %s is %s', (name, grade) => {
    expect(gradeSignatureAlgorithm(name)).toBe(grade);
  });

  it('grades compression and renegotiation', () => {
    expect(
      gradeMisconfigurations({
        compression: false,
        secureRenegotiation: true,
        clientRenegotiation: false,
      }),
    ).toEqual([]);
    expect(
      gradeMisconfigurations({
        compression: true,
        secureRenegotiation: false,
        clientRenegotiation: true,
      }),
    ).toEqual(['insufficient', 'insufficient', 'phase-out']);
    expect(
      gradeMisconfigurations({
        compression: null,
        secureRenegotiation: null,
        clientRenegotiation: null,
      }),
    ).toEqual([]);
  });
});
