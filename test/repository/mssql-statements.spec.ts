import { DatabaseService } from '../../server/src/database/database.service';
import { LeaderLock } from '../../server/src/database/leader-lock.service';
import { migrate } from '../../server/src/database/migrations.runner';
import { EvidenceRepository } from '../../server/src/evidence/evidence.repository';
import { MessageReplyRepository } from '../../server/src/messages/message-reply.repository';
import { MessageRepository } from '../../server/src/messages/message.repository';
import { RecipientPhoneRepository } from '../../server/src/messages/recipient-phone.repository';
import { RecipientRepository } from '../../server/src/messages/recipient.repository';
import { TrackingRepository } from '../../server/src/messages/tracking.repository';
import { PickupAttemptRepository } from '../../server/src/pickup/pickup-attempt.repository';
import { ClassificationRepository } from '../../server/src/policy/classifications/classification.repository';
import { MailFlowRuleRepository } from '../../server/src/policy/mail-flow/mail-flow-rule.repository';
import { JobOutboxRepository } from '../../server/src/queue/job-outbox.repository';
import { JobRepository } from '../../server/src/queue/job.repository';
import { SettingsRepository } from '../../server/src/settings/settings.repository';
import { TlsRptRepository } from '../../server/src/tlsrpt/tlsrpt.repository';
import { BlobReferenceRepository } from '../../server/src/vault/blob-reference.repository';
import { WebhookRepository } from '../../server/src/webhooks/webhook.repository';
import { mssqlRecorder, type MssqlRecorder } from '../support/mssql-recorder';
import { mssqlProblems } from '../support/mssql-sql-checks';

/**
 * Every repository method on SQL Server, without a SQL Server: TypeORM's own mssql query runner
 * records what it would send (mssql-recorder.ts), and each statement is checked for T-SQL shape
 * (mssql-sql-checks.ts). What the statements do on a real server is for `npm run test:mssql`.
 */
