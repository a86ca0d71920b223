import type { EvidenceEventView } from '@zegel/shared';
import { eventsQuery, NO_FILTERS, toCsv } from './event-log.model';

const event = (seq: number, over: Partial<EvidenceEventView> = {}): EvidenceEventView => ({
  seq,
  id: `id-${seq}`,
  type: 'SubmissionAcceptance',
  time: `2026-11-${String(seq).padStart(2, '0')}T10:00:00.000Z`,
  messageId: 'm1',
  recipient: null,
  actor: 'system',
  ip: null,
  digests: {},
  reason: null,
  prevHash: 'p',
  hash: 'h',
  signature: 's',
  ...over,
});

describe('event log query and CSV', () => {
  it.each([
    [NO_FILTERS, 'limit=200'],
    [{ ...NO_FILTERS, kind: 'admin' as const }, 'type=ConfigurationChange&limit=200'],
    [{ ...NO_FILTERS, kind: 'ContentHandover' as const }, 'type=ContentHandover&limit=200'],
    [
      {
        ...NO_FILTERS,
        actor: ' admin:a@x ',
        messageId: 'm1',
        from: '2026-11-01',
        to: '2026-11-02',
      },
      'messageId=m1&actor=admin%3Aa%40x&from=2026-11-01&to=2026-11-02&limit=200',
    ],
  ])('%j asks for %s', (filters, query) => {
    expect(eventsQuery(filters, 200)).toBe(query);
  });

  it('asks for every evidence type but the admin changes, and for the page before a cursor', () => {
    const query = new URLSearchParams(eventsQuery({ ...NO_FILTERS, kind: 'evidence' }, 1000, '77'));
    const types = query.get('type')!.split(',');
    expect(types).toContain('SubmissionAcceptance');
    expect(types).not.toContain('ConfigurationChange');
    expect(query.get('before')).toBe('77');
    expect(query.get('limit')).toBe('1000');
  });

  it('quotes commas and quotes, and disarms formulas', () => {
    const csv = toCsv([event(1, { reason: '=HYPERLINK("x"), see', details: { a: 1 } })]);
    const [header, row] = csv.split('\r\n');
    expect(header.split(',')).toContain('signature');
    expect(row).toContain(`"'=HYPERLINK(""x""), see"`);
    expect(row).toContain('"{""a"":1}"');
  });
});
