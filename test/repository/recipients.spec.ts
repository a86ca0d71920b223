import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DatabaseService } from '../../server/src/database/database.service';
import { MessageReplyRepository } from '../../server/src/messages/message-reply.repository';
import { MessageRepository } from '../../server/src/messages/message.repository';
import { selectWithJoins } from '../../server/src/database/plain-select';
import { MessageEntity } from '../../server/src/messages/message.entity';
import { RecipientEntity } from '../../server/src/messages/recipient.entity';
import { TRANSITIONS } from '../../server/src/messages/recipient-lifecycle.rules';
import { PICKUP_FIELDS, RecipientRepository } from '../../server/src/messages/recipient.repository';
import { PickupAttemptRepository } from '../../server/src/pickup/pickup-attempt.repository';
import { openMigratedDatabase, testDatabaseEngine } from '../support/database';

/** The repositories that own message state, on the engine under test. */
describe(`message state repositories (${testDatabaseEngine()})`, () => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: DatabaseService;
  let recipients: RecipientRepository;
  let messages: MessageRepository;
  let attempts: PickupAttemptRepository;

  beforeAll(async () => {
    database = await openMigratedDatabase('repo');
    db = database.db;
    recipients = new RecipientRepository(db);
    messages = new MessageRepository(db);
    attempts = new PickupAttemptRepository(db);
  });

  afterAll(async () => {
    await database?.close();
  });

  async function copy(changes: Partial<RecipientEntity> = {}): Promise<RecipientEntity> {
    const messageId = randomUUID();
    const now = new Date();
    await db.transaction(async (tx) => {
      await messages.insert(
        tx,
        {
          id: messageId,
          sender: 's@example.nl',
          ownerId: 'development development-user',
          classification: 'registered',
          entry: 'api',
          createdAt: now,
          expiresAt: new Date(now.getTime() + 86_400_000),
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
      await recipients.insert(tx, [
        {
          id: randomUUID(),
          messageId,
          address: 'r@example.nl',
          phone: null,
          route: 'pickup',
          ceIdChannel: 'sender',
          tokenHash: randomUUID().replace(/-/g, '').padEnd(64, '0'),
          ceIdHash: 'c'.repeat(64),
          state: 'notified',
          failedAttempts: 0,
          updatedAt: now,
          handedOverAt: null,
          retainUntil: null,
          lostCodeAt: null,
          smsReference: null,
          smsStatus: null,
          ...changes,
        },
      ]);
    });
    return (await recipients.ofMessage(messageId))[0];
  }

  it('reads the copy, its message, a session of that copy and its reply count in one query', async () => {
    const c = await copy();
    const other = await copy();
    const expires = new Date(Date.now() + 60_000);
    await db.transaction(async (tx) => {
      await attempts.openSession(tx, 'a'.repeat(64), c.id, expires);
      await attempts.openSession(tx, 'b'.repeat(64), other.id, expires);
    });
    const found = await recipients.withMessageAndSession(c.tokenHash, 'a'.repeat(64));
    // Exactly the pickup's fields, as the full rows hold them.
    const fullCopy = (await recipients.byTokenHash(c.tokenHash))!;
    const fullMessage = (await messages.byId(c.messageId))!;
    const only = (row: object, fields: readonly string[]) =>
      Object.fromEntries(fields.map((f) => [f, (row as Record<string, unknown>)[f]]));
    expect({ ...found!.recipient }).toEqual(only(fullCopy, PICKUP_FIELDS.recipient));
    expect({ ...found!.message }).toEqual(only(fullMessage, PICKUP_FIELDS.message));
    expect(Object.keys({ ...found!.session }).sort()).toEqual([...PICKUP_FIELDS.session].sort());
    expect(found!.session).toMatchObject({ id: 'a'.repeat(64), recipientId: c.id });
    expect(found!.session!.expiresAt).toEqual(expires);
    // Typed as the entities read them, not as the driver returns columns.
    expect(found!.message!.createdAt).toBeInstanceOf(Date);
    expect(found!.message!.allowReplies).toBe(true);
    expect(await recipients.withMessageAndSession('f'.repeat(64), 'a'.repeat(64))).toBeNull();
    expect(found!.replies).toBe(0);
    const replies = new MessageReplyRepository(db);
    await db.transaction(async (tx) => {
      for (const recipientId of [c.id, c.id, other.id])
        await replies.insert(tx, {
          id: randomUUID(),
          messageId: c.messageId,
          recipientId,
          createdAt: new Date(),
          state: 'stored',
          wrappedKey: 'wrapped',
          sealedMeta: 'sealed',
          parts: '[]',
          textSha256: 'e'.repeat(64),
          deliveredAt: null,
        });
    });
    const counted = await recipients.withMessageAndSession(c.tokenHash, 'a'.repeat(64));
    expect(counted!.replies).toBe(await replies.countOf(c.id));
    expect(counted!.replies).toBe(2);
    // Another copy's session, or one that does not exist, is not this copy's session.
    const foreign = await recipients.withMessageAndSession(c.tokenHash, 'b'.repeat(64));
    expect(foreign!.recipient.id).toBe(c.id);
    expect(foreign!.session).toBeNull();
    expect(
      (await recipients.withMessageAndSession(c.tokenHash, 'd'.repeat(64)))!.session,
    ).toBeNull();
    expect(await recipients.withMessageAndSession('f'.repeat(64), 'a'.repeat(64))).toBeNull();
  });

  it('reads the copy, its message and the wrapped key in one query, each null once gone', async () => {
    const c = await copy();
    const found = await recipients.withMessageAndKey(c.id, c.messageId);
    expect(found.recipient).toEqual(await recipients.byId(c.id));
    expect(found.message).toEqual(await messages.byId(c.messageId));
    expect(found.message!.expiresAt).toBeInstanceOf(Date);
    expect(found.wrappedKey).toBe('wrapped');
    expect(await recipients.withMessageAndKey(c.id, randomUUID())).toEqual({
      recipient: found.recipient,
      message: null,
      wrappedKey: null,
    });
    await db.transaction((tx) => messages.destroyContent(tx, c.messageId, new Date()));
    const destroyed = await recipients.withMessageAndKey(c.id, c.messageId);
    expect(destroyed.message!.contentState).toBe('deleted');
    expect(destroyed.wrappedKey).toBeNull();
    expect(await recipients.withMessageAndKey(randomUUID(), c.messageId)).toEqual({
      recipient: null,
      message: null,
      wrappedKey: null,
    });
  });

  it('reads only the fields asked for, always the key, and refuses a property the entity lacks', async () => {
    const c = await copy();
    const joins = [{ entity: MessageEntity, on: 'b.id = a."messageId"', fields: ['sender'] }];
    const found = await selectWithJoins(db.manager, RecipientEntity, joins, 'a.id = ?', [c.id], {
      fields: ['state'],
    });
    expect({ ...found!.first }).toEqual({ id: c.id, state: c.state });
    expect({ ...found!.joined[0] }).toEqual({
      id: c.messageId,
      sender: (await messages.byId(c.messageId))!.sender,
    });
    await expect(
      selectWithJoins(db.manager, RecipientEntity, [], 'a.id = ?', [c.id], {
        fields: ['colour'],
      }),
    ).rejects.toThrow('RecipientEntity has no column for the property colour');
  });

  it('lets exactly one of two transitions from the same state win', async () => {
    const c = await copy({ state: 'handed-over' });
    const [accept, decline] = await Promise.all(
      (['accept', 'decline'] as const).map((e) =>
        db.transaction((tx) =>
          recipients.transition(tx, c.id, TRANSITIONS[e].from, TRANSITIONS[e].to),
        ),
      ),
    );
    expect([accept, decline].filter(Boolean)).toHaveLength(1);
    expect((await recipients.byId(c.id))!.state).toBe(accept ? 'accepted' : 'declined');
  });

  it('counts concurrent attempts on a copy without losing one, and gives one back', async () => {
    const c = await copy();
    const counts = await Promise.all(
      Array.from({ length: 20 }, () => recipients.reserveAttempt(c.id)),
    );
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    await db.transaction((tx) => recipients.releaseAttempt(tx, c.id));
    expect((await recipients.byId(c.id))!.failedAttempts).toBe(19);
    expect(await recipients.reserveAttempt(randomUUID())).toBe(0);
  });

  it('counts concurrent attempts from one address without losing one, and stops counting while blocked', async () => {
    const now = new Date();
    const counts = await Promise.all(
      Array.from({ length: 15 }, () => attempts.countAttempt('192.0.2.99', now, 3_600_000)),
    );
    expect(counts.map((c) => c.attempts).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
    expect(await attempts.block('192.0.2.99', new Date(now.getTime() + 60_000), now)).toBe(true);
    expect(await attempts.block('192.0.2.99', new Date(now.getTime() + 60_000), now)).toBe(false);
    const blocked = await attempts.countAttempt('192.0.2.99', now, 3_600_000);
    expect(blocked.attempts).toBe(15);
    expect(blocked.blockedUntil!.getTime()).toBeGreaterThan(now.getTime());
    // A new window after the block: counting starts afresh.
    const later = new Date(now.getTime() + 2 * 3_600_000);
    expect((await attempts.countAttempt('192.0.2.99', later, 3_600_000)).attempts).toBe(1);
  });

  it('switches a pending direct copy to pickup once, with a new link and code', async () => {
    const c = await copy({ state: 'pending', route: 'direct' });
    const codes = {
      tokenHash: 'd'.repeat(64),
      ceIdHash: 'e'.repeat(64),
      channel: 'sender' as const,
    };
    const first = await db.transaction((tx) => recipients.switchToPickup(tx, c.id, codes));
    const again = await db.transaction((tx) => recipients.switchToPickup(tx, c.id, codes));
    expect([first, again]).toEqual([true, false]);
    expect(await recipients.byId(c.id)).toMatchObject({
      route: 'pickup',
      tokenHash: 'd'.repeat(64),
    });
  });

  it('replaces a code only in the allowed states and restarts the count', async () => {
    const open = await copy({ state: 'locked', failedAttempts: 10 });
    const gone = await copy({ state: 'revoked' });
    const replace = (id: string) =>
      db.transaction((tx) =>
        recipients.replaceCode(tx, id, ['locked', 'notified'], {
          ceIdHash: 'f'.repeat(64),
          channel: 'sms',
        }),
      );
    expect(await replace(open.id)).toBe(true);
    expect(await replace(gone.id)).toBe(false);
    expect(await recipients.byId(open.id)).toMatchObject({
      ceIdHash: 'f'.repeat(64),
      failedAttempts: 0,
      ceIdChannel: 'sms',
    });
  });

  it('destroys content once, and finds due messages by index', async () => {
    const c = await copy();
    const first = await db.transaction((tx) =>
      messages.destroyContent(tx, c.messageId, new Date()),
    );
    const second = await db.transaction((tx) =>
      messages.destroyContent(tx, c.messageId, new Date()),
    );
    expect(first).toEqual([]);
    expect(second).toBeNull();
    expect(await messages.wrappedKey(c.messageId)).toBeNull();
    const due = await copy();
    await db.transaction((tx) =>
      messages.reviewContentAt(tx, due.messageId, new Date(Date.now() - 1000)),
    );
    expect(await messages.dueForReviewIds(new Date(), 100)).toContain(due.messageId);
    expect(await messages.expiredIds(new Date(Date.now() + 2 * 86_400_000), 1000)).toContain(
      due.messageId,
    );
  });
});
