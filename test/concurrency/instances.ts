import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageStatusResponse } from '@zegel/shared';
import { createServerDatabase } from '../support/database';
import { http } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';
import { freePort, startZegelProcess, type ZegelProcess } from '../support/server-process';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

/**
 * Several Zegel instances on one PostgreSQL database, sharing the data and key directories as
 * instances behind a load balancer share their stores. Instance 0 runs in the test process (so a
 * test can call the sweep with a chosen time); the others are separate processes that a test can
 * SIGKILL. All send their own mail through one SMTP relay on loopback, where every mail, repeats
 * included, can be counted.
 */
export interface Cluster {
  inProcess: RunningZegel;
  processes: ZegelProcess[];
  /** Base URLs of every instance, in-process first. */
  urls: string[];
  sink: SmtpSink;
  databaseUrl: string;
  root: string;
  env: Record<string, string>;
  /** Starts one more instance process on the same database and directories. */
  addProcess(): Promise<ZegelProcess>;
  stop(): Promise<void>;
}

export async function startCluster(
  processes: number,
  env: Record<string, string> = {},
): Promise<Cluster> {
  const root = mkdtempSync(join(tmpdir(), 'zegel-cluster-'));
  const db = await createServerDatabase();
  const sink = await startSmtpSink();
  const shared = {
    ZEGEL_DATABASE_URL: db.url,
    ZEGEL_OUTBOUND_MODE: 'relay',
    ZEGEL_RELAY_URL: `smtp://localhost:${sink.port}`,
    ZEGEL_CA_FILE: sink.caFile,
    ZEGEL_JOB_LEASE_SECONDS: '3',
    ZEGEL_LOG_LEVEL: 'error',
    ...env,
  };
  // The first instance creates the keys and migrates; the others start together afterwards.
  const inProcess = await startZegel({ root, databaseUrl: db.url, env: shared });
  const started: ZegelProcess[] = [];
  const addProcess = async () => {
    const child = await startZegelProcess({ port: await freePort(), root, env: shared });
    started.push(child);
    return child;
  };
  try {
    await Promise.all(Array.from({ length: processes }, addProcess));
  } catch (error) {
    await Promise.all(started.map((p) => p.kill()));
    await inProcess.close({ keepFiles: true });
    throw error;
  }
  return {
    inProcess,
    processes: started,
    get urls() {
      return [inProcess.url, ...started.filter((p) => p.child.exitCode === null).map((p) => p.url)];
    },
    sink,
    databaseUrl: db.url,
    root,
    env: shared,
    addProcess,
    async stop() {
      await Promise.allSettled(started.map((p) => p.stop()));
      await inProcess.close({ keepFiles: true });
      await sink.close();
      await db.drop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export async function messageStatus(url: string, id: string): Promise<MessageStatusResponse> {
  const res = await http(`${url}/api/v1/messages/${id}`);
  if (res.status !== 200) throw new Error(`status of ${id} answered ${res.status}: ${res.text()}`);
  return res.json<MessageStatusResponse>();
}

/** The pickup token in the (first) notification mail the relay received for `address`. */
export async function tokenFromSink(sink: SmtpSink, address: string): Promise<string> {
  const mail = await sink.waitFor(
    (m) => m.envelopeTo.includes(address) && /\/p\/[A-Za-z0-9_-]{22}/.test(m.parsed.text ?? ''),
    20_000,
  );
  return /\/p\/([A-Za-z0-9_-]{22})/.exec(mail.parsed.text!)![1];
}

/** Counts per value. */
export function tally<T>(values: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}
