import { createDiffieHellman, getDiffieHellman } from 'node:crypto';
import { connect, createServer, type AddressInfo } from 'node:net';
import { createServer as createTlsServer, type Server } from 'node:tls';
import { createDevCertificate } from '../../connector/dev-certificate.util';
import { TLS12_CODES, LEGACY_CODES } from './cipher-codes.util';
import {
  buildClientHello,
  buildSslv2ClientHello,
  identifyPrime,
  parseServerFlight,
  type ServerFlight,
} from './raw-tls.util';

/** Sends raw bytes to a real Node TLS server and parses what comes back. */
function ask(port: number, hello: Buffer): Promise<ServerFlight> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    const done = () => {
      socket.destroy();
      resolve(parseServerFlight(data));
    };
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const flight = parseServerFlight(data);
      if (flight.kind !== 'incomplete' && !(flight.kind === 'hello' && !flight.done)) done();
    });
    socket.on('close', done);
    socket.on('error', reject);
    socket.write(hello);
  });
}

describe('hand-built ClientHello against a real TLS server', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    const { cert, key } = createDevCertificate('mx.raw.test');
    server = createTlsServer({ cert, key, minVersion: 'TLSv1.2', ecdhCurve: 'P-256' });
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('reads ServerHello, certificate, group and signature algorithm of TLS 1.2', async () => {
    const flight = await ask(
      port,
      buildClientHello({
        version: 'TLSv1.2',
        suites: Object.values(TLS12_CODES),
        servername: 'mx.raw.test',
        compression: [1, 0],
      }),
    );
    expect(flight).toMatchObject({
      kind: 'hello',
      version: 'TLSv1.2',
      suite: expect.stringMatching(/^TLS_ECDHE_ECDSA_WITH_/),
      compression: 0,
      secureRenegotiation: true,
      done: true,
      keyExchange: {
        kind: 'ecdhe',
        group: 'secp256r1',
        signatureAlgorithm: 'ecdsa_secp256r1_sha256',
      },
    });
    expect((flight as { certificates: Buffer[] }).certificates).toHaveLength(1);
  });

  it('gets an alert for SSLv3, TLS 1.0 and suites the server does not have', async () => {
    for (const version of ['SSLv3', 'TLSv1'] as const) {
      const flight = await ask(
        port,
        buildClientHello({ version, suites: Object.values(TLS12_CODES) }),
      );
      expect(flight.kind).toBe('alert');
    }
    const legacy = await ask(
      port,
      buildClientHello({ version: 'TLSv1.2', suites: Object.values(LEGACY_CODES) }),
    );
    expect(legacy).toMatchObject({ kind: 'alert', description: 40 });
  });

  it('gets no SSLv2 server hello', async () => {
    const flight = await ask(port, buildSslv2ClientHello([0x010080, 0x0700c0]));
    expect(['alert', 'garbage', 'incomplete']).toContain(flight.kind);
  });
});

describe('parsing', () => {
  it('reads an SSLv2 SERVER-HELLO', () => {
    const body = Buffer.from([4, 0, 1, 0, 2, 0, 0, 0, 6, 0, 16, 1, 0, 0x80, 7, 0, 0xc0]);
    const data = Buffer.concat([Buffer.from([0x80, body.length]), body]);
    expect(parseServerFlight(data)).toEqual({ kind: 'sslv2', specs: [0x010080, 0x0700c0] });
  });

  it('waits for the rest of a split record', () => {
    const hello = buildClientHello({ version: 'TLSv1.2', suites: [0xc02b] });
    expect(parseServerFlight(Buffer.from([0x16, 3, 3, 0, 80]))).toEqual({ kind: 'incomplete' });
    expect(parseServerFlight(hello.subarray(0, 3))).toEqual({ kind: 'incomplete' });
  });

  it('names well-known DH primes and calls others custom', () => {
    expect(identifyPrime(getDiffieHellman('modp14').getPrime())).toEqual({
      name: 'modp14',
      bits: 2048,
      known: true,
    });
    const custom = createDiffieHellman(512).getPrime();
    expect(identifyPrime(custom)).toEqual({ name: 'custom-512', bits: 512, known: false });
  });

  it('reads the DH prime from a ServerKeyExchange', () => {
    const p = getDiffieHellman('modp2').getPrime();
    const vec = (b: Buffer) => Buffer.concat([Buffer.from([b.length >> 8, b.length & 255]), b]);
    const hello = Buffer.concat([
      Buffer.from([3, 3]),
      Buffer.alloc(32),
      Buffer.from([0]),
      Buffer.from([0x00, 0x9e]), // TLS_DHE_RSA_WITH_AES_128_GCM_SHA256
      Buffer.from([0]),
    ]);
    const ske = Buffer.concat([
      vec(p),
      vec(Buffer.from([2])),
      vec(Buffer.alloc(128, 7)),
      Buffer.from([0x04, 0x01]),
      vec(Buffer.alloc(8)),
    ]);
    const msg = (type: number, body: Buffer) =>
      Buffer.concat([Buffer.from([type, 0, body.length >> 8, body.length & 255]), body]);
    const stream = Buffer.concat([msg(2, hello), msg(12, ske), msg(14, Buffer.alloc(0))]);
    const record = Buffer.concat([
      Buffer.from([0x16, 3, 3, stream.length >> 8, stream.length & 255]),
      stream,
    ]);
    const flight = parseServerFlight(record);
    expect(flight).toMatchObject({
      kind: 'hello',
      suite: 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256',
      keyExchange: { kind: 'dhe', signatureAlgorithm: 'rsa_pkcs1_sha256' },
      done: true,
    });
    const prime = (flight as { keyExchange: { prime: Buffer } }).keyExchange.prime;
    expect(identifyPrime(prime).name).toBe('modp2');
  });
});

// A server that is not TLS at all answers with garbage, never a crash.
it('calls a non-TLS answer garbage', async () => {
  const sockets = new Set<import('node:net').Socket>();
  const plain = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.end('220 hello\r\n');
  });
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
  const flight = await ask(
    (plain.address() as AddressInfo).port,
    buildClientHello({ version: 'TLSv1.2', suites: [0xc02b] }),
  );
  expect(flight.kind).toBe('garbage');
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => plain.close(() => r()));
});
