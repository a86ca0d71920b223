import { createHash, getDiffieHellman, randomBytes } from 'node:crypto';
import { suiteName } from './cipher-codes.util';

/**
 * Hand-built ClientHello records and a parser for what a server answers, up to ServerHelloDone.
 * Our own code because Node's OpenSSL 3 refuses to offer SSLv2, SSLv3, RC4, 3DES, DES and EXPORT
 * suites and hides the DH prime, the compression method and the key-exchange signature algorithm;
 * the protocol bytes themselves need no cryptography (RFC 5246 sections 6.2 and 7.4, RFC 6101,
 * and the SSLv2 draft for the old two-byte record header).
 */

export const VERSION_CODES = {
  SSLv3: 0x0300,
  TLSv1: 0x0301,
  'TLSv1.1': 0x0302,
  'TLSv1.2': 0x0303,
} as const;
export type RawVersion = keyof typeof VERSION_CODES;
export const versionName = (code: number): string =>
  (Object.entries(VERSION_CODES).find(([, c]) => c === code)?.[0] as string | undefined) ??
  `0x${code.toString(16)}`;

/** Groups offered in supported_groups: every named group a server may still pick. */
const GROUPS = [
  0x001d, 0x0017, 0x0018, 0x0019, 0x001e, 0x0015, 0x001a, 0x001b, 0x001c, 0x0100, 0x0101, 0x0102,
  0x0103, 0x0104,
];
export const GROUP_NAMES: Record<number, string> = {
  0x0015: 'secp224r1',
  0x0017: 'secp256r1',
  0x0018: 'secp384r1',
  0x0019: 'secp521r1',
  0x001a: 'brainpoolP256r1',
  0x001b: 'brainpoolP384r1',
  0x001c: 'brainpoolP512r1',
  0x001d: 'X25519',
  0x001e: 'X448',
};
/** signature_algorithms offered for TLS 1.2, SHA-1 and SHA-224 included so that a server's choice shows. */
const SIGALGS = [
  0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080a, 0x080b, 0x0401,
  0x0501, 0x0601, 0x0303, 0x0301, 0x0302, 0x0203, 0x0201, 0x0202,
];
export const SIGALG_NAMES: Record<number, string> = {
  0x0201: 'rsa_pkcs1_sha1',
  0x0202: 'dsa_sha1',
  0x0203: 'ecdsa_sha1',
  0x0301: 'rsa_pkcs1_sha224',
  0x0302: 'dsa_sha224',
  0x0303: 'ecdsa_sha224',
  0x0401: 'rsa_pkcs1_sha256',
  0x0403: 'ecdsa_secp256r1_sha256',
  0x0501: 'rsa_pkcs1_sha384',
  0x0503: 'ecdsa_secp384r1_sha384',
  0x0601: 'rsa_pkcs1_sha512',
  0x0603: 'ecdsa_secp521r1_sha512',
  0x0804: 'rsa_pss_rsae_sha256',
  0x0805: 'rsa_pss_rsae_sha384',
  0x0806: 'rsa_pss_rsae_sha512',
  0x0807: 'ed25519',
  0x0808: 'ed448',
  0x0809: 'rsa_pss_pss_sha256',
  0x080a: 'rsa_pss_pss_sha384',
  0x080b: 'rsa_pss_pss_sha512',
};

const u16 = (n: number) => Buffer.from([(n >> 8) & 255, n & 255]);
const u24 = (n: number) => Buffer.from([(n >> 16) & 255, (n >> 8) & 255, n & 255]);
const vec16 = (b: Buffer) => Buffer.concat([u16(b.length), b]);
const vec8 = (b: Buffer) => Buffer.concat([Buffer.from([b.length]), b]);
const ext = (type: number, body: Buffer) => Buffer.concat([u16(type), vec16(body)]);

export interface ClientHelloOptions {
  version: RawVersion;
  suites: number[];
  servername?: string;
  /** Compression methods to offer; default [0] (null). DEFLATE is 1. */
  compression?: number[];
}

/** A TLS (or SSLv3) ClientHello record. SSLv3 carries no extensions. */
export function buildClientHello(options: ClientHelloOptions): Buffer {
  const version = VERSION_CODES[options.version];
  const extensions: Buffer[] = [];
  if (options.version !== 'SSLv3') {
    if (options.servername && !/^[\d.]+$|:/.test(options.servername)) {
      const name = Buffer.from(options.servername, 'ascii');
      extensions.push(ext(0, vec16(Buffer.concat([Buffer.from([0]), vec16(name)]))));
    }
    extensions.push(ext(10, vec16(Buffer.concat(GROUPS.map(u16)))));
    extensions.push(ext(11, vec8(Buffer.from([0]))));
    if (options.version === 'TLSv1.2')
      extensions.push(ext(13, vec16(Buffer.concat(SIGALGS.map(u16)))));
    // RFC 5746: an empty renegotiation_info asks the server to show secure renegotiation.
    extensions.push(ext(0xff01, Buffer.from([0])));
  }
  const body = Buffer.concat([
    u16(version),
    randomBytes(32),
    Buffer.from([0]),
    vec16(Buffer.concat(options.suites.map(u16))),
    vec8(Buffer.from(options.compression ?? [0])),
    ...(extensions.length ? [vec16(Buffer.concat(extensions))] : []),
  ]);
  const handshake = Buffer.concat([Buffer.from([1]), u24(body.length), body]);
  // Record version 0x0301 for TLS (what servers expect in the first record), 0x0300 for SSLv3.
  const recordVersion = options.version === 'SSLv3' ? 0x0300 : 0x0301;
  return Buffer.concat([Buffer.from([0x16]), u16(recordVersion), vec16(handshake)]);
}

