import { rmSync } from 'node:fs';
import type { SubmitMessageResponse } from '@zegel/shared';
import { Client } from 'pg';
import { createPostgresDatabase } from '../support/database';
import { http, jsonRequest } from '../support/http';
import { dropRedisQueue, TEST_REDIS_URL, testRedisPrefix } from '../support/redis';
import { freePort, startZegelProcess, type ZegelProcess } from '../support/server-process';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { messageStatus, tokenFromSink } from './instances';

jest.setTimeout(120_000);

/**
 * ZEGEL_QUEUE=bullmq on the machine's Redis and PostgreSQL: an instance killed (SIGKILL) while it
 * is sending leaves its BullMQ jobs stalled and its job rows leased; the next instance takes them
 * over, and every recipient gets one notification record and one Message-ID.
 */
describe('BullMQ queue: SIGKILL mid-job', () => {
  let sink: SmtpSink;
  let db: { url: string; drop(): Promise<void> };
  let victim: ZegelProcess | undefined;
  let survivor: ZegelProcess | undefined;
  const prefix = testRedisPrefix();
  let env: Record<string, string>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    db = await createPostgresDatabase();
    env = {
      ZEGEL_DATABASE_URL: db.url,
      ZEGEL_QUEUE: 'bullmq',
      ZEGEL_REDIS_URL: TEST_REDIS_URL,
      ZEGEL_REDIS_PREFIX: prefix,
      ZEGEL_OUTBOUND_MODE: 'relay',
      ZEGEL_RELAY_URL: `smtp://localhost:${sink.port}`,
      ZEGEL_CA_FILE: sink.caFile,
      ZEGEL_JOB_LEASE_SECONDS: '3',
      ZEGEL_LOG_LEVEL: 'error',
    };
  });

  afterAll(async () => {
    await victim?.kill();
    await survivor?.stop();
    await sink?.close();
    await db?.drop();
    await dropRedisQueue(prefix);
    if (victim) rmSync(victim.root, { recursive: true, force: true });
  });

  it('finishes the jobs of a killed instance, each side effect recorded once', async () => {
    victim = await startZegelProcess({ port: await freePort(), env });
    sink.replyDelayMs = 4000;
    const addresses = Array.from({ length: 8 }, (_, i) => `bull-${i}@example.nl`);
    const sent = await Promise.all(
      addresses.map(async (address) => {
        const res = await http(
          `${victim!.url}/api/v1/messages`,
          jsonRequest({
            classification: 'registered',
            subject: 'Uitslag',
            recipients: [{ address }],
            text: 'body',
          }),
        );
        expect(res.status).toBe(201);
        return res.json<SubmitMessageResponse>();
      }),
    );
    // The only instance holds the jobs, and the relay is answering none of them yet.
    const deadline = Date.now() + 15_000;
    while (sink.unanswered < 1 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(sink.unanswered).toBeGreaterThan(0);
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const leased = await pg.query(
      `SELECT COUNT(*)::int AS n FROM jobs WHERE "leaseOwner" IS NOT NULL`,
    );
    expect(leased.rows[0].n).toBeGreaterThan(0);
    await victim.kill();
    sink.replyDelayMs = 0;

    survivor = await startZegelProcess({ port: await freePort(), root: victim.root, env });
    try {
      for (const address of addresses) await tokenFromSink(sink, address);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n${survivor.output()}`);
    }
    const settle = Date.now() + 30_000;
    for (const s of sent) {
      for (;;) {
        const st = await messageStatus(survivor.url, s.id);
        if (st.recipients[0].state === 'notified' || Date.now() > settle) break;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    for (const [i, s] of sent.entries()) {
      const st = await messageStatus(survivor.url, s.id);
      expect(st.recipients[0].state).toBe('notified');
      expect(st.events.filter((e) => e.type === 'ConsignmentNotification')).toHaveLength(1);
      // A mail the relay took just before the crash may come again, with the same Message-ID.
      const ids = sink.mails
        .filter((m) => m.envelopeTo.includes(addresses[i]))
        .map((m) => m.parsed.messageId);
      expect(ids.length).toBeGreaterThanOrEqual(1);
      expect(new Set(ids).size).toBe(1);
    }
    const left = await pg.query(`SELECT COUNT(*)::int AS n FROM jobs WHERE state = 'queued'`);
    const outbox = await pg.query(`SELECT COUNT(*)::int AS n FROM job_outbox`);
    await pg.end();
    expect(left.rows[0].n).toBe(0);
    expect(outbox.rows[0].n).toBe(0);
  });
});
