import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as dnsPacket from 'dns-packet';
import { freePort } from './server-process';

/** One zone served by the lab resolver. */
export interface LabZone {
  /** Zone apex without the trailing dot, e.g. `dane-good.test`. */
  name: string;
  /** Zone-file lines relative to the apex (`@ MX 10 mx.example.test.`); SOA and NS are added. */
  records: string[];
  /** unsigned (insecure), signed, or signed with signatures that expired yesterday. */
  signing: 'unsigned' | 'signed' | 'expired';
  /** Owner names (absolute, with trailing dot) and types whose RRSIG is corrupted to make them bogus. */
  tamper?: { owner: string; type: string }[];
}

export interface LabDns {
  host: string;
  port: number;
  /** The resolver as `host:port`, the form ZEGEL_DNS_RESOLVER takes. */
  address: string;
  close(): Promise<void>;
}

function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const stamp = (date: Date) => date.toISOString().replace(/[-:T]/g, '').slice(0, 14);

/** Signs a zone file with ldns-signzone and returns the DNSKEY for the trust anchor. */
function signZone(dir: string, zone: LabZone, file: string): string {
  if (!hasCommand('ldns-signzone'))
    throw new Error('ldns-signzone is missing (Debian package ldnsutils)');
  const base = execFileSync('ldns-keygen', ['-a', 'ECDSAP256SHA256', '-k', zone.name], {
    cwd: dir,
    stdio: 'pipe',
  })
    .toString()
    .trim();
  const now = Date.now();
  const [inception, expiration] =
    zone.signing === 'expired'
      ? [new Date(now - 10 * 86400_000), new Date(now - 86400_000)]
      : [new Date(now - 3600_000), new Date(now + 7 * 86400_000)];
  execFileSync(
    'ldns-signzone',
    ['-i', stamp(inception), '-e', stamp(expiration), '-f', `${file}.signed`, file, base],
    {
      cwd: dir,
      stdio: 'pipe',
    },
  );
  if (zone.tamper?.length) {
    const lines = readFileSync(join(dir, `${file}.signed`), 'utf8').split('\n');
    const tampered = lines.map((line) => {
      const fields = line.split(/\s+/);
      const hit = zone.tamper!.some(
        (t) => fields[0] === t.owner && fields[3] === 'RRSIG' && fields[4] === t.type,
      );
      if (!hit) return line;
      // Flip one character of the base64 signature: still well-formed, no longer valid.
      const sig = fields[fields.length - 1];
      const flipped = (sig[4] === 'A' ? 'B' : 'A') + '';
      fields[fields.length - 1] = sig.slice(0, 4) + flipped + sig.slice(5);
      return fields.join('\t');
    });
    writeFileSync(join(dir, `${file}.signed`), tampered.join('\n'));
  }
  return readFileSync(join(dir, `${base}.key`), 'utf8');
}

/** Asks the resolver one question; resolves with the rcode, or null on no answer in time. */
export function labQuery(
  host: string,
  port: number,
  name: string,
  type: string,
  timeoutMs = 500,
): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      resolve(null);
    }, timeoutMs);
    socket.on('message', (message) => {
      clearTimeout(timer);
      socket.close();
      resolve((dnsPacket.decode(message) as { rcode?: string }).rcode ?? 'NOERROR');
    });
    socket.on('error', () => undefined);
    socket.send(
      dnsPacket.encode({
        type: 'query',
        id: 1,
        flags: dnsPacket.RECURSION_DESIRED,
        questions: [{ type: type as 'A', name }],
      }),
      port,
      host,
    );
  });
}

/**
 * Writes the zones (signing the signed ones at setup, since RRSIG validity windows are absolute)
 * and starts one unbound that serves them as auth zones and validates them against per-zone trust
 * anchors. A zone without a trust anchor validates as insecure.
 */
export async function startLabDns(dir: string, zones: LabZone[]): Promise<LabDns> {
  mkdirSync(dir, { recursive: true });
  const anchors: string[] = [];
  const authZones: string[] = [];
  for (const zone of zones) {
    const file = `${zone.name}.zone`;
    const content = [
      `$ORIGIN ${zone.name}.`,
      '$TTL 300',
      `@ IN SOA ns.${zone.name}. hostmaster.${zone.name}. 1 3600 600 86400 300`,
      `@ IN NS ns.${zone.name}.`,
      'ns IN A 127.0.0.1',
      ...zone.records,
      '',
    ].join('\n');
    writeFileSync(join(dir, file), content);
    let served = file;
    if (zone.signing !== 'unsigned') {
      const dnskey = signZone(dir, zone, file);
      writeFileSync(join(dir, `${zone.name}.anchor`), dnskey);
      anchors.push(`  trust-anchor-file: "${join(dir, `${zone.name}.anchor`)}"`);
      served = `${file}.signed`;
    }
    authZones.push(
      [
        'auth-zone:',
        `  name: "${zone.name}."`,
        `  zonefile: "${join(dir, served)}"`,
        '  for-downstream: no',
        '  for-upstream: yes',
        '  fallback-enabled: no',
      ].join('\n'),
    );
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const config = [
      'server:',
      '  interface: 127.0.0.1',
      `  port: ${port}`,
      '  do-ip6: no',
      '  do-daemonize: no',
      '  username: ""',
      '  chroot: ""',
      `  directory: "${dir}"`,
      `  pidfile: "${join(dir, 'unbound.pid')}"`,
      '  use-syslog: no',
      '  logfile: ""',
      '  verbosity: 0',
      '  access-control: 127.0.0.0/8 allow',
      '  module-config: "validator iterator"',
      '  local-zone: "test." nodefault',
      '  ede: yes',
      '  val-log-level: 0',
      '  qname-minimisation: no',
      '  aggressive-nsec: no',
      '  prefetch: no',
      '  cache-max-negative-ttl: 1',
      '  val-bogus-ttl: 1',
      ...anchors,
      'remote-control:',
      '  control-enable: no',
      ...authZones,
      '',
    ].join('\n');
    const confFile = join(dir, 'unbound.conf');
    writeFileSync(confFile, config);
    const child: ChildProcess = spawn('unbound', ['-d', '-c', confFile], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    let exited = false;
    let spawnError: Error | undefined;
    child.once('exit', () => (exited = true));
    child.once('error', (error) => {
      spawnError = error;
      exited = true;
    });
    const deadline = Date.now() + 10_000;
    while (!exited && Date.now() < deadline) {
      if ((await labQuery('127.0.0.1', port, `${zones[0].name}.`, 'SOA', 300)) !== null) {
        return {
          host: '127.0.0.1',
          port,
          address: `127.0.0.1:${port}`,
          close: () =>
            new Promise<void>((resolve) => {
              if (exited) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        };
      }
    }
    if (spawnError) {
      throw new Error(
        `unbound could not be started (Debian package unbound): ${spawnError.message}`,
      );
    }
    if (!exited) child.kill('SIGKILL');
    if (!/address already in use|bind/i.test(stderr)) {
      throw new Error(`unbound did not start: ${stderr.slice(0, 2000)}`);
    }
  }
  throw new Error('unbound did not start: no free port found');
}
