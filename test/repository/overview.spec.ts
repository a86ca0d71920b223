import 'reflect-metadata';
import type { EvidenceEventType, RecipientState, Route } from '@zegel/shared';
import { randomUUID } from 'node:crypto';
import { DatabaseService } from '../../server/src/database/database.service';
import { EvidenceRepository } from '../../server/src/evidence/evidence.repository';
import { GENESIS_HASH } from '../../server/src/evidence/verifier/event-hash';
import { MessageRepository } from '../../server/src/messages/message.repository';
import { RecipientRepository } from '../../server/src/messages/recipient.repository';
import { OverviewRepository } from '../../server/src/overview/overview.repository';
import { JobRepository } from '../../server/src/queue/job.repository';
import { openMigratedDatabase, testDatabaseEngine } from '../support/database';

interface Copy {
  address: string;
  route: Route;
  state: RecipientState;
  handedOverAt?: Date;
}

/** The admin overview's aggregates and the event log's filters, on the engine under test. */
describe(`overview and event log queries (${testDatabaseEngine()})`, () => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: DatabaseService;
  let overview: OverviewRepository;
  let evidence: EvidenceRepository;
  const day = (d: number, hour = 10) => new Date(Date.UTC(2026, 10, d, hour, 0, 0));

  beforeAll(async () => {
    database = await openMigratedDatabase('overview');
    db = database.db;
    overview = new OverviewRepository(db);
    evidence = new EvidenceRepository(db);

    // Before the window: must not count.
    await message(day(1), [{ address: 'old@a.example', route: 'pickup', state: 'accepted' }]);
    // Day 10: one message on both routes, one pickup message.
    await message(day(10), [
      { address: 'x@A.example', route: 'direct', state: 'delivered' },
      { address: 'y@b.example', route: 'pickup', state: 'notified' },
    ]);
    await message(day(10, 23), [
      { address: 'z@b.example', route: 'pickup', state: 'accepted', handedOverAt: day(11) },
    ]);
    // Day 12: opened and declined, a failed notification, a failed delivery.
    await message(day(12), [
      { address: 'p@b.example', route: 'pickup', state: 'declined', handedOverAt: day(12, 11) },
      { address: 'q@c.example', route: 'pickup', state: 'notification-failed' },
    ]);
    await message(day(12, 12), [
      { address: 'r@a.example', route: 'direct', state: 'delivery-failed' },
    ]);
  });

  afterAll(async () => {
    await database?.close();
  });

  async function message(createdAt: Date, copies: Copy[]): Promise<string> {
    const id = randomUUID();
    const messages = new MessageRepository(db);
    const recipients = new RecipientRepository(db);
    await db.transaction(async (tx) => {
      await messages.insert(
        tx,
        {
          id,
          sender: 's@org.example',
          ownerId: null,
          classification: 'confidential',
          entry: 'smtp',
          createdAt,
          expiresAt: new Date(createdAt.getTime() + 14 * 86_400_000),
          sealedMeta: 'sealed',
          htmlSha256: null,
          textSha256: 'a'.repeat(64),
          totalBytes: 4,
          contentState: 'stored',
          contentDeletedAt: null,
          contentDueAt: null,
          allowReplies: true,
        },
        'wrapped',
        [],
      );
      await recipients.insert(
        tx,
        copies.map((c, i) => ({
          id: randomUUID(),
          messageId: id,
          address: c.address,
          phone: null,
          route: c.route,
          ceIdChannel: 'sender' as const,
          tokenHash: randomUUID().replace(/-/g, '').padEnd(64, String(i)),
          ceIdHash: 'c'.repeat(64),
          state: c.state,
          failedAttempts: 0,
          updatedAt: new Date(createdAt.getTime() + (i + 1) * 60_000),
          handedOverAt: c.handedOverAt ?? null,
          retainUntil: null,
          lostCodeAt: null,
          smsReference: null,
          smsStatus: null,
        })),
      );
    });
    return id;
  }

  const since = day(10, 0);

  it('counts messages per UTC day and route, a message on both routes on each', async () => {
    expect(await overview.messagesPerDay(since)).toEqual([
      { day: '2026-11-10', route: 'direct', messages: 1 },
      { day: '2026-11-10', route: 'pickup', messages: 2 },
      { day: '2026-11-12', route: 'direct', messages: 1 },
      { day: '2026-11-12', route: 'pickup', messages: 1 },
    ]);
  });

  it('counts what became of the copies of the window', async () => {
    expect(await overview.copyOutcomes(since)).toEqual({
      pickupCopies: 4,
      opened: 2,
      accepted: 1,
      declined: 1,
      failed: 2,
    });
    expect(await overview.copyOutcomes(day(30))).toEqual({
      pickupCopies: 0,
      opened: 0,
      accepted: 0,
      declined: 0,
      failed: 0,
    });
  });

  it('lists the newest failed copies first', async () => {
    const failed = await overview.latestFailures(since, 5);
    expect(failed.map((f) => [f.recipient, f.route, f.state])).toEqual([
      ['r@a.example', 'direct', 'delivery-failed'],
      ['q@c.example', 'pickup', 'notification-failed'],
    ]);
    expect(failed[0].at).toBe(new Date(day(12, 12).getTime() + 60_000).toISOString());
    expect(await overview.latestFailures(since, 1)).toHaveLength(1);
  });

  it('groups the recipient domains of the window, lower-cased, busiest first', async () => {
    expect(await overview.recipientDomains(since, 10)).toEqual([
      { domain: 'b.example', copies: 3, direct: 0, pickup: 3, lastSentAt: day(12).toISOString() },
      {
        domain: 'a.example',
        copies: 2,
        direct: 2,
        pickup: 0,
        lastSentAt: day(12, 12).toISOString(),
      },
      { domain: 'c.example', copies: 1, direct: 0, pickup: 1, lastSentAt: day(12).toISOString() },
    ]);
    expect(await overview.recipientDomains(since, 1)).toHaveLength(1);
  });

  it('gives the queue depth and the oldest job', async () => {
    const jobs = new JobRepository(db);
    const before = await jobs.depth();
    await db.transaction((tx) =>
      jobs.insert(tx, { id: randomUUID(), type: 'notify-recipient', payload: {}, delayMs: 0 }),
    );
    const after = await jobs.depth();
    expect(after.queued).toBe(before.queued + 1);
    expect(after.oldest).toBeInstanceOf(Date);
  });

  describe('event log filters', () => {
    const chainLength = new Map<string, number>();
    async function event(
      type: EvidenceEventType,
      messageId: string | null,
      actor: string,
      time: Date,
    ): Promise<number> {
      const chain = messageId ?? 'configuration';
      const chainSeq = (chainLength.get(chain) ?? 0) + 1;
      chainLength.set(chain, chainSeq);
      return db.transaction((tx) =>
        evidence.append(tx, {
          format: 2,
          chainSeq,
          leafIndex: null,
          id: randomUUID(),
          type,
          time,
          messageId,
          recipient: null,
          actor,
          ip: null,
          digests: {},
          reason: null,
          details: null,
          prevHash: chainSeq === 1 ? GENESIS_HASH : `${chain}-${chainSeq - 1}`.padEnd(64, '0'),
          hash: `${chain}-${chainSeq}`.padEnd(64, '0'),
          signature: 's',
          keyId: 'k',
        }),
      );
    }

    const m1 = randomUUID();
    const m2 = randomUUID();
    const seqs: number[] = [];
    beforeAll(async () => {
      seqs.push(await event('SubmissionAcceptance', m1, 'sender:s@org.example', day(10)));
      seqs.push(await event('ConfigurationChange', null, 'admin:Ann@org.example', day(10, 12)));
      seqs.push(await event('ContentHandover', m1, 'recipient:y@b.example', day(11)));
      seqs.push(await event('SubmissionAcceptance', m2, 'sender:s@org.example', day(12)));
      seqs.push(await event('ConfigurationChange', null, 'admin:50%_off@org.example', day(12, 23)));
    });

    const found = async (filter: Parameters<EvidenceRepository['search']>[0]) => {
      const { rows, total } = await evidence.search(filter);
      return { seqs: rows.map((r) => seqs.indexOf(r.seq)), total };
    };

    it.each([
      [{}, [4, 3, 2, 1, 0]],
      [{ types: ['ConfigurationChange' as const] }, [4, 1]],
      [{ types: ['SubmissionAcceptance' as const, 'ContentHandover' as const] }, [3, 2, 0]],
      [{ actor: 'ANN@' }, [1]],
      // LIKE wildcards in the filter are matched as themselves.
      [{ actor: '50%_' }, [4]],
      [{ actor: '%' }, [4]],
      [{ actor: '_' }, [4]],
      [{ from: day(11, 0), to: day(12, 0) }, [2]],
      [{ from: day(12, 0) }, [4, 3]],
    ])('%j finds %j, newest first', async (filter, expected) => {
      const result = await found({ limit: 100, ...filter });
      expect(result.seqs).toEqual(expected);
      expect(result.total).toBe(expected.length);
    });

    it('filters by message id and pages with `before`, counting every match', async () => {
      await expect(found({ limit: 100, messageId: m1 })).resolves.toEqual({
        seqs: [2, 0],
        total: 2,
      });
      await expect(found({ limit: 1, messageId: m1 })).resolves.toEqual({ seqs: [2], total: 2 });
      await expect(found({ limit: 1, messageId: m1, before: seqs[2] })).resolves.toEqual({
        seqs: [0],
        total: 2,
      });
    });

    it('reads the predecessors a filtered page names, configuration chain included', async () => {
      const rows = await evidence.predecessors([
        { messageId: m1, chainSeq: 2 },
        { messageId: null, chainSeq: 2 },
        { messageId: m2, chainSeq: 1 },
      ]);
      const pairs = rows.map((r) => `${r.messageId ?? 'configuration'} ${r.chainSeq}`).sort();
      expect(pairs).toEqual([`${m1} 1`, 'configuration 1'].sort());
    });
  });
});
