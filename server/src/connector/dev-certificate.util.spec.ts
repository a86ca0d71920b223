import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createServer, connect } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { createDevCertificate } from './dev-certificate.util';

describe('createDevCertificate', () => {
  it('makes a self-signed certificate for the host that Node parses and verifies', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const { cert, key } = createDevCertificate('zegel.example', 30, now);
    const x = new X509Certificate(cert);
    expect(x.subject).toBe('CN=zegel.example');
    expect(x.issuer).toBe('CN=zegel.example');
    expect(x.subjectAltName).toBe('DNS:zegel.example');
    expect(x.checkHost('zegel.example')).toBe('zegel.example');
    expect(x.checkHost('other.example')).toBeUndefined();
    expect(x.verify(x.publicKey)).toBe(true);
    expect(new Date(x.validTo).getTime() - now.getTime()).toBe(30 * 86_400_000);
    expect(x.checkPrivateKey(createPrivateKey(key))).toBe(true);
  });

  it('serves a TLS handshake that a client trusting it completes', async () => {
    const { cert, key } = createDevCertificate('localhost');
    const server = createServer({ cert, key }, (s) => s.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const text = await new Promise<string>((resolve, reject) => {
        const socket = connect({
          port: (server.address() as AddressInfo).port,
          host: '127.0.0.1',
          servername: 'localhost',
          ca: cert,
        });
        let got = '';
        socket.on('data', (d: Buffer) => (got += d.toString()));
        socket.on('end', () => resolve(got));
        socket.on('error', reject);
      });
      expect(text).toBe('ok');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('createDevCertificate, many times', () => {
  it('always produces a certificate that parses (minimal DER for every random serial)', () => {
    for (let i = 0; i < 400; i++) {
      const { cert } = createDevCertificate('localhost');
      expect(() => new X509Certificate(cert)).not.toThrow();
    }
  });
});
