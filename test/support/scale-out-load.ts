import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { verifyChain } from '../../server/src/evidence/evidence-chain';
import { mimeMessage, RawSmtpClient } from './connector-smtp-client';
import type { ScaleOut } from './scale-out';

/** What the senders saw: every acknowledged submission, and how often each was tried. */
export interface LoadResult {
  /** API submissions answered 201: message id → recipient address. */
  api: Map<string, string>;
  /** SMTP messages answered 250, by number; `smtpAttempts[n]` tries of each. */
  smtp: Set<number>;
  smtpAttempts: number[];
  seconds: number;
  /** When the instance was killed (ms epoch), and the last failed request after it. */
  killedAt?: number;
  lastErrorAt?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Drives the API and the SMTP connector through HAProxy at once, as Outlook add-ins and Exchange
 * would: a failed request is tried again (a 201 or 250 never is). With `killAfter`, the last
 * instance is SIGKILLed once that many submissions have been acknowledged.
 */
export async function runMixedLoad(
  scale: ScaleOut,
  options: {
    tag: string;
    apiMessages: number;
    smtpMessages: number;
    apiWorkers?: number;
    smtpSessions?: number;
    killAfter?: number;
  },
): Promise<LoadResult> {
  const started = Date.now();
  const result: LoadResult = {
    api: new Map(),
    smtp: new Set(),
    smtpAttempts: new Array<number>(options.smtpMessages).fill(0),
    seconds: 0,
  };
  let acked = 0;
  const failed = () => {
    if (result.killedAt) result.lastErrorAt = Date.now();
  };
  const acknowledged = () => {
    acked++;
    if (options.killAfter !== undefined && !result.killedAt && acked >= options.killAfter) {
      result.killedAt = Date.now();
      void scale.instances.at(-1)!.kill();
    }
  };

  const apiPending = Array.from({ length: options.apiMessages }, (_, i) => i);
  const apiWorker = async () => {
    for (let n = apiPending.shift(); n !== undefined; n = apiPending.shift()) {
      const address = `api-${options.tag}-${n}@example.nl`;
      for (;;) {
        const res = await fetch(`${scale.url}/api/v1/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            classification: 'registered',
            subject: `API ${n}`,
            recipients: [{ address }],
            text: `Bericht ${n} `.repeat(40),
          }),
        }).catch(() => null);
        if (res?.status === 201) {
          result.api.set(((await res.json()) as { id: string }).id, address);
          acknowledged();
          break;
        }
        await res?.arrayBuffer().catch(() => undefined);
        failed();
        await sleep(100);
      }
    }
  };

  const smtpPending = Array.from({ length: options.smtpMessages }, (_, i) => i);
  const ca = readFileSync(scale.caFile);
  const open = async () => {
    const { client } = await RawSmtpClient.open(scale.smtpPort);
    await client.command('EHLO exchange.test');
    const tls = await client.starttls({ ca });
    if (tls.code !== 220) throw new Error(`STARTTLS: ${tls.text}`);
    await client.command('EHLO exchange.test');
    return client;
  };
  const smtpWorker = async () => {
    let client: RawSmtpClient | undefined;
    for (let n = smtpPending.shift(); n !== undefined; n = smtpPending.shift()) {
      const address = `smtp-${options.tag}-${n}@example.org`;
      for (;;) {
        result.smtpAttempts[n]++;
        try {
          client = client && !client.isClosed ? client : await open();
          const from = await client.command('MAIL FROM:<jan@zorg.example>');
          if (from.code !== 250) throw new Error(from.text);
          const rcpt = await client.command(`RCPT TO:<${address}>`);
          if (rcpt.code !== 250) throw new Error(rcpt.text);
          const reply = await client.data(
            mimeMessage({
              to: [address],
              subject: `SMTP ${n}`,
              headers: { 'X-Zegel-Classification': 'registered' },
              text: `Message ${n} `.repeat(80),
            }),
          );
          if (reply.code !== 250) throw new Error(reply.text);
          result.smtp.add(n);
          acknowledged();
          break;
        } catch {
          client?.destroy();
          client = undefined;
          failed();
          await sleep(100);
        }
      }
    }
    await client?.quit().catch(() => undefined);
  };

  await Promise.all([
    ...Array.from({ length: options.apiWorkers ?? 8 }, apiWorker),
    ...Array.from({ length: options.smtpSessions ?? 4 }, smtpWorker),
  ]);
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

/**
 * Waits until no recipient of the run is pending and no job is queued or waiting in the outbox (a
 * job may finish just after the notification it records); returns when that was (ms epoch).
 */
export async function waitForNotifications(
  scale: ScaleOut,
  tag: string,
  timeoutMs = 60_000,
): Promise<number> {
  const pg = new Client({ connectionString: scale.databaseUrl });
  await pg.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await pg.query<{ pending: number; queued: number; outbox: number }>(
        `SELECT (SELECT COUNT(*)::int FROM recipients WHERE state = 'pending' AND address LIKE $1) AS pending,
                (SELECT COUNT(*)::int FROM jobs WHERE state = 'queued') AS queued,
                (SELECT COUNT(*)::int FROM job_outbox) AS outbox`,
        [`%-${tag}-%`],
      );
      const { pending, queued, outbox } = rows[0];
      if (pending + queued + outbox === 0) return Date.now();
      if (Date.now() > deadline)
        throw new Error(
          `${pending} recipients pending, ${queued} jobs queued, ${outbox} in the outbox`,
        );
      await sleep(100);
    }
  } finally {
    await pg.end();
  }
}

/**
 * Everything that must hold after the load, as a list of problems (empty when all is well):
 * every 201 and every 250 is a stored message whose recipient was notified once, in the evidence
 * and at the relay (a repeat carries the same Message-ID); the evidence chain verifies from the
 * first event to the last; no job is left queued or failed, and the outbox is empty.
 */
export async function checkOutcome(
  scale: ScaleOut,
  tag: string,
  load: LoadResult,
): Promise<string[]> {
  const problems: string[] = [];
  const pg = new Client({ connectionString: scale.databaseUrl });
  await pg.connect();
  try {
    const { rows: recipients } = await pg.query<{
      messageId: string;
      id: string;
      address: string;
      state: string;
    }>(`SELECT "messageId", id, address, state FROM recipients WHERE address LIKE $1`, [
      `%-${tag}-%`,
    ]);
    const byMessage = new Map(recipients.map((r) => [r.messageId, r]));
    const perAddress = new Map<string, number>();
    for (const r of recipients) perAddress.set(r.address, (perAddress.get(r.address) ?? 0) + 1);
    for (const [id, address] of load.api) {
      const r = byMessage.get(id);
      if (!r || r.address !== address) problems.push(`API message ${id} is missing`);
      else if (r.state === 'pending') problems.push(`API message ${id} was never notified`);
    }
    for (const n of load.smtp) {
      const address = `smtp-${tag}-${n}@example.org`;
      const count = perAddress.get(address) ?? 0;
      if (count < 1) problems.push(`SMTP message ${n} (250) is missing`);
      // A retry after a lost 250 may store the message again (RFC 5321 §6.1); never more.
      if (count > load.smtpAttempts[n]) problems.push(`SMTP message ${n} stored ${count} times`);
    }
    const { rows: events } = await pg.query<{ type: string; n: number }>(
      `SELECT e.type, COUNT(*)::int AS n FROM evidence_events e
         JOIN recipients r ON r."messageId" = e."messageId" AND r.address = e.recipient
        WHERE r.address LIKE $1 AND e.type IN ('SubmissionAcceptance', 'ConsignmentNotification')
        GROUP BY e."messageId", e.recipient, e.type`,
      [`%-${tag}-%`],
    );
    const count = (type: string) => events.filter((e) => e.type === type).length;
    if (count('ConsignmentNotification') !== recipients.length)
      problems.push(
        `${count('ConsignmentNotification')} notification records for ${recipients.length} recipients`,
      );
    if (count('SubmissionAcceptance') !== recipients.length)
      problems.push(`${count('SubmissionAcceptance')} acceptances for ${recipients.length}`);
    const twice = events.filter((e) => e.n !== 1);
    if (twice.length)
      problems.push(
        `${twice.length} evidence events recorded more than once (${twice.map((e) => e.type).join(', ')})`,
      );
    // At the relay: one Message-ID per recipient row (a repeat of a mail keeps its Message-ID).
    const mailIds = new Map<string, Set<string>>();
    for (const m of scale.sink.mails) {
      for (const to of m.envelopeTo) {
        if (!to.includes(`-${tag}-`)) continue;
        if (!mailIds.has(to)) mailIds.set(to, new Set());
        mailIds.get(to)!.add(String(m.parsed.messageId));
      }
    }
    for (const [address, n] of perAddress) {
      const sent = mailIds.get(address)?.size ?? 0;
      if (sent !== n) problems.push(`${address}: ${sent} distinct mails for ${n} recipients`);
    }
    const { rows: jobs } = await pg.query<{ state: string; n: number }>(
      `SELECT state, COUNT(*)::int AS n FROM jobs GROUP BY state`,
    );
    for (const j of jobs) problems.push(`${j.n} job(s) left ${j.state}`);
    const { rows: outbox } = await pg.query<{ n: number }>(
      `SELECT COUNT(*)::int AS n FROM job_outbox`,
    );
    if (outbox[0].n) problems.push(`${outbox[0].n} outbox row(s) left`);
  } finally {
    await pg.end();
  }
  problems.push(...(await checkEvidenceChain(scale)));
  return problems;
}

/** Reads every evidence event through HAProxy and verifies the chain end to end. */
async function checkEvidenceChain(scale: ScaleOut): Promise<string[]> {
  const jwk = (await (await fetch(`${scale.url}/api/v1/evidence/public-key`)).json()) as Record<
    string,
    string
  >;
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  let after = '0';
  let previous: string | undefined;
  let total = 0;
  for (;;) {
    const page = (await (
      await fetch(`${scale.url}/api/v1/events?after=${after}&limit=1000`)
    ).json()) as { events: Parameters<typeof verifyChain>[0]; next: string | null };
    if (!page.events.length) break;
    const problem = verifyChain(page.events, key, previous);
    if (problem) return [`evidence chain: ${problem.problem} at seq ${problem.seq}`];
    previous = page.events.at(-1)!.hash;
    total += page.events.length;
    after = page.next!;
  }
  return total ? [] : ['no evidence events at all'];
}
