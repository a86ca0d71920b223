import { parseNta7516 } from './nta7516.util';

const now = new Date('2026-06-15T00:00:00Z');

describe('NTA 7516 TXT record', () => {
  it('reads the current syntax', () => {
    const finding = parseNta7516(
      [
        'v=spf1 -all',
        'v=NTA7516-1;startdate=2024-01;enddate=2026-12;provider=example;ntamx=10 mx.example.nl',
      ],
      now,
    );
    expect(finding).toMatchObject({
      present: true,
      valid: true,
      syntax: 'nta7516-1',
      startDate: '2024-01',
      endDate: '2026-12',
      provider: 'example',
      mx: ['mx.example.nl'],
    });
  });

  it('reads the legacy syntax', () => {
    const finding = parseNta7516(
      ['v=NTA7516;version:2019-06;expire:2027-10;provider:example;ntamx:mx.example.nl'],
      now,
    );
    expect(finding).toMatchObject({
      valid: true,
      syntax: 'legacy',
      startDate: '2019-06',
      endDate: '2027-10',
      mx: ['mx.example.nl'],
    });
  });

  it.each([
    ['v=NTA7516;version:2019-06;expire:2019-10;provider:example;ntamx:mx.example.nl', 'expired'],
    ['v=NTA7516-1;startdate=2024-01;enddate=2026-05;provider=x', 'expired'],
    ['v=NTA7516-1;startdate=2024-01;provider=x', 'no end date'],
  ])('an invalid record is present but not valid: %s', (record, problem) => {
    expect(parseNta7516([record], now)).toMatchObject({
      present: true,
      valid: false,
      problem: expect.stringContaining(problem),
    });
  });

  it('is valid through the last day of the end month', () => {
    const record = 'v=NTA7516-1;startdate=2024-01;enddate=2026-06;provider=x';
    expect(parseNta7516([record], new Date('2026-06-30T23:59:59Z')).valid).toBe(true);
    expect(parseNta7516([record], new Date('2026-07-01T00:00:00Z')).valid).toBe(false);
  });

  it('reports absence', () => {
    expect(parseNta7516(['v=spf1 -all'], now)).toEqual({ present: false, valid: false, mx: [] });
  });
});
