import 'reflect-metadata';
import type { DatabaseService } from '../../server/src/database/database.service';
import { updateWhere } from '../../server/src/database/plain-update';
import { RecipientPhoneEntity } from '../../server/src/messages/recipient-phone.entity';
import { RecipientPhoneRepository } from '../../server/src/messages/recipient-phone.repository';
import { openMigratedDatabase, testDatabaseEngine } from '../support/database';

/** The plain conditional UPDATE of the hot paths converts values as TypeORM does. */
describe(`updateWhere (${testDatabaseEngine()})`, () => {
  let db: DatabaseService;
  let close: () => Promise<void>;
  let phones: RecipientPhoneRepository;

  beforeAll(async () => {
    ({ db, close } = await openMigratedDatabase('zegel-plain-update-'));
    phones = new RecipientPhoneRepository(db);
    await db.transaction((tx) => phones.put(tx, 'a@example.nl', '+31600000001', 'admin'));
    await db.transaction((tx) => phones.put(tx, 'b@example.nl', '+31600000002', 'admin'));
  });
  afterAll(() => close?.());

  it('changes only the rows its condition names and says how many', async () => {
    const at = new Date('2026-03-04T05:06:07.890Z');
    const changed = await db.transaction((tx) =>
      updateWhere(
        tx,
        RecipientPhoneEntity,
        { phone: '+31611111111', updatedAt: at },
        'address = ? AND phone = ?',
        ['a@example.nl', '+31600000001'],
      ),
    );
    expect(changed).toBe(1);
    const a = await db.transaction((tx) => phones.get(tx, 'a@example.nl'));
    expect(a).toMatchObject({ phone: '+31611111111', updatedAt: at, updatedBy: 'admin' });
    expect((await db.transaction((tx) => phones.get(tx, 'b@example.nl')))?.phone).toBe(
      '+31600000002',
    );
  });

  it('reports 0 when the condition no longer holds (a lost race)', async () => {
    const changed = await db.transaction((tx) =>
      updateWhere(
        tx,
        RecipientPhoneEntity,
        { phone: '+31622222222' },
        'address = ? AND phone = ?',
        ['a@example.nl', '+31600000001'],
      ),
    );
    expect(changed).toBe(0);
    expect((await db.transaction((tx) => phones.get(tx, 'a@example.nl')))?.phone).toBe(
      '+31611111111',
    );
  });

  it('reads several phones in one query', async () => {
    const found = await phones.phonesOf(['a@example.nl', 'b@example.nl', 'c@example.nl']);
    expect([...found]).toEqual(
      expect.arrayContaining([
        ['a@example.nl', '+31611111111'],
        ['b@example.nl', '+31600000002'],
      ]),
    );
    expect(found.size).toBe(2);
  });
});
