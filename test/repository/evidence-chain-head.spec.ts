import 'reflect-metadata';
import type { DatabaseService } from '../../server/src/database/database.service';
import { runSql } from '../../server/src/database/sql.util';
import { EvidenceRepository } from '../../server/src/evidence/evidence.repository';
import { GENESIS_HASH } from '../../server/src/evidence/verifier/event-hash';
import { openMigratedDatabase, testDatabaseEngine } from '../support/database';

/**
 * A chain's head is created by its first append and held by each append until its transaction
 * ends, so two appends to one chain cannot both build on the same head (a fork in the chain).
 */
describe(`evidence chain head (${testDatabaseEngine()})`, () => {
  let db: DatabaseService;
  let close: () => Promise<void>;
  let repository: EvidenceRepository;

  beforeAll(async () => {
    ({ db, close } = await openMigratedDatabase('zegel-chain-head-'));
    repository = new EvidenceRepository(db);
  });
  afterAll(() => close?.());

  const moveHead = (manager: Parameters<typeof runSql>[0], chain: string, length: number) =>
    runSql(manager, 'UPDATE evidence_chain_heads SET length = ?, hash = ? WHERE chain = ?', [
      length,
      String(length).repeat(64).slice(0, 64),
      chain,
    ]);

  it('creates the head of a new chain at its genesis', async () => {
    const head = await db.transaction((tx) => repository.lockChainHead(tx, 'chain-new'));
    expect(head).toMatchObject({ chain: 'chain-new', length: 0, hash: GENESIS_HASH });
  });

  it('returns the head as the last committed append left it', async () => {
    await db.transaction(async (tx) => {
      await repository.lockChainHead(tx, 'chain-moved');
      await moveHead(tx, 'chain-moved', 1);
    });
    const head = await db.transaction((tx) => repository.lockChainHead(tx, 'chain-moved'));
    expect(head).toMatchObject({ length: 1, hash: '1'.repeat(64) });
  });

  it('makes a second append to the same chain wait for the first to commit', async () => {
    // A chain that exists already: its head row, not the insert of a new one, must hold the second.
    await db.transaction((tx) => repository.lockChainHead(tx, 'chain-raced'));
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((r) => (releaseFirst = r));
    let firstLocked!: () => void;
    const firstHasLock = new Promise<void>((r) => (firstLocked = r));
    const first = db.transaction(async (tx) => {
      await repository.lockChainHead(tx, 'chain-raced');
      firstLocked();
      await firstMayCommit;
      await moveHead(tx, 'chain-raced', 1);
    });
    await firstHasLock;
    let secondSaw: number | undefined;
    const second = db.transaction(async (tx) => {
      secondSaw = (await repository.lockChainHead(tx, 'chain-raced')).length;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(secondSaw).toBeUndefined();
    releaseFirst();
    await Promise.all([first, second]);
    expect(secondSaw).toBe(1);
  });
});
