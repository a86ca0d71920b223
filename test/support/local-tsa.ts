import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface LocalTsa {
  url: string;
  /** The test CA that issued the TSA certificate (PEM file). */
  caFile: string;
  /** The TSA certificate (PEM file). */
  tsaCertFile: string;
  /** How many requests it answered. */
  requests(): number;
  close(): Promise<void>;
}

/**
 * An RFC 3161 time-stamping authority for tests: `openssl ts -reply` with a throw-away test CA
 * (TSA certificate with critical extendedKeyUsage timeStamping) behind a small HTTP wrapper on
 * loopback, as a real TSA answers over HTTP (RFC 3161 §3.4).
 */
export async function startLocalTsa(): Promise<LocalTsa> {
  const dir = mkdtempSync(join(tmpdir(), 'zegel-tsa-'));
  const file = (name: string) => join(dir, name);
  const ssl = (...args: string[]) => run('openssl', args, { cwd: dir });
  await ssl(
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Zegel test TSA CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign',
  ); // prettier-ignore
  await ssl(
    'req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', '/CN=Zegel test TSA',
  ); // prettier-ignore
  writeFileSync(
    file('tsa-ext.cnf'),
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n',
  );
  await ssl(
    'x509', '-req', '-in', 'tsa.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
    '-out', 'tsa.pem', '-days', '2', '-extfile', 'tsa-ext.cnf',
  ); // prettier-ignore
  writeFileSync(file('serial'), '01\n');
  writeFileSync(
    file('tsa.cnf'),
    `[ tsa ]
default_tsa = zegel_test
[ zegel_test ]
dir = ${dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.pem
certs = $dir/ca.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`,
  );
  let count = 0;
  let next = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = ++next;
      const query = file(`req-${id}.tsq`);
      const reply = file(`resp-${id}.tsr`);
      writeFileSync(query, Buffer.concat(chunks));
      run('openssl', [
        'ts',
        '-reply',
        '-config',
        file('tsa.cnf'),
        '-queryfile',
        query,
        '-out',
        reply,
      ])
        .then(() => {
          count++;
          res.writeHead(200, { 'content-type': 'application/timestamp-reply' });
          res.end(readFileSync(reply));
        })
        .catch((error: Error) => {
          res.writeHead(400, { 'content-type': 'text/plain' });
          res.end(error.message);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    caFile: file('ca.pem'),
    tsaCertFile: file('tsa.pem'),
    requests: () => count,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
