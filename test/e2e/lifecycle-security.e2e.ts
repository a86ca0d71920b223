import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { JobQueue } from '../../server/src/queue/job-queue';
import { testDatabaseEngine } from '../support/database';
import { http, multipart } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';
import { ZegelClient } from '../support/zegel-client';

jest.setTimeout(60_000);

/** The WAL and secure_delete are SQLite's; PostgreSQL's deletion is described in docs/security-model.md. */
const onSqlite = testDatabaseEngine() === 'sqlite' ? it : it.skip;

/** What an outside attack found in the lifecycle, each as the attack that found it. */
describe('lifecycle under attack', () => {
  let zegel: RunningZegel;
  let z: ZegelClient;
  const drain = () => zegel.app.get(JobQueue).drain();
  const dbFile = () => (zegel.config.database as { path: string }).path;

  beforeAll(async () => {
    zegel = await startZegel({ env: { ZEGEL_PICKUP_IP_FAILURES: '3' } });
    z = new ZegelClient(zegel.url);
  });
  afterAll(() => zegel?.close());

  async function pickupFor(address: string) {
    const sent = await z.submit({ recipients: [{ address }] });
    await drain();
    return { sent, token: await z.pickupToken(address), ceId: sent.recipients[0].ceId! };
  }

  it('does not forget an address’s wrong codes when it opens another copy with a right one', async () => {
    const a = await pickupFor('target@example.nl');
    const b = await pickupFor('own@example.nl');
    const attacker = '127.0.4.1';
    expect((await z.unlock(a.token, 'ZZZ-ZZZ-ZZZ', attacker)).status).toBe(401);
    expect((await z.unlock(a.token, 'YYY-YYY-YYY', attacker)).status).toBe(401);
    expect((await z.unlock(b.token, b.ceId, attacker)).status).toBe(200);
    expect((await z.unlock(a.token, 'XXX-XXX-XXX', attacker)).status).toBe(401);
    const blocked = await z.unlock(a.token, a.ceId, attacker);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(3000);
  });

  onSqlite(
    'removes a declined message’s key and subject from the database files at once, WAL included',
    async () => {
      const { sent, token, ceId } = await pickupFor('decline@example.nl');
      const peek = new Database(dbFile(), { readonly: true });
      const { wrapped } = peek
        .prepare('SELECT wrapped FROM message_keys WHERE "messageId" = ?')
        .get(sent.id) as { wrapped: string };
      const { sealedMeta } = peek
        .prepare('SELECT "sealedMeta" FROM messages WHERE id = ?')
        .get(sent.id) as { sealedMeta: string };
      peek.close();
      const cookie = await z.openSession(token, ceId, '127.0.4.2');
      expect((await z.answer(token, cookie, 'decline')).status).toBe(200);
      expect((await z.status(sent.id)).content).toBe('deleted');
      for (const file of [dbFile(), `${dbFile()}-wal`]) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(file);
        } catch {
          continue;
        }
        expect(bytes.includes(wrapped.slice(-40))).toBe(false);
        expect(bytes.includes(sealedMeta.slice(-40))).toBe(false);
      }
    },
  );

  it('keeps attachment names out of receipts unless the configuration allows them', async () => {
    const form = new FormData();
    form.append(
      'message',
      JSON.stringify({
        classification: 'registered',
        subject: 'Uitslag',
        recipients: [{ address: 'names@example.nl' }],
        text: 'zie bijlage',
      }),
    );
    form.append('attachments', new Blob([Buffer.from('%PDF-1.4')]), 'Diagnose-Jansen-HIV.pdf');
    const { headers, body } = await multipart(form);
    const res = await http(`${zegel.url}/api/v1/messages`, { method: 'POST', headers, body });
    expect(res.status).toBe(201);
    const { id, recipients } = res.json<{ id: string; recipients: { ceId: string }[] }>();
    await drain();
    const token = await z.pickupToken('names@example.nl');
    const cookie = await z.openSession(token, recipients[0].ceId, '127.0.4.3');
    expect((await z.answer(token, cookie, 'accept')).status).toBe(200);
    await drain();
    const receipts = (await z.outbox()).filter(
      (m) => m.kind === 'receipt' && m.subject.includes('names@example.nl'),
    );
    expect(receipts.length).toBeGreaterThanOrEqual(2);
    for (const r of receipts) {
      const raw = (await http(`${zegel.url}/api/v1/admin/outbox/${r.id}`)).text();
      expect(raw).not.toContain('Diagnose-Jansen');
      expect(raw).toContain(id);
    }
  });

  it('refuses to serve evidence that was changed in the database', async () => {
    const { sent } = await pickupFor('tamper@example.nl');
    expect((await http(`${zegel.url}/api/v1/events`)).status).toBe(200);
    const tamper = `UPDATE evidence_events SET reason = 'nothing happened' WHERE "messageId" = $1 AND type = 'SubmissionAcceptance'`;
    if (zegel.config.database.type === 'postgres') {
      const pg = new Client({ connectionString: zegel.config.database.url });
      await pg.connect();
      await pg.query(tamper, [sent.id]).finally(() => pg.end());
    } else {
      const rw = new Database(dbFile());
      rw.prepare(tamper.replace('$1', '?')).run(sent.id);
      rw.close();
    }
    const status = await http(`${zegel.url}/api/v1/messages/${sent.id}`);
    expect(status.status).toBe(500);
    expect(status.json<{ error: { code: string } }>().error.code).toBe('INTEGRITY_FAILURE');
    const events = await http(`${zegel.url}/api/v1/events?limit=1000`);
    expect(events.json<{ error: { code: string } }>().error.code).toBe('INTEGRITY_FAILURE');
  });
});
