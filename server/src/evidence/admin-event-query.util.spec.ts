import { ZegelError } from '../common/zegel-error';
import { parseAdminEventQuery } from './admin-event-query.util';

import type { AdminEventQuery } from '@zegel/shared';

type Raw = Record<keyof AdminEventQuery, string | undefined>;

const none: Raw = {
  type: undefined,
  messageId: undefined,
  actor: undefined,
  from: undefined,
  to: undefined,
  before: undefined,
  limit: undefined,
};

function problemsOf(raw: Partial<Raw>): string[] {
  try {
    parseAdminEventQuery({ ...none, ...raw });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ZegelError);
    expect((error as ZegelError).code).toBe('VALIDATION_FAILED');
    return ((error as ZegelError).details ?? []).map((d) => d.path);
  }
}

describe('admin event log query', () => {
  it('reads every filter; `to` takes in its whole day', () => {
    expect(
      parseAdminEventQuery({
        type: 'ConfigurationChange, SubmissionAcceptance',
        messageId: 'ABC-1',
        actor: ' admin:a ',
        from: '2026-11-01',
        to: '2026-11-02',
        before: '77',
        limit: '50',
      }),
    ).toEqual({
      types: ['ConfigurationChange', 'SubmissionAcceptance'],
      messageId: 'abc-1',
      actor: 'admin:a',
      from: new Date('2026-11-01T00:00:00.000Z'),
      to: new Date('2026-11-03T00:00:00.000Z'),
      before: 77,
      limit: 50,
    });
  });

  it('defaults to the newest 200 of everything', () => {
    expect(parseAdminEventQuery(none)).toEqual({ limit: 200 });
  });

  it.each([
    [{ type: 'Nope' }, ['type']],
    [{ messageId: "x' OR 1=1" }, ['messageId']],
    [{ from: '2026-02-30' }, ['from']],
    [{ from: '1.1.2026', to: 'tomorrow' }, ['from', 'to']],
    [{ from: '2026-11-05', to: '2026-11-01' }, ['to']],
    [{ before: '-1', limit: '0' }, ['before', 'limit']],
    [{ limit: '1001' }, ['limit']],
  ])('%j is refused at %j', (raw, paths) => {
    expect(problemsOf(raw)).toEqual(paths);
  });
});
