import type { DatabaseService } from '../../database/database.service';
import type { EvidenceService } from '../../evidence/evidence.service';
import type { ClassificationEntity } from './classification.entity';
import type { ClassificationRepository } from './classification.repository';
import { ClassificationsService } from './classifications.service';

const row = (id: string, routeAs: string, position: number): ClassificationEntity => ({
  id,
  position,
  label: { en: id, nl: id },
  description: { en: '', nl: '' },
  colour: 'preset0',
  purviewLabelId: null,
  routeAs,
  builtIn: false,
  version: 1,
  updatedAt: new Date(),
  updatedBy: 'admin',
});

/** What intake reads: every classification, ranked by its route, read from the rows briefly cached. */
describe('ClassificationsService.known', () => {
  function service(rows: ClassificationEntity[]) {
    let reads = 0;
    const repository = {
      list: () => {
        reads++;
        return Promise.resolve([...rows]);
      },
      insertMissing: (_tx: unknown, add: ClassificationEntity[]) => {
        rows.push(...add.filter((a) => !rows.some((r) => r.id === a.id)));
        return Promise.resolve(add.length);
      },
    } as unknown as ClassificationRepository;
    const db = { transaction: (run: (tx: unknown) => unknown) => run({}) } as DatabaseService;
    const evidence = {
      recordConfigurationChange: () => Promise.resolve(),
    } as unknown as EvidenceService;
    return {
      classifications: new ClassificationsService(db, repository, evidence),
      reads: () => reads,
    };
  }

  it('ranks admin classifications by the route they take, strictest last', async () => {
    const { classifications } = service([
      row('lab-results', 'registered', 5),
      row('notes', 'internal', 50),
    ]);
    const known = await classifications.known();
    const order = known.map((c) => c.id);
    expect(order.indexOf('notes')).toBeLessThan(order.indexOf('confidential'));
    expect(order.indexOf('lab-results')).toBeGreaterThan(order.indexOf('confidential'));
    expect(known.find((c) => c.id === 'lab-results')).toEqual({
      id: 'lab-results',
      protected: true,
      routeAs: 'registered',
    });
    expect(known.find((c) => c.id === 'notes')?.protected).toBe(false);
  });

  it('reads the database once for many mails, and again after a change', async () => {
    const { classifications, reads } = service([]);
    await classifications.known();
    await classifications.known();
    expect(reads()).toBe(1);
    await classifications.create(
      { ...row('case-files', 'confidential', 0), purviewLabelId: null } as never,
      { actor: 'admin', ip: null },
    );
    const before = reads();
    expect((await classifications.known()).some((c) => c.id === 'case-files')).toBe(true);
    expect(reads()).toBe(before + 1);
  });
});