/** An SSLv2 CLIENT-HELLO with the given 3-byte cipher kinds (two-byte record header). */
export function buildSslv2ClientHello(specs: number[]): Buffer {
  const ciphers = Buffer.concat(
    specs.map((s) => Buffer.from([(s >> 16) & 255, (s >> 8) & 255, s & 255])),
  );
  const challenge = randomBytes(16);
  const body = Buffer.concat([
    Buffer.from([1]),
    u16(0x0002),
    u16(ciphers.length),
    u16(0),
    u16(challenge.length),
    ciphers,
    challenge,
  ]);
  return Buffer.concat([u16(0x8000 | body.length), body]);
}

export interface ServerKeyExchange {
  kind: 'dhe' | 'ecdhe';
  /** DHE: the prime, big-endian without leading zeros. */
  prime?: Buffer;
  generator?: Buffer;
  /** ECDHE: the named group. */
  group?: string;
  /** TLS 1.2: the signature algorithm the server signed the parameters with. */
  signatureAlgorithm?: string;
}

export type ServerFlight =
  | { kind: 'incomplete' }
  | { kind: 'alert'; level: number; description: number }
  | { kind: 'sslv2'; specs: number[] }
  | {
      kind: 'hello';
      version: string;
      suite: string;
      suiteCode: number;
      compression: number;
      secureRenegotiation: boolean;
      certificates: Buffer[];
      keyExchange?: ServerKeyExchange;
      /** ServerHelloDone (or an unparseable rest) was reached. */
      done: boolean;
    }
  | { kind: 'garbage'; problem: string };

/** Reads the bytes a server sent so far; `incomplete` means wait for more. */
export function parseServerFlight(data: Buffer): ServerFlight {
  if (data.length < 2) return { kind: 'incomplete' };
  if (data[0] & 0x80) return parseSslv2(data);
  const handshake: Buffer[] = [];
  let offset = 0;
  while (offset + 5 <= data.length) {
    const type = data[offset];
    const length = data.readUInt16BE(offset + 3);
    if (offset + 5 + length > data.length) break;
    const fragment = data.subarray(offset + 5, offset + 5 + length);
    offset += 5 + length;
    if (type === 0x15 && fragment.length >= 2)
      return { kind: 'alert', level: fragment[0], description: fragment[1] };
    if (type === 0x16) handshake.push(fragment);
    else if (type !== 0x14) return { kind: 'garbage', problem: `record type ${type}` };
  }
  if (!handshake.length) {
    return data[0] === 0x16 || data[0] === 0x15
      ? { kind: 'incomplete' }
      : { kind: 'garbage', problem: `first byte 0x${data[0].toString(16)}` };
  }
  return parseHandshake(Buffer.concat(handshake));
}

function parseSslv2(data: Buffer): ServerFlight {
  const length = ((data[0] & 0x7f) << 8) | data[1];
  if (data.length < 2 + length) return { kind: 'incomplete' };
  const body = data.subarray(2, 2 + length);
  if (body[0] !== 4 || body.length < 11) return { kind: 'garbage', problem: 'not an SSLv2 hello' };
  const certLength = body.readUInt16BE(5);
  const specsLength = body.readUInt16BE(7);
  const start = 11 + certLength;
  const specs: number[] = [];
  for (let i = start; i + 3 <= start + specsLength && i + 3 <= body.length; i += 3)
    specs.push((body[i] << 16) | (body[i + 1] << 8) | body[i + 2]);
  return { kind: 'sslv2', specs };
}

function parseHandshake(stream: Buffer): ServerFlight {
  let offset = 0;
  let hello: Extract<ServerFlight, { kind: 'hello' }> | undefined;
  while (offset + 4 <= stream.length) {
    const type = stream[offset];
    const length = stream.readUIntBE(offset + 1, 3);
    if (offset + 4 + length > stream.length) break;
    const body = stream.subarray(offset + 4, offset + 4 + length);
    offset += 4 + length;
    try {
      if (type === 2) hello = readServerHello(body);
      else if (!hello)
        return { kind: 'garbage', problem: `handshake type ${type} before ServerHello` };
      else if (type === 11) hello.certificates = readCertificates(body);
      else if (type === 12) hello.keyExchange = readKeyExchange(body, hello);
      else if (type === 14) {
        hello.done = true;
        return hello;
      }
    } catch (error) {
      if (hello) return { ...hello, done: true };
      return { kind: 'garbage', problem: (error as Error).message };
    }
  }
  return hello ?? { kind: 'incomplete' };
}

