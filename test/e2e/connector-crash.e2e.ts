import Database from 'better-sqlite3';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { mimeMessage, RawSmtpClient } from '../support/connector-smtp-client';
import { freePort, startZegelProcess, type ZegelProcess } from '../support/server-process';

const TOTAL = 1000;
const KILL_AFTER = 300;
const SESSIONS = 10;

jest.setTimeout(240_000);

/**
 * Crash safety of the SMTP intake: 1,000 messages over 10 sessions; after 300 acknowledgements the
 * server is killed with SIGKILL and started again on the same directories, and the senders retry
 * what was not acknowledged, as an MTA does. Every message that got 250 is present afterwards,
 * accepted once and notified once (registered mail: always pickup, notifications in the outbox).
 */
describe('SMTP connector crash safety', () => {
  let zegel: ZegelProcess | undefined;
  let root: string | undefined;

  afterAll(async () => {
    await zegel?.kill();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('keeps every acknowledged message through a SIGKILL and restart', async () => {
    const port = await freePort();
    const smtpPort = await freePort();
    const env = { ZEGEL_SMTP_PORT: String(smtpPort), ZEGEL_LOG_LEVEL: 'error' };
    zegel = await startZegelProcess({ port, env });
    root = zegel.root;
    const caFile = join(root, 'keys', 'smtp-dev-cert.pem');

    const pending = Array.from({ length: TOTAL }, (_, i) => i);
    const attempts = new Array<number>(TOTAL).fill(0);
    const ackedBeforeKill = new Set<number>();
    const acked = new Set<number>();
    let killed = false;
    let restarted: Promise<void> | undefined;

    const open = async () => {
      const { client } = await RawSmtpClient.open(smtpPort);
      await client.command('EHLO exchange.test');
      const tls = await client.starttls({ ca: readFileSync(caFile) });
      if (tls.code !== 220) throw new Error(`STARTTLS: ${tls.text}`);
      await client.command('EHLO exchange.test');
      return client;
    };

    const worker = async () => {
      let client: RawSmtpClient | undefined;
      for (;;) {
        const n = pending.shift();
        if (n === undefined) {
          // Others may still put back messages that failed in the crash.
          if (acked.size === TOTAL) break;
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        attempts[n]++;
        try {
          client = client && !client.isClosed ? client : await open();
          const from = await client.command('MAIL FROM:<jan@zorg.example>');
          if (from.code !== 250) throw new Error(from.text);
          const rcpt = await client.command(`RCPT TO:<m${n}@example.org>`);
          if (rcpt.code !== 250) throw new Error(rcpt.text);
          const reply = await client.data(
            mimeMessage({
              to: [`m${n}@example.org`],
              subject: `Load ${n}`,
              headers: { 'X-Zegel-Classification': 'registered' },
              text: `Message ${n} `.repeat(80),
            }),
          );
          if (reply.code !== 250) throw new Error(reply.text);
          acked.add(n);
          if (!killed) ackedBeforeKill.add(n);
          if (!killed && acked.size >= KILL_AFTER) {
            killed = true;
            const crashed = zegel!;
            restarted = crashed.kill().then(async () => {
              zegel = await startZegelProcess({ port, root: crashed.root, env });
            });
          }
        } catch {
          pending.push(n);
          client?.destroy();
          client = undefined;
          await new Promise((r) => setTimeout(r, 100)); // the server is restarting
        }
      }
      await client?.quit();
    };

    await Promise.all(Array.from({ length: SESSIONS }, worker));
    await restarted;
    expect(killed).toBe(true);
    expect(acked.size).toBe(TOTAL);
    const retried = attempts.filter((a) => a > 1).length;
    expect(retried).toBeGreaterThan(0); // the kill did interrupt work in flight
    const dbFile = join(root, 'data', 'zegel.sqlite');
    expect(existsSync(dbFile)).toBe(true);
    // The restarted server finishes the notifications that were queued before and after the crash.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const reader = new Database(dbFile, { readonly: true });
      const { left } = reader
        .prepare(`SELECT COUNT(*) AS left FROM recipients WHERE state = 'pending'`)
        .get() as { left: number };
      reader.close();
      if (left === 0) break;
      if (Date.now() > deadline) throw new Error(`${left} recipients still pending`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await zegel!.stop();
    zegel = undefined;

    const db = new Database(dbFile, { readonly: true });
    try {
      const rows = db
        .prepare(
          `SELECT r.address AS address, r.id AS id, m.classification AS classification
             FROM recipients r JOIN messages m ON m.id = r.messageId`,
        )
        .all() as { address: string; id: string; classification: string }[];
      const perNumber = new Map<number, number>();
      for (const r of rows) {
        const n = Number(/^m(\d+)@example\.org$/.exec(r.address)![1]);
        perNumber.set(n, (perNumber.get(n) ?? 0) + 1);
        expect(r.classification).toBe('registered');
      }
      for (let n = 0; n < TOTAL; n++) {
        const count = perNumber.get(n) ?? 0;
        // Sent once and acknowledged: there exactly once. Retried after the crash: the first try may
        // have been committed without its 250 reaching the sender (RFC 5321 §6.1 duplicates).
        if (attempts[n] === 1) expect([n, count]).toEqual([n, 1]);
        else expect(count).toBeGreaterThanOrEqual(1);
        expect(count).toBeLessThanOrEqual(attempts[n]);
      }
      for (const n of ackedBeforeKill) expect(perNumber.get(n)).toBeGreaterThanOrEqual(1);
      const events = db
        .prepare(
          `SELECT type, recipient, COUNT(*) AS n FROM evidence_events
            WHERE type IN ('SubmissionAcceptance', 'ConsignmentNotification')
            GROUP BY messageId, recipient, type`,
        )
        .all() as { type: string; recipient: string; n: number }[];
      const accepted = events.filter((e) => e.type === 'SubmissionAcceptance');
      const notified = events.filter((e) => e.type === 'ConsignmentNotification');
      expect(accepted).toHaveLength(rows.length);
      expect(notified).toHaveLength(rows.length);
      expect(events.every((e) => e.n === 1)).toBe(true);
    } finally {
      db.close();
    }
  });
});
