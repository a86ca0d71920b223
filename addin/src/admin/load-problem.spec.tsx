import { act } from 'react';
import { reactTestRoot } from '../common/react-test-root';
import { ApiError } from '../common/api-client';
import { AdminLanguageContext } from './admin-language';
import { LoadProblem } from './load-problem';
import { sectionForPath } from './sections';

describe('LoadProblem', () => {
  const dom = reactTestRoot();

  const render = (error: unknown) => {
    act(() => dom.root.render(<LoadProblem error={error} />));
    return dom.container.textContent ?? '';
  };

  it.each([401, 403])('asks for sign-in on %d', (status) => {
    expect(render(new ApiError(status, 'UNAUTHENTICATED', 'no'))).toContain('Sign-in required');
  });

  it('shows the message and the correlation id of other failures', () => {
    const text = render(new ApiError(500, 'INTERNAL', 'Internal error', 'c-9'));
    expect(text).toContain('Could not load');
    expect(text).toContain('Internal error (reference c-9)');
    expect(text).not.toContain('Sign-in required');
  });

  it('speaks Dutch in the Dutch console', () => {
    act(() =>
      dom.root.render(
        <AdminLanguageContext.Provider value="nl">
          <LoadProblem error={new ApiError(403, 'FORBIDDEN', 'no')} />
        </AdminLanguageContext.Provider>,
      ),
    );
    expect(dom.container.textContent).toContain('Aanmelden vereist');
  });

  it('says when the server cannot be reached', () => {
    expect(render(new ApiError(0, undefined, 'fetch failed'))).toContain(
      'The server cannot be reached.',
    );
  });
});

describe('sectionForPath', () => {
  it.each([
    ['/admin', 'overview'],
    ['/admin/', 'overview'],
    ['/admin/overview', 'overview'],
    ['/admin/outbox', 'outbox'],
    ['/admin/sms', 'sms'],
    ['/admin/sms/', 'sms'],
  ])('%s → %s', (path, id) => {
    expect(sectionForPath(path)?.id).toBe(id);
  });

  it.each(['/admin/unknown', '/admin/smsx', '/admin/outbox-old', '/elsewhere'])(
    '%s → no section (the shell shows "not found")',
    (path) => {
      expect(sectionForPath(path)).toBeUndefined();
    },
  );
});
