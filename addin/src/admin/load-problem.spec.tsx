import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ApiError } from '../common/api-client';
import { AdminLanguageContext } from './admin-language';
import { LoadProblem } from './load-problem';
import { sectionForPath } from './sections';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('LoadProblem', () => {
  let container: HTMLDivElement;
  let root: Root;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.appendChild(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  const render = (error: unknown) => {
    act(() => root.render(<LoadProblem error={error} />));
    return container.textContent ?? '';
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
      root.render(
        <AdminLanguageContext.Provider value="nl">
          <LoadProblem error={new ApiError(403, 'FORBIDDEN', 'no')} />
        </AdminLanguageContext.Provider>,
      ),
    );
    expect(container.textContent).toContain('Aanmelden vereist');
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
