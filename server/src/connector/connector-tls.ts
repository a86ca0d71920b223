import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import type { ZegelConfig } from '../config/config';
import { createDevCertificate } from './dev-certificate.util';

export interface ConnectorTls {
  cert: Buffer;
  key: Buffer;
  /** CAs a client certificate must chain to; undefined means Node's built-in roots. */
  ca?: Buffer;
  development: boolean;
  /** The host name the certificate is for: what the connector calls itself in its greeting. */
  name: string;
}

/** The first DNS name of a certificate, else its CN. */
export function certificateHost(pem: Buffer): string | undefined {
  const x = new X509Certificate(pem);
  const san = /DNS:([^,\s]+)/.exec(x.subjectAltName ?? '')?.[1];
  return san ?? /CN=([^,\n]+)/.exec(x.subject)?.[1];
}

/**
 * The connector's certificate: the configured files, or in development a self-signed certificate
 * for the SMTP host kept in the key directory (created on first start, reused afterwards).
 */
export function loadConnectorTls(config: ZegelConfig): ConnectorTls {
  const c = config.connector;
  const ca = c.clientCaFile ? readFileSync(c.clientCaFile) : undefined;
  if (c.certFile && c.keyFile) {
    const cert = readFileSync(c.certFile);
    // Parsed here so a bad file stops the start, not the first STARTTLS.
    const name = certificateHost(cert) ?? hostname();
    return { cert, key: readFileSync(c.keyFile), ca, development: false, name };
  }
  const certFile = join(config.keyDir, 'smtp-dev-cert.pem');
  const keyFile = join(config.keyDir, 'smtp-dev-key.pem');
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    mkdirSync(config.keyDir, { recursive: true, mode: 0o700 });
    const host =
      config.smtp.host === '127.0.0.1' || config.smtp.host === '::1'
        ? 'localhost'
        : config.smtp.host;
    const generated = createDevCertificate(host);
    writeFileSync(keyFile, generated.key, { mode: 0o600 });
    chmodSync(keyFile, 0o600);
    writeFileSync(certFile, generated.cert);
  }
  const cert = readFileSync(certFile);
  const name = certificateHost(cert) ?? hostname();
  return { cert, key: readFileSync(keyFile), ca, development: true, name };
}
