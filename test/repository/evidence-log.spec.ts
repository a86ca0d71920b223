import 'reflect-metadata';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../server/src/database/data-source-options';
import type { DatabaseService } from '../../server/src/database/database.service';
import { EvidenceRepository } from '../../server/src/evidence/evidence.repository';
import { toView } from '../../server/src/evidence/evidence.service';
import { verifyChain } from '../../server/src/evidence/verifier/chain';
import {
  eventHash,
  GENESIS_HASH,
  type ChainedFields,
} from '../../server/src/evidence/verifier/event-hash';
import { createPostgresDatabase, testDatabaseEngine } from '../support/database';

/**
 * Events recorded before the transparency log (format 1, one global chain) survive the migration
 * unchanged and still verify the old way; new events get database sequence numbers after them.
 */
// SQL Server's schema starts after the transparency log: it has no format 1 events to migrate.
const describeMigration = testDatabaseEngine() === 'mssql' ? describe.skip : describe;

describeMigration(`evidence log migration (${testDatabaseEngine()})`, () => {
  let dataSource: DataSource;
  let cleanup: () => Promise<void>;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');

  beforeAll(async () => {
    let database;
    if (testDatabaseEngine() === 'postgres') {
      const db = await createPostgresDatabase();
      database = { type: 'postgres', url: db.url, migrate: 'auto' } as const;
      cleanup = db.drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'zegel-evidence-'));
      database = { type: 'sqlite', path: join(dir, 'zegel.sqlite'), migrate: 'auto' } as const;
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    dataSource = new DataSource({ ...dataSourceOptions({ database }), migrationsRun: false });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await cleanup?.();
  });

  it('keeps format 1 events verifiable and numbers new events after them', async () => {
    await dataSource.runMigrations();
    // Back to the schema before the transparency log.
    while (
      (await dataSource.query('SELECT name FROM migrations')).some((m: { name: string }) =>
        m.name.startsWith('EvidenceLog'),
      )
    )
      await dataSource.undoLastMigration();
    const p = (i: number) => (dataSource.options.type === 'postgres' ? `$${i}` : '?');
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const fields: ChainedFields = {
        seq, id: `00000000-0000-4000-8000-00000000000${seq}`, type: 'SubmissionAcceptance',
        time: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(), messageId: null,
        recipient: null, actor: 'system', ip: null, digests: { body: 'ab'.repeat(32) },
        reason: 'before the log', prevHash,
      }; // prettier-ignore
      const hash = eventHash(fields);
      const signature = sign(null, Buffer.from(hash, 'hex'), privateKey).toString('base64url');
      await dataSource.query(
        `INSERT INTO evidence_events ("seq", "id", "type", "time", "messageId", "recipient", "actor", "ip", "digests", "reason", "prevHash", "hash", "signature", "keyId")
         VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map(p).join(', ')})`,
        [seq, fields.id, fields.type, fields.time, null, null, 'system', null, JSON.stringify(fields.digests), fields.reason, prevHash, hash, signature, 'k1'],
      ); // prettier-ignore
      prevHash = hash;
    }
    await dataSource.runMigrations();

    const repository = new EvidenceRepository({ manager: dataSource.manager } as DatabaseService);
    const rows = await repository.page(0, 10);
    expect(rows.map((r) => [r.seq, r.format, r.leafIndex])).toEqual([
      [1, 1, null],
      [2, 1, null],
      [3, 1, null],
    ]);
    expect(verifyChain(rows.map(toView), publicKey)).toBeNull();
    rows[1].reason = 'changed';
    expect(verifyChain(rows.map(toView), publicKey)).toEqual({ seq: 2, problem: 'hash' });

    const seq = await dataSource.transaction(async (tx) => {
      const head = await repository.lockChainHead(tx, 'configuration');
      expect(head).toMatchObject({ length: 0, hash: GENESIS_HASH });
      return repository.append(tx, {
        format: 2, chainSeq: 1, leafIndex: null, id: '00000000-0000-4000-8000-000000000009',
        type: 'ConfigurationChange', time: new Date(), messageId: null, recipient: null,
        actor: 'system', ip: null, digests: {}, reason: null, details: null,
        prevHash: GENESIS_HASH, hash: 'cd'.repeat(32), signature: 'x', keyId: 'k1',
      }); // prettier-ignore
    });
    expect(seq).toBe(4);
  });
});