function readServerHello(body: Buffer): Extract<ServerFlight, { kind: 'hello' }> {
  const version = body.readUInt16BE(0);
  let at = 34;
  at += 1 + body[at];
  const suiteCode = body.readUInt16BE(at);
  const compression = body[at + 2];
  at += 3;
  let secureRenegotiation = false;
  if (at + 2 <= body.length) {
    const end = at + 2 + body.readUInt16BE(at);
    at += 2;
    while (at + 4 <= end) {
      const type = body.readUInt16BE(at);
      const length = body.readUInt16BE(at + 2);
      if (type === 0xff01) secureRenegotiation = true;
      at += 4 + length;
    }
  }
  return {
    kind: 'hello',
    version: versionName(version),
    suite: suiteName(suiteCode),
    suiteCode,
    compression,
    secureRenegotiation,
    certificates: [],
    done: false,
  };
}

function readCertificates(body: Buffer): Buffer[] {
  const certificates: Buffer[] = [];
  const end = 3 + body.readUIntBE(0, 3);
  for (let at = 3; at + 3 <= end;) {
    const length = body.readUIntBE(at, 3);
    certificates.push(Buffer.from(body.subarray(at + 3, at + 3 + length)));
    at += 3 + length;
  }
  return certificates;
}

function readKeyExchange(
  body: Buffer,
  hello: Extract<ServerFlight, { kind: 'hello' }>,
): ServerKeyExchange | undefined {
  const tls12 = hello.version === 'TLSv1.2';
  const sigalg = (at: number) =>
    tls12 && at + 2 <= body.length
      ? (SIGALG_NAMES[body.readUInt16BE(at)] ?? `0x${body.readUInt16BE(at).toString(16)}`)
      : undefined;
  if (/_DHE_|_DH_anon_/.test(hello.suite)) {
    let at = 0;
    const take = () => {
      const length = body.readUInt16BE(at);
      const value = body.subarray(at + 2, at + 2 + length);
      at += 2 + length;
      return value;
    };
    const prime = stripZeros(take());
    const generator = stripZeros(take());
    take(); // the server's public value
    return {
      kind: 'dhe',
      prime: Buffer.from(prime),
      generator: Buffer.from(generator),
      signatureAlgorithm: sigalg(at),
    };
  }
  if (/_ECDHE_|_ECDH_anon_/.test(hello.suite) && body[0] === 3) {
    const code = body.readUInt16BE(1);
    const at = 4 + body[3];
    return {
      kind: 'ecdhe',
      group: GROUP_NAMES[code] ?? `0x${code.toString(16)}`,
      signatureAlgorithm: sigalg(at),
    };
  }
  return undefined;
}

function stripZeros(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

/**
 * SHA-256 of the well-known primes: RFC 7919 (ffdhe, computed from `openssl genpkey -genparam
 * -algorithm DH -pkeyopt group:ffdheN`) and RFC 2409/3526 (modp, from Node's built-in groups).
 */
const FFDHE: Record<string, string> = {
  '9cd3b7f336872f46c09428d1bbc19877a4d440512cda8d1c1cf0cd6e33698966': 'ffdhe2048',
  '0eaf67db3a839156d5013494a5318a772b5697d270d721f37f092efc69ea5a17': 'ffdhe3072',
  '4648414224ac881b3d0dc59b466f96d06a558278776807797ecf1f66ff397b3e': 'ffdhe4096',
  '227ac9066b3ddd9e193670cda2388fa884f65ba0cf98b742d1fe77a6687c79c7': 'ffdhe6144',
  '770b14efaf6f049929c523113b3fa99a8d11dab1b18af3609590122075d19833': 'ffdhe8192',
};
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let known: Map<string, string> | undefined;
function knownPrimes(): Map<string, string> {
  if (!known) {
    known = new Map(Object.entries(FFDHE));
    for (const group of [
      'modp1',
      'modp2',
      'modp5',
      'modp14',
      'modp15',
      'modp16',
      'modp17',
      'modp18',
    ])
      known.set(sha256(getDiffieHellman(group).getPrime()), group);
  }
  return known;
}

/** Names a DH prime: an RFC 7919 group, an RFC 2409/3526 MODP group, or `custom`. */
export function identifyPrime(prime: Buffer): { name: string; bits: number; known: boolean } {
  const p = stripZeros(prime);
  const bits = p.length * 8 - Math.clz32(p[0]) + 24;
  const name = knownPrimes().get(sha256(p));
  return { name: name ?? `custom-${bits}`, bits, known: !!name };
}
