import { X509Certificate } from 'node:crypto';
import { analyzeCertificate, nameMatches, signatureHashOf } from './certificate.util';
import { INT_PEM, LEAF_PEM, OLD_PEM, ROOT_PEM } from './certificate.fixtures';

const leaf = new X509Certificate(LEAF_PEM);
const int = new X509Certificate(INT_PEM);
const root = new X509Certificate(ROOT_PEM);
const old = new X509Certificate(OLD_PEM);
const now = new Date('2030-01-01T00:00:00Z');

describe('certificate analysis', () => {
  it('reads the signature hash from the DER', () => {
    expect(signatureHashOf(leaf.raw)).toBe('SHA256');
    expect(signatureHashOf(old.raw)).toBe('SHA1');
    expect(signatureHashOf(Buffer.from([0x30, 0x05]))).toBe('unknown');
  });

  it.each([
    ['mx.example.test', true],
    ['MX.example.test.', true],
    ['a.wild.example.test', true],
    ['a.b.wild.example.test', false],
    ['other.example.test', false],
  ])('name %s matches: %s', (host, expected) => {
    expect(nameMatches(leaf, host)).toBe(expected);
  });

  it('grades a good chain and leaves the sent root out of the grade', () => {
    const finding = analyzeCertificate({
      sent: [leaf, int, root],
      host: 'mx.example.test',
      authorized: true,
      now,
    });
    expect(finding).toMatchObject({
      trusted: true,
      nameMatches: true,
      expired: false,
      selfSigned: false,
      grade: 'good',
    });
    expect(finding.chain).toHaveLength(3);
    expect(finding.chain[0]).toMatchObject({
      keyType: 'ec',
      curve: 'prime256v1',
      signatureHash: 'SHA256',
    });
  });

  it('flags a missing intermediate, a self-signed SHA-1 certificate and expiry', () => {
    const missing = analyzeCertificate({
      sent: [leaf],
      host: 'mx.example.test',
      authorized: false,
      authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      now,
    });
    expect(missing).toMatchObject({ trusted: false, chainIncomplete: true, selfSigned: false });
    const selfSigned = analyzeCertificate({
      sent: [old],
      host: 'mx.example.test',
      authorized: false,
      authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      now: new Date('2200-01-01T00:00:00Z'),
    });
    expect(selfSigned).toMatchObject({
      selfSigned: true,
      chainIncomplete: false,
      nameMatches: false,
      expired: true,
      grade: 'insufficient',
    });
    expect(selfSigned.chain[0]).toMatchObject({
      keyType: 'rsa',
      keyBits: 2048,
      keyGrade: 'phase-out',
      signatureGrade: 'insufficient',
    });
  });
});
