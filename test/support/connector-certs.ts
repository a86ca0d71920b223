import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ClientCertificate {
  cert: Buffer;
  key: Buffer;
}

export interface ConnectorCerts {
  dir: string;
  /** The CA that the connector trusts for client certificates (ZEGEL_SMTP_CLIENT_CA_FILE). */
  caFile: string;
  /** Signed by the CA, subject CN=mail.protection.outlook.com, as Exchange Online presents. */
  exchange: ClientCertificate;
  /** Signed by the CA but for another name. */
  otherName: ClientCertificate;
  /** The right name, but self-signed: no chain to the CA. */
  untrusted: ClientCertificate;
  /** Server certificate and key for localhost, signed by the same CA (for Postfix or Zegel). */
  serverCertFile: string;
  serverKeyFile: string;
  cleanup(): void;
}

const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });

function keyAndCsr(dir: string, name: string, cn: string): void {
  openssl([
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    join(dir, `${name}.key`),
    '-out',
    join(dir, `${name}.csr`),
    '-subj',
    `/CN=${cn}`,
  ]);
}

function sign(dir: string, name: string, cn: string, usage: string): void {
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=DNS:${cn}\nextendedKeyUsage=${usage}\n`);
  openssl([
    'x509',
    '-req',
    '-in',
    join(dir, `${name}.csr`),
    '-CA',
    join(dir, 'ca.pem'),
    '-CAkey',
    join(dir, 'ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-out',
    join(dir, `${name}.pem`),
    '-extfile',
    join(dir, `${name}.ext`),
  ]);
}

/** A test CA and the client and server certificates the connector tests need, made with openssl. */
export function makeConnectorCerts(): ConnectorCerts {
  const dir = mkdtempSync(join(tmpdir(), 'zegel-connector-certs-'));
  openssl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    join(dir, 'ca.key'),
    '-out',
    join(dir, 'ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Zegel Test CA',
  ]);
  keyAndCsr(dir, 'exchange', 'mail.protection.outlook.com');
  sign(dir, 'exchange', 'mail.protection.outlook.com', 'clientAuth');
  keyAndCsr(dir, 'other', 'relay.evil.example');
  sign(dir, 'other', 'relay.evil.example', 'clientAuth');
  openssl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    join(dir, 'untrusted.key'),
    '-out',
    join(dir, 'untrusted.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=mail.protection.outlook.com',
  ]);
  keyAndCsr(dir, 'server', 'localhost');
  sign(dir, 'server', 'localhost', 'serverAuth,clientAuth');
  const pair = (name: string): ClientCertificate => ({
    cert: readFileSync(join(dir, `${name}.pem`)),
    key: readFileSync(join(dir, `${name}.key`)),
  });
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    exchange: pair('exchange'),
    otherName: pair('other'),
    untrusted: pair('untrusted'),
    serverCertFile: join(dir, 'server.pem'),
    serverKeyFile: join(dir, 'server.key'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
