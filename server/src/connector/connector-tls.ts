import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
    new X509Certificate(cert); // fails at start, not at the first STARTTLS, on a bad file
    return { cert, key: readFileSync(c.keyFile), ca, development: false };
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
  return { cert: readFileSync(certFile), key: readFileSync(keyFile), ca, development: true };
}
