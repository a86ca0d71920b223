import { dataSourceOptions } from './data-source-options';

describe('dataSourceOptions', () => {
  const postgres = { type: 'postgres', url: 'postgres://zegel@db/zegel', migrate: 'auto' } as const;

  it('gives PostgreSQL the configured pool size, and 10 when none is configured', () => {
    expect(dataSourceOptions({ database: { ...postgres, poolSize: 40 } })).toMatchObject({
      extra: { max: 40 },
    });
    expect(dataSourceOptions({ database: postgres })).toMatchObject({ extra: { max: 10 } });
  });
});