describe('SQL Server statements of every repository (offline)', () => {
  let rec: MssqlRecorder;
  let db: DatabaseService;
  const now = new Date('2026-11-30T10:00:00.000Z');
  const tx = () => rec.dataSource.manager;

  beforeAll(async () => {
    rec = await mssqlRecorder();
    db = new DatabaseService(rec.dataSource);
  });
  beforeEach(() => {
    rec.clear();
    rec.reply = () => ({ affected: 1 });
  });

  /** Runs `call`, then checks every statement it sent; returns them for closer looks. */
  async function statements(call: () => Promise<unknown>): Promise<string[]> {
    rec.clear();
    await call();
    expect(rec.queries.length).toBeGreaterThan(0);
    const problems = rec.queries.flatMap((q) =>
      mssqlProblems(q.sql, q.params).map((p) => `${p}\n  in: ${q.sql}`),
    );
    expect(problems).toEqual([]);
    return rec.queries.map((q) => q.sql);
  }

  it('the checks refuse what SQL Server would refuse', () => {
    const bad: [string, unknown[], RegExp][] = [
      ['SELECT id FROM jobs ORDER BY "runAt" LIMIT @0', [1], /LIMIT/],
      ['UPDATE jobs SET a = @0 RETURNING id', [1], /RETURNING/],
      ['INSERT INTO t (id) VALUES (@0) ON CONFLICT (id) DO NOTHING', [1], /ON CONFLICT/],
      ['SELECT id FROM jobs WHERE id = ?', [1], /\? placeholder/],
      ['SELECT id FROM jobs WHERE id = @0', [1, 2], /placeholders @0 for 2/],
      ['SELECT value FROM organisation_settings WHERE key = @0', [1], /reserved word/],
      ['SELECT id FROM jobs WHERE enabled = true', [], /boolean literal/],
      [
        'MERGE INTO t AS x USING (SELECT @0 AS id) AS s ON x.id = s.id WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id);',
        [1],
        /HOLDLOCK/,
      ],
      ['SELECT id FROM jobs WHERE (id = @0', [1], /does not parse/],
    ];
    for (const [sql, params, problem] of bad)
      expect(mssqlProblems(sql, params).join('; ')).toMatch(problem);
  });

  it('job queue: claims with UPDLOCK, READPAST, TOP and OUTPUT; every write fenced by its lease', async () => {
    const jobs = new JobRepository(db);
    const claim = await statements(() => jobs.claim(['deliver', 'notify'], 5, 'lease-1', 3000));
    expect(claim[0]).toMatch(/SELECT TOP \(@0\) \* FROM jobs WITH \(UPDLOCK, READPAST, ROWLOCK\)/);
    expect(claim[0]).toContain('OUTPUT INSERTED.id');
    expect(rec.queries[0].params).toEqual([5, 'deliver', 'notify', 'lease-1', 3000]);
    expect(rec.queries[0].inTransaction).toBe(true);

    const one = await statements(() => jobs.claimOne('j1', 'lease-1', 3000));
    expect(one[0]).toMatch(/SET [\s\S]*OUTPUT INSERTED\.id[\s\S]*WHERE id = @2/);

    rec.reply = (sql) => (sql.startsWith('UPDATE') ? { rows: [{ id: 'j1' }] } : {});
    const renew = await statements(() => jobs.renew([{ id: 'j1', lease: 'l' }], 3000));
    expect(renew[0]).toMatch(/OUTPUT INSERTED\.id\s+WHERE id IN \(@1\)/);

    const stranded = await statements(() => jobs.stranded(['deliver'], 60_000, 10));
    expect(stranded[0]).toMatch(/^SELECT TOP \(@0\) id, type, attempts FROM jobs/);
    expect(rec.queries[0].params).toEqual([10, 'deliver', -60_000]);

    await statements(() =>
      jobs.insert(tx(), { id: 'j2', type: 'deliver', payload: {}, delayMs: 5 }),
    );
    await statements(() => jobs.recordEffects(tx(), 'j1', 'l', ['sent']));
    await statements(() => jobs.complete(tx(), 'j1', 'l'));
    await statements(() => jobs.retry('j1', 'l', 1000, 'busy'));
    await statements(() => jobs.fail(tx(), 'j1', 'l', 'gave up'));
    await statements(() => jobs.countDue(['deliver']));
    await statements(() => jobs.depth());
    await statements(() => jobs.backlog());
  });

  it('job outbox: reads with READPAST so relays on several instances take different rows', async () => {
    const outbox = new JobOutboxRepository(db);
    rec.reply = (sql) =>
      sql.startsWith('SELECT TOP')
        ? {
            rows: [
              {
                id: 'o1',
                jobId: 'j1',
                type: 'deliver',
                runAt: now.toISOString(),
                now: now.toISOString(),
              },
            ],
          }
        : {};
    const sent: unknown[] = [];
    const relay = await statements(() => outbox.relay(20, async (e) => void sent.push(...e)));
    expect(relay[0]).toContain('FROM job_outbox o WITH (UPDLOCK, READPAST, ROWLOCK)');
    expect(relay[1]).toMatch(/^DELETE FROM job_outbox WHERE id IN \(@0\)/);
    expect(sent).toHaveLength(1);
    await statements(() => outbox.insert(tx(), { id: 'o2', jobId: 'j2' }));
    await statements(() => outbox.count());
  });

  it('pickup guards: one MERGE … WITH (HOLDLOCK) per attempt, the new count through OUTPUT', async () => {
    const attempts = new PickupAttemptRepository(db);
    rec.reply = (sql) =>
      sql.startsWith('MERGE') ? { rows: [{ failures: 2, blockedUntil: null }] } : {};
    const count = await statements(() => attempts.countAttempt('ip:192.0.2.1', now, 3_600_000));
    expect(count[0]).toMatch(/^MERGE INTO pickup_ip_failures WITH \(HOLDLOCK\)/);
    expect(count[0]).toMatch(/OUTPUT INSERTED\.failures, INSERTED\."blockedUntil";$/);
    await statements(() => attempts.giveBack(tx(), 'ip:192.0.2.1'));
    await statements(() => attempts.block('ip:192.0.2.1', now, now));
    await statements(() => attempts.openSession(tx(), 's1', 'r1', now));
    await statements(() => attempts.purge(now, 3_600_000));
  });

  it('TLS reports: counts by MERGE, claims by INSERT … WHERE NOT EXISTS with UPDLOCK, HOLDLOCK', async () => {
    const tlsrpt = new TlsRptRepository(db);
    const row = {
      policyDomain: 'example.nl',
      policyType: 'sts' as const,
      policyStrings: ['version: STSv1'],
      mxHosts: ['mx.example.nl'],
      mxHost: 'mx.example.nl',
      receivingIp: '192.0.2.25',
      resultType: 'success' as const,
    };
    const inc = await statements(() => tlsrpt.increment('2026-11-29', row));
    expect(inc[0]).toMatch(/WHEN MATCHED THEN UPDATE SET "count" = c\."count" \+ 1/);
    rec.reply = (sql) => (sql.startsWith('INSERT') ? { rows: [{ id: 'x' }] } : {});
    const claim = await statements(() => tlsrpt.claim('2026-11-29', 'example.nl', 'r1'));
    expect(claim[0]).toContain('WITH (UPDLOCK, HOLDLOCK)');
    const due = await statements(() => tlsrpt.due('2026-11-30', 50));
    expect(due[0]).toMatch(/^SELECT DISTINCT TOP \(@0\) /);
    await statements(() => tlsrpt.rows('2026-11-29', 'example.nl'));
    await statements(() => tlsrpt.finish('2026-11-29', 'example.nl', 'sent', ''));
    await statements(() => tlsrpt.report('2026-11-29', 'example.nl'));
  });

  it('recipients: counters through OUTPUT; transitions conditional on the state', async () => {
    const recipients = new RecipientRepository(db);
    rec.reply = (sql) => (sql.startsWith('UPDATE') ? { rows: [{ failedAttempts: 1 }] } : {});
    const reserve = await statements(() => recipients.reserveAttempt('r1'));
    expect(reserve[0]).toMatch(/OUTPUT INSERTED\."failedAttempts"\s+WHERE id = @0/);
    const sms = await statements(() => recipients.updateSmsStatus(tx(), 'ref', 'delivered'));
    expect(sms[0]).toMatch(/OUTPUT INSERTED\.id, INSERTED\."messageId", INSERTED\.address/);
    rec.reply = () => ({ affected: 1 });
    const byToken = await statements(() => recipients.byTokenHash('h'));
    expect(byToken[0]).toMatch(/^SELECT TOP \(1\) .* WHERE "tokenHash" = @0$/);
    const withSession = await statements(() => recipients.withMessageAndSession('h', 's'));
    expect(withSession[0]).toMatch(
      /^SELECT TOP \(1\) .*, \(SELECT COUNT\(\*\) FROM message_replies r WHERE r\."recipientId" = a\.id\) AS "v_replies" FROM "recipients" a LEFT JOIN "messages" b ON b\.id = a\."messageId" LEFT JOIN "pickup_sessions" c ON c\.id = @0 AND c\."recipientId" = a\.id WHERE a\."tokenHash" = @1$/,
    );
    const moved = await statements(() =>
      recipients.transition(tx(), 'r1', ['pending'], 'notified'),
    );
    expect(moved[0]).toMatch(/WHERE "id" = @\d+ AND "state" IN \(@\d+\)/);
    await statements(() => recipients.insert(tx(), [recipientRow()]));
    await statements(() => recipients.byId('r1'));
    await statements(() => recipients.ofMessage('m1'));
    await statements(() => recipients.ofMessages(['m1', 'm2']));
    await statements(() => recipients.releaseAttempt(tx(), 'r1'));
    await statements(() =>
      recipients.replaceCode(tx(), 'r1', ['notified'], { ceIdHash: 'c', channel: 'sms' }),
    );
    await statements(() =>
      recipients.switchToPickup(tx(), 'r1', { ceIdHash: 'c', tokenHash: 't', channel: 'sender' }),
    );
    await statements(() => recipients.noteLostCode(tx(), 'r1', now, now));
    await statements(() => recipients.recordSms(tx(), 'r1', 'ref', 'sent'));
  });

  it('messages: the row lock is UPDLOCK, the sweeps take TOP (n)', async () => {
    const messages = new MessageRepository(db);
    const lock = await statements(() => db.transaction((t) => messages.lock(t, 'm1')));
    expect(lock[0]).toMatch(/WITH \(UPDLOCK, ROWLOCK\)/);
    const expired = await statements(() => messages.expiredIds(now, 100));
    expect(expired[0]).toMatch(/^SELECT TOP \(@0\) id FROM messages/);
    expect(rec.queries[0].params).toEqual([100, now.toISOString()]);
    await statements(() => messages.dueForReviewIds(now, 100));
    await statements(() => messages.insert(tx(), messageRow(), 'wrapped', []));
    await statements(() => messages.byId('m1'));
    await statements(() => messages.recentOfOwner('owner', 20));
    await statements(() => messages.wrappedKey('m1'));
    await statements(() => messages.parts('m1'));
    await statements(() => messages.part('m1', 'attachment', 0));
    rec.reply = (sql) => (sql.includes('message_parts') ? { rows: [] } : { affected: 1 });
    await statements(() => db.transaction((t) => messages.destroyContent(t, 'm1', now)));
    await statements(() => messages.reviewContentAt(tx(), 'm1', now));
    await statements(() => messages.clearContentReview(tx(), 'm1'));
  });

  it('evidence: the chain head by MERGE … HOLDLOCK and UPDLOCK; the tree by TypeORM paging', async () => {
    const evidence = new EvidenceRepository(db);
    rec.reply = (sql) =>
      sql.includes('"evidence_chain_heads"') && sql.startsWith('SELECT')
        ? {
            rows: [
              {
                EvidenceChainHeadEntity_chain: 'm1',
                EvidenceChainHeadEntity_length: 0,
                EvidenceChainHeadEntity_hash: '0'.repeat(64),
              },
            ],
          }
        : {};
    const head = await statements(() => db.transaction((t) => evidence.lockChainHead(t, 'm1')));
    expect(head[0]).toMatch(/^MERGE INTO evidence_chain_heads WITH \(HOLDLOCK\)/);
    expect(head[1]).toMatch(/WITH \(UPDLOCK, ROWLOCK\)/);
    rec.reply = (sql) =>
      sql.includes('INSERT INTO "evidence_events"') ? { rows: [{ seq: 7 }] } : { affected: 1 };
    const append = await statements(() => evidence.append(tx(), eventRow()));
    expect(append[0]).toMatch(/OUTPUT INSERTED\."seq"/);
    rec.reply = () => ({ affected: 1 });
    await statements(() => evidence.forMessage('m1'));
    await statements(() => evidence.page(0, 100));
    await statements(() => evidence.byId('e1'));
    await statements(() => evidence.legacyBefore(5));
    await statements(() => evidence.chainPredecessor('m1', 2));
    await statements(() => evidence.ofTypes('m1', ['SubmissionAcceptance']));
    await statements(() => evidence.leafHashes(0, 100));
    await statements(() => evidence.unsequenced(100));
    await statements(() => evidence.assignLeaves(tx(), [{ seq: 1, leafIndex: 0 }]));
    await statements(() =>
      evidence.insertTreeHead(tx(), {
        treeSize: 1,
        rootHash: 'a'.repeat(64),
        time: now,
        signature: 's',
        keyId: 'k',
        timestampToken: null,
      } as never),
    );
    await statements(() => evidence.setTimestampToken(1, 'token'));
    await statements(() => evidence.latestTreeHeads(2));
    await statements(() => evidence.treeHeads(0, 10));
    await statements(() => evidence.leavesPage(0, 10));
    await statements(() => evidence.withoutLeaf(0, 10));
    await statements(() => evidence.legacyPage(0, 10));
  });

  it('settings, classifications, mail-flow rules: conditional on the version read', async () => {
    const settings = new SettingsRepository(db);
    const replace = await statements(() => settings.replace(tx(), 'policy', 1, { a: 1 }, 'admin'));
    expect(replace[0]).toMatch(/WHERE "key" = @\d+ AND "version" = @\d+/);
    const create = await statements(() => settings.createIfMissing(tx(), 'policy', {}, 'admin'));
    expect(create[0]).toMatch(/^MERGE INTO "organisation_settings" WITH \(HOLDLOCK\)/);
    await statements(() => settings.get('policy'));

    const classifications = new ClassificationRepository(db);
    await statements(() => classifications.list());
    await statements(() => classifications.get(tx(), 'registered'));
    await statements(() =>
      classifications.update(tx(), 'registered', 1, { label: { en: 'x', nl: 'x' } }),
    );
    await statements(() => classifications.remove(tx(), 'registered', 1));

    const rules = new MailFlowRuleRepository(db);
    await statements(() => rules.list());
    await statements(() => rules.get(tx(), 'r1'));
    await statements(() => rules.lastPosition(tx()));
    await statements(() => rules.update(tx(), 'r1', 1, { name: 'x' }, now));
    await statements(() => rules.remove(tx(), 'r1', 1));
  });

  it('phones, replies, tracking, blobs and webhooks', async () => {
    const phones = new RecipientPhoneRepository(db);
    await statements(() => phones.phonesOf(['a@example.nl']));
    const list = await statements(() => phones.list(50, 'a@example.nl'));
    expect(list[0]).toMatch(/OFFSET 0 ROWS FETCH NEXT 50 ROWS ONLY|TOP 50/);
    await statements(() => phones.get(tx(), 'a@example.nl'));
    await statements(() => phones.put(tx(), 'a@example.nl', '+31600000000', 'admin'));
    await statements(() => phones.remove(tx(), 'a@example.nl'));

    const replies = new MessageReplyRepository(db);
    await statements(() => replies.countOf('r1'));
    await statements(() => replies.byId('x1'));
    await statements(() => replies.close(tx(), 'x1', 'delivered', now));

    const tracking = new TrackingRepository(db);
    await statements(() =>
      tracking.search({
        sender: 'jan@zorg.example',
        recipient: 'a@example.nl',
        state: 'notified',
        from: now,
        to: now,
        before: { createdAt: now, id: 'm9' },
        limit: 25,
      }),
    );

    const blobs = new BlobReferenceRepository(db);
    await statements(() => blobs.referenced(['b1', 'b2']));

    const webhooks = new WebhookRepository(db);
    await statements(() => webhooks.list());
    await statements(() => webhooks.get('w1'));
    await statements(() => webhooks.withPlainSecret());
    await statements(() => webhooks.subscribers(tx(), 'ContentHandover'));
    await statements(() => webhooks.remove(tx(), 'w1'));
    await statements(() => webhooks.delivery('d1'));
    await statements(() => webhooks.deliveries('w1', 20, now));
    await statements(() =>
      webhooks.recordAttempt(tx(), 'd1', { status: 500, error: 'x', delivered: false, at: now }),
    );
    await statements(() => webhooks.finish(tx(), 'd1', 'failed', 'x'));
    await statements(() => webhooks.markHealthy(tx(), 'w1'));
    await statements(() => webhooks.markFailing(tx(), 'w1', now));
    await statements(() => webhooks.disable(tx(), 'w1', 'gone', now));
  });

  it('the leader lock is sp_getapplock, without waiting, owned by a transaction on one connection', async () => {
    rec.reply = (sql) => (sql.includes('sp_getapplock') ? { rows: [{ result: 0 }] } : {});
    let ran = false;
    const sql = await statements(() =>
      new LeaderLock(db).runAsLeader('retention', async () => void (ran = true)),
    );
    expect(ran).toBe(true);
    expect(sql[0]).toContain("@LockOwner = 'Transaction', @LockTimeout = @1");
    expect(rec.queries[0].params).toEqual(['zegel:retention', 0]);
    expect(rec.queries[0].inTransaction).toBe(true);
    expect(rec.transactions).toEqual(['begin', 'rollback']);

    rec.clear();
    rec.reply = () => ({ rows: [{ result: -1 }] });
    ran = false;
    expect(await new LeaderLock(db).runAsLeader('retention', async () => void (ran = true))).toBe(
      false,
    );
    expect(ran).toBe(false);
  });

  it('migrations run under a waiting sp_getapplock, and refuse to go on without it', async () => {
    rec.reply = () => ({ rows: [{ result: -1 }] });
    await expect(migrate(rec.dataSource, 'auto')).rejects.toThrow(/migration lock/);
    expect(rec.queries[0].params).toEqual(['zegel:migrations', 15 * 60_000]);
    expect(rec.transactions).toEqual(['begin', 'rollback']);
  });
});

function recipientRow() {
  return {
    id: 'r1',
    messageId: 'm1',
    address: 'a@example.nl',
    phone: null,
    route: 'pickup',
    ceIdChannel: 'sender',
    tokenHash: 't',
    ceIdHash: 'c',
    state: 'pending',
    failedAttempts: 0,
    updatedAt: new Date(),
  } as never;
}

function messageRow() {
  return {
    id: 'm1',
    sender: 'jan@zorg.example',
    classification: 'registered',
    entry: 'api',
    createdAt: new Date(),
    expiresAt: new Date(),
    totalBytes: 10,
    contentState: 'stored',
    allowReplies: true,
  } as never;
}

function eventRow() {
  return {
    id: 'e1',
    type: 'SubmissionAcceptance',
    time: new Date(),
    messageId: 'm1',
    recipient: null,
    actor: 'jan@zorg.example',
    ip: null,
    digests: {},
    reason: null,
    prevHash: '0'.repeat(64),
    hash: 'a'.repeat(64),
    signature: 's',
    keyId: 'k',
    details: null,
    format: 2,
    chainSeq: 1,
    leafIndex: null,
  } as never;
}
