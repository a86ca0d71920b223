import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

// A minimal DER writer: just enough ASN.1 for one self-signed X.509 v3 certificate.
const len = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const tlv = (tag: number, body: Buffer): Buffer =>
  Buffer.concat([Buffer.from([tag]), len(body.length), body]);
const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const oid = (dotted: string): Buffer => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [a * 40 + b];
  for (const n of rest) {
    const bytes = [n & 0x7f];
    for (let v = n >>> 7; v > 0; v >>>= 7) bytes.unshift(0x80 | (v & 0x7f));
    out.push(...bytes);
  }
  return tlv(0x06, Buffer.from(out));
};
const integer = (value: Buffer): Buffer =>
  tlv(0x02, value[0] & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value);
const utcTime = (d: Date): Buffer =>
  tlv(0x17, Buffer.from(d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z', 'ascii'));
const name = (cn: string) => seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn, 'utf8')))));

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

/**
 * A self-signed ECDSA P-256 certificate for `host`, valid for `days`, as PEM. Only for development:
 * a configured certificate (ZEGEL_SMTP_TLS_CERT_FILE) replaces it in production.
 */
export function createDevCertificate(
  host: string,
  days = 365,
  now = new Date(),
): { cert: string; key: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const cert = selfSign(host, privateKey, publicKey, days, now);
  return { cert, key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

function selfSign(
  host: string,
  privateKey: KeyObject,
  publicKey: KeyObject,
  days: number,
  now: Date,
): string {
  const serial = randomBytes(16);
  // Positive and without a leading zero byte: DER integers must be minimal, and a serial starting
  // 0x00 0x0… would be refused as "illegal padding" (once in about 256 certificates).
  serial[0] = (serial[0] & 0x7f) | 0x40;
  const notBefore = new Date(now.getTime() - 60_000);
  const notAfter = new Date(now.getTime() + days * 86_400_000);
  const san = seq(tlv(0x82, Buffer.from(host, 'ascii')));
  const extensions = tlv(0xa3, seq(seq(oid('2.5.29.17'), tlv(0x04, san))));
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    ECDSA_SHA256,
    name(host),
    seq(utcTime(notBefore), utcTime(notAfter)),
    name(host),
    spki,
    extensions,
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, ECDSA_SHA256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const lines = der.toString('base64').match(/.{1,64}/g)!;
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
