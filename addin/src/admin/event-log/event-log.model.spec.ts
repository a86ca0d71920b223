import type { EvidenceEventView } from '@zegel/shared';
import { filterEvents, toCsv } from './event-log.model';

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

describe('event log filters and CSV', () => {
  const events = [
    event(1),
    event(2, { type: 'ConfigurationChange', messageId: null, actor: 'admin:a@x.example' }),
    event(3, { messageId: 'm2' }),
  ];
  const all = { kind: 'all' as const, actor: '', messageId: '', from: '', to: '' };

  it.each([
    [all, [3, 2, 1]],
    [{ ...all, kind: 'admin' as const }, [2]],
    [{ ...all, kind: 'evidence' as const }, [3, 1]],
    [{ ...all, actor: 'ADMIN:' }, [2]],
    [{ ...all, messageId: 'm2' }, [3]],
    [{ ...all, from: '2026-11-02', to: '2026-11-02' }, [2]],
  ])('%j keeps %j', (filters, seqs) => {
    expect(filterEvents(events, filters).map((e) => e.seq)).toEqual(seqs);
  });

  it('quotes commas and quotes, and disarms formulas', () => {
    const csv = toCsv([event(1, { reason: '=HYPERLINK("x"), see', details: { a: 1 } })]);
    const [header, row] = csv.split('\r\n');
    expect(header.split(',')).toContain('signature');
    expect(row).toContain(`"'=HYPERLINK(""x""), see"`);
    expect(row).toContain('"{""a"":1}"');
  });
});
