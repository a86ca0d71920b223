import { DataSource, type EntityManager } from 'typeorm';
import { GroupCommit } from './group-commit';

describe('GroupCommit on SQLite', () => {
  let ds: DataSource;
  let group: GroupCommit;
  let commits: number;

  beforeEach(async () => {
    ds = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    await ds.initialize();
    await ds.query('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    commits = 0;
    group = new GroupCommit(
      async (work) => {
        const result = await ds.transaction(work);
        commits++;
        return result;
      },
      (work) => work(),
    );
  });
  afterEach(() => ds.destroy());

  const insert = (id: number, v: string | null) => (tx: EntityManager) =>
    tx.query('INSERT INTO t (id, v) VALUES (?, ?)', [id, v]).then(() => id);
  const ids = async () =>
    ((await ds.query('SELECT id FROM t ORDER BY id')) as { id: number }[]).map((r) => r.id);

  it('commits transactions that queue together in one commit', async () => {
    const results = await Promise.all([1, 2, 3, 4, 5].map((id) => group.run(insert(id, 'x'))));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(commits).toBe(1);
    expect(await ids()).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps each transaction atomic: a failing one leaves nothing and fails alone', async () => {
    const failing = group.run(async (tx) => {
      await insert(10, 'x')(tx);
      await insert(11, null)(tx); // NOT NULL: fails after the first insert
    });
    const others = [1, 2].map((id) => group.run(insert(id, 'x')));
    await expect(failing).rejects.toThrow(/NOT NULL/);
    await expect(Promise.all(others)).resolves.toEqual([1, 2]);
    expect(await ids()).toEqual([1, 2]);
  });

  it('answers only after the commit', async () => {
    let committed = false;
    const g = new GroupCommit(
      async (work) => {
        const result = await ds.transaction(work);
        committed = true;
        return result;
      },
      (work) => work(),
    );
    const seen = await Promise.all(
      [1, 2].map((id) => g.run(insert(id, 'x')).then(() => committed)),
    );
    expect(seen).toEqual([true, true]);
  });

  it('runs work that must be alone outside the batches, in order', async () => {
    const order: string[] = [];
    await Promise.all([
      group.run(async (tx) => void (await insert(1, 'x')(tx), order.push('a'))),
      group.runAlone(async () => {
        order.push('alone');
        expect(((await ds.query('SELECT COUNT(*) AS n FROM t')) as { n: number }[])[0].n).toBe(1);
      }),
      group.run(async (tx) => void (await insert(2, 'x')(tx), order.push('b'))),
    ]);
    expect(order).toEqual(['a', 'alone', 'b']);
  });

  it('answers only once the commit is on disk, and runs the next batch meanwhile', async () => {
    const flushes: (() => void)[] = [];
    const g = new GroupCommit(
      (work) => ds.transaction(work),
      (work) => work(),
      () => new Promise<void>((resolve) => flushes.push(resolve)),
    );
    let answered = false;
    const first = g.run(insert(1, 'x')).then(() => (answered = true));
    while (!flushes.length) await new Promise((r) => setImmediate(r));
    // The next batch commits meanwhile and sees the first one's row; nobody is answered yet.
    let seen: unknown;
    const second = g.run(async (tx) => {
      seen = await tx.query('SELECT id FROM t');
    });
    while (flushes.length < 2) await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([{ id: 1 }]);
    expect(answered).toBe(false);
    flushes[0]();
    await first;
    flushes[1]();
    await second;
    expect(answered).toBe(true);
  });

  it('never answers a transaction as stored when the flush fails', async () => {
    const g = new GroupCommit(
      (work) => ds.transaction(work),
      (work) => work(),
      () => Promise.reject(new Error('EIO')),
    );
    await expect(g.run(insert(1, 'x'))).rejects.toThrow('EIO');
  });
});
