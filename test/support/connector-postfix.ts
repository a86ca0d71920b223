import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostfixOptions {
  /** Port Postfix's smtpd listens on (127.0.0.1). */
  port: number;
  /** Where mail goes by default (the Internet of the test): [host]:port over STARTTLS. */
  relayhost?: { host: string; port: number; caFile?: string };
  /** Route mail with a protected X-Zegel-Classification header to Zegel, as an Exchange transport rule does. */
  zegel?: { host: string; port: number; caFile: string };
  /** Discard everything after intake (for measuring Postfix's own intake). */
  discard?: boolean;
  messageSizeLimit?: number;
}

export interface RunningPostfix {
  dir: string;
  port: number;
  /** Postfix's own log, for failure messages. */
  log(): string;
  /** Messages still in the queue (0 when everything has been delivered). */
  queued(): number;
  stop(): void;
}

const POSTFIX = '/usr/sbin/postfix';
export const postfixAvailable = (): boolean => existsSync(POSTFIX);

/**
 * A Postfix instance of its own: config, queue and log in a temporary directory, listening on one
 * loopback port, never touching the system instance. Needs root (as in the lab) and Debian's postfix.
 */
export function startPostfix(options: PostfixOptions): RunningPostfix {
  const dir = mkdtempSync(join(tmpdir(), 'zegel-postfix-'));
  chmodSync(dir, 0o755);
  const config = join(dir, 'etc');
  mkdirSync(config);
  mkdirSync(join(dir, 'queue')); // Postfix creates what goes inside
  const queue = join(dir, 'queue');
  const data = join(dir, 'data');
  const maillog = join(dir, 'maillog');
  const main = [
    'compatibility_level = 3.6',
    `queue_directory = ${queue}`,
    `data_directory = ${data}`,
    'mail_owner = postfix',
    'setgid_group = postdrop',
    'inet_interfaces = 127.0.0.1',
    'inet_protocols = ipv4',
    'myhostname = mta.zorg.example',
    'mydomain = zorg.example',
    'myorigin = zorg.example',
    'mydestination =',
    'local_recipient_maps =',
    'alias_maps =',
    'alias_database =',
    'mynetworks = 127.0.0.0/8',
    'smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination',
    'smtp_host_lookup = native',
    'smtp_dns_support_level = disabled',
    'disable_dns_lookups = yes',
    `maillog_file = ${maillog}`,
    `maillog_file_prefixes = ${dir}`,
    'biff = no',
    'smtputf8_enable = no',
    `message_size_limit = ${options.messageSizeLimit ?? 50 * 1024 * 1024}`,
    'queue_run_delay = 1s',
    'minimal_backoff_time = 1s',
    'maximum_backoff_time = 2s',
    'smtp_connect_timeout = 5s',
    'smtp_tls_loglevel = 1',
    ...(options.discard
      ? ['default_transport = discard', 'relayhost =']
      : options.relayhost
        ? [
            `relayhost = [${options.relayhost.host}]:${options.relayhost.port}`,
            'smtp_tls_security_level = encrypt',
            ...(options.relayhost.caFile ? [`smtp_tls_CAfile = ${options.relayhost.caFile}`] : []),
          ]
        : []),
    ...(options.zegel ? [`header_checks = regexp:${join(config, 'header_checks')}`] : []),
  ];
  writeFileSync(join(config, 'main.cf'), main.join('\n') + '\n');
  if (options.zegel) {
    // The transport rule: classified mail goes to Zegel (which refuses its own mail coming back).
    writeFileSync(
      join(config, 'header_checks'),
      [
        `/^X-Zegel-Classification:[[:space:]]*(confidential|registered)[[:space:]]*$/ FILTER zegel:[${options.zegel.host}]:${options.zegel.port}`,
      ].join('\n') + '\n',
    );
  }
  const zegelTransport = options.zegel
    ? [
        // TLS with the name checked, as the Exchange Online connector's DomainValidation does.
        'zegel     unix  -       -       n       -       -       smtp',
        '  -o smtp_tls_security_level=secure',
        `  -o smtp_tls_CAfile=${options.zegel.caFile}`,
        '  -o smtp_tls_secure_cert_match=nexthop',
      ]
    : [];
  const master = [
    `127.0.0.1:${options.port} inet n - n - - smtpd`,
    'pickup    unix  n       -       n       60      1       pickup',
    'cleanup   unix  n       -       n       -       0       cleanup',
    'qmgr      unix  n       -       n       300     1       qmgr',
    'tlsmgr    unix  -       -       n       1000?   1       tlsmgr',
    'rewrite   unix  -       -       n       -       -       trivial-rewrite',
    'bounce    unix  -       -       n       -       0       bounce',
    'defer     unix  -       -       n       -       0       bounce',
    'trace     unix  -       -       n       -       0       bounce',
    'verify    unix  -       -       n       -       1       verify',
    'flush     unix  n       -       n       1000?   0       flush',
    'proxymap  unix  -       -       n       -       -       proxymap',
    'smtp      unix  -       -       n       -       -       smtp',
    'relay     unix  -       -       n       -       -       smtp',
    'showq     unix  n       -       n       -       -       showq',
    'error     unix  -       -       n       -       -       error',
    'retry     unix  -       -       n       -       -       error',
    'discard   unix  -       -       n       -       -       discard',
    'local     unix  -       n       n       -       -       local',
    'anvil     unix  -       -       n       -       1       anvil',
    'scache    unix  -       -       n       -       1       scache',
    'postlog   unix-dgram n  -       n       -       1       postlogd',
    ...zegelTransport,
  ];
  writeFileSync(join(config, 'master.cf'), master.join('\n') + '\n');
  const run = (...args: string[]) =>
    execFileSync(POSTFIX, ['-c', config, ...args], {
      stdio: 'pipe',
      env: { ...process.env, MAIL_CONFIG: config },
    });
  try {
    run('start');
  } catch (error) {
    const log = existsSync(maillog) ? readFileSync(maillog, 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `postfix did not start: ${String((error as { stdout?: Buffer }).stdout ?? '')}${String((error as { stderr?: Buffer }).stderr ?? error)}\n${log}`,
    );
  }
  return {
    dir,
    port: options.port,
    log: () => (existsSync(maillog) ? readFileSync(maillog, 'utf8') : ''),
    queued: () => {
      const out = execFileSync('/usr/sbin/postqueue', ['-c', config, '-j'], { encoding: 'utf8' });
      return out.split('\n').filter((l) => l.trim()).length;
    },
    stop: () => {
      try {
        run('stop');
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
