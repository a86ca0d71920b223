import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAzurite, type RunningAzurite } from './azurite';
import { createPostgresDatabase } from './database';
import { dropRedisQueue, TEST_REDIS_URL, testRedisPrefix } from './redis';
import { buildServer, freePort, startZegelProcess, type ZegelProcess } from './server-process';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import { createSoftHsmToken, type SoftHsmToken } from './softhsm';

const ROOT = join(__dirname, '..', '..');

/**
 * N Zegel processes behind HAProxy (Debian `haproxy`) for HTTP and SMTP, as a scaled-out
 * installation runs: one PostgreSQL database, BullMQ on Redis, blobs in Azure Blob Storage
 * (Azurite), keys in an HSM (SoftHSM2) made by `zegel keys init`. Outbound mail goes to one SMTP
 * sink on loopback, where every mail, repeats included, can be counted.
 */
export interface ScaleOut {
  /** HAProxy's HTTP front. */
  url: string;
  /** HAProxy's SMTP front (the connector). */
  smtpPort: number;
  instances: ZegelProcess[];
  sink: SmtpSink;
  databaseUrl: string;
  /** The connector's STARTTLS certificate (dev mode; shared key directory). */
  caFile: string;
  stop(): Promise<void>;
}

function haproxyConfig(
  httpPort: number,
  smtpPort: number,
  backends: { http: number; smtp: number }[],
): string {
  const servers = (kind: 'http' | 'smtp') =>
    backends
      .map((b, i) => `  server z${i} 127.0.0.1:${b[kind]} check inter 500 fall 2 rise 1`)
      .join('\n');
  return `global
  maxconn 4096
defaults
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  # A busy instance answers its health check late; a dead one refuses it at once.
  timeout check 10s
  retries 2
  option redispatch
frontend http
  mode http
  bind 127.0.0.1:${httpPort}
  default_backend zegel_http
backend zegel_http
  mode http
  balance roundrobin
  option httpchk GET /health
  # Only a connection that never reached an instance is tried on another: a POST that an
  # instance received may have been committed, and the client decides about repeating it.
  retry-on conn-failure
${servers('http')}
frontend smtp
  mode tcp
  bind 127.0.0.1:${smtpPort}
  default_backend zegel_smtp
backend zegel_smtp
  mode tcp
  balance leastconn
${servers('smtp')}
`;
}

export async function startScaleOut(count: number): Promise<ScaleOut> {
  buildServer();
  const root = mkdtempSync(join(tmpdir(), 'zegel-scale-'));
  const cleanups: (() => Promise<void> | void)[] = [
    () => rmSync(root, { recursive: true, force: true }),
  ];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await Promise.resolve(step()).catch(() => undefined);
  };
  try {
    const db = await createPostgresDatabase();
    cleanups.push(db.drop);
    const prefix = testRedisPrefix();
    cleanups.push(() => dropRedisQueue(prefix));
    const azurite: RunningAzurite = await startAzurite();
    cleanups.push(azurite.stop);
    const token: SoftHsmToken = createSoftHsmToken();
    cleanups.push(token.cleanup);
    const sink = await startSmtpSink();
    cleanups.push(sink.close);
    const env: Record<string, string> = {
      ZEGEL_DATABASE_URL: db.url,
      ZEGEL_QUEUE: 'bullmq',
      ZEGEL_REDIS_URL: TEST_REDIS_URL,
      ZEGEL_REDIS_PREFIX: prefix,
      ZEGEL_BLOB_STORE: 'azure',
      ZEGEL_AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      ZEGEL_AZURE_STORAGE_CONTAINER: 'zegel-scale',
      ZEGEL_KEY_STORE: 'pkcs11',
      ZEGEL_PKCS11_LIBRARY: token.library,
      ZEGEL_PKCS11_TOKEN_LABEL: token.tokenLabel,
      ZEGEL_PKCS11_PIN_FILE: token.pinFile,
      ZEGEL_OUTBOUND_MODE: 'relay',
      ZEGEL_RELAY_URL: `smtp://localhost:${sink.port}`,
      ZEGEL_CA_FILE: sink.caFile,
      ZEGEL_JOB_LEASE_SECONDS: '3',
      ZEGEL_LOG_LEVEL: 'error',
    };
    // The key ceremony, once, before any instance starts.
    execFileSync(process.execPath, [join(ROOT, 'server', 'bin', 'zegel.js'), 'keys', 'init'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        ZEGEL_AUTH_MODE: 'dev',
        ZEGEL_DATA_DIR: join(root, 'data-0'),
        ZEGEL_KEY_DIR: join(root, 'keys'),
        ...env,
      },
      stdio: 'pipe',
    });
    const ports = await Promise.all(
      Array.from({ length: count }, async () => ({
        http: await freePort(),
        smtp: await freePort(),
      })),
    );
    const instances: ZegelProcess[] = [];
    cleanups.push(async () => {
      await Promise.allSettled(instances.map((p) => p.stop()));
    });
    const start = async (i: number) => {
      const p = await startZegelProcess({
        port: ports[i].http,
        root,
        env: {
          ...env,
          ZEGEL_SMTP_PORT: String(ports[i].smtp),
          // Each instance its own data directory; keys and the CE-ID secret are shared.
          ZEGEL_DATA_DIR: join(root, `data-${i}`),
        },
        timeoutMs: 40_000,
      });
      instances[i] = p;
    };
    // The first instance migrates and makes the connector's certificate; the others follow.
    await start(0);
    await Promise.all(ports.slice(1).map((_, i) => start(i + 1)));

    const httpPort = await freePort();
    const smtpPort = await freePort();
    const cfg = join(root, 'haproxy.cfg');
    writeFileSync(cfg, haproxyConfig(httpPort, smtpPort, ports));
    const haproxy: ChildProcess = spawn('haproxy', ['-db', '-f', cfg], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let haproxyOutput = '';
    haproxy.stdout!.on('data', (d: Buffer) => (haproxyOutput += d.toString()));
    haproxy.stderr!.on('data', (d: Buffer) => (haproxyOutput += d.toString()));
    const haproxyExited = new Promise<void>((r) => haproxy.once('exit', () => r()));
    cleanups.push(async () => {
      if (haproxy.exitCode === null) haproxy.kill('SIGTERM');
      await haproxyExited;
    });
    const url = `http://127.0.0.1:${httpPort}`;
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (haproxy.exitCode !== null) throw new Error(`haproxy exited:\n${haproxyOutput}`);
      const ok = await fetch(`${url}/health`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`haproxy did not answer:\n${haproxyOutput}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return {
      url,
      smtpPort,
      instances,
      sink,
      databaseUrl: db.url,
      caFile: join(root, 'keys', 'smtp-dev-cert.pem'),
      stop: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
