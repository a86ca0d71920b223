import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

/** A certificate made by the lab CA: PEM strings and the files they are in. */
export interface LabCertificate {
  key: string;
  /** The leaf alone. */
  cert: string;
  /** What a well-configured server sends: leaf then intermediate. */
  chain: string;
  keyFile: string;
  certFile: string;
  chainFile: string;
}

export interface IssueOptions {
  /** DNS names or IP addresses (subjectAltName); the first is the CN. */
  names: string[];
  key?: 'ec' | 'rsa2048';
  /** Negative for a certificate that has already expired. */
  days?: number;
  selfSigned?: boolean;
}

export interface LabCa {
  dir: string;
  rootPem: string;
  rootFile: string;
  intermediatePem: string;
  issue(label: string, options: IssueOptions): LabCertificate;
}

const openssl = (args: string[], cwd: string) =>
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });

function newKey(dir: string, file: string, kind: 'ec' | 'rsa2048') {
  const args =
    kind === 'ec'
      ? ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file]
      : ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', file];
  openssl(args, dir);
}

/**
 * A test PKI made with the openssl CLI: root → intermediate → leaves. Leaves can be self-signed,
 * expired, for any names, EC P-256 or RSA-2048.
 */
export function createLabCa(dir: string): LabCa {
  mkdirSync(dir, { recursive: true });
  newKey(dir, 'root.key', 'ec');
  openssl(
    [
      'req',
      '-x509',
      '-new',
      '-key',
      'root.key',
      '-sha256',
      '-days',
      '30',
      '-subj',
      '/CN=Zegel Lab Root',
      '-addext',
      'basicConstraints=critical,CA:true',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-out',
      'root.pem',
    ],
    dir,
  );
  newKey(dir, 'int.key', 'ec');
  openssl(
    ['req', '-new', '-key', 'int.key', '-subj', '/CN=Zegel Lab Intermediate', '-out', 'int.csr'],
    dir,
  );
  writeFileSync(
    join(dir, 'ca.ext'),
    'basicConstraints=critical,CA:true,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n',
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'int.csr',
      '-CA',
      'root.pem',
      '-CAkey',
      'root.key',
      '-CAcreateserial',
      '-sha256',
      '-days',
      '30',
      '-extfile',
      'ca.ext',
      '-out',
      'int.pem',
    ],
    dir,
  );
  const rootPem = readFileSync(join(dir, 'root.pem'), 'utf8');
  const intermediatePem = readFileSync(join(dir, 'int.pem'), 'utf8');

  return {
    dir,
    rootPem,
    rootFile: join(dir, 'root.pem'),
    intermediatePem,
    issue(label, options) {
      const keyFile = join(dir, `${label}.key`);
      const certFile = join(dir, `${label}.pem`);
      const chainFile = join(dir, `${label}.chain.pem`);
      newKey(dir, keyFile, options.key ?? 'ec');
      const san = options.names.map((n) => (isIP(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
      writeFileSync(
        join(dir, `${label}.ext`),
        `subjectAltName=${san}\nextendedKeyUsage=serverAuth\n`,
      );
      const days = String(options.days ?? 30);
      if (options.selfSigned) {
        openssl(
          [
            'req',
            '-x509',
            '-new',
            '-key',
            keyFile,
            '-sha256',
            '-days',
            days,
            '-subj',
            `/CN=${options.names[0]}`,
            '-addext',
            `subjectAltName=${san}`,
            '-out',
            certFile,
          ],
          dir,
        );
      } else {
        openssl(
          [
            'req',
            '-new',
            '-key',
            keyFile,
            '-subj',
            `/CN=${options.names[0]}`,
            '-out',
            `${label}.csr`,
          ],
          dir,
        );
        openssl(
          [
            'x509',
            '-req',
            '-in',
            `${label}.csr`,
            '-CA',
            'int.pem',
            '-CAkey',
            'int.key',
            '-CAcreateserial',
            '-sha256',
            '-days',
            days,
            '-extfile',
            `${label}.ext`,
            '-out',
            certFile,
          ],
          dir,
        );
      }
      const cert = readFileSync(certFile, 'utf8');
      const chain = options.selfSigned ? cert : cert + intermediatePem;
      writeFileSync(chainFile, chain);
      return { key: readFileSync(keyFile, 'utf8'), cert, chain, keyFile, certFile, chainFile };
    },
  };
}
