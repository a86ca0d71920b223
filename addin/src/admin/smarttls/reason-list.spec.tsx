import { act } from 'react';
import { reactTestRoot } from '../../common/react-test-root';
import type { Language } from '../../common/i18n';
import { AdminLanguageContext } from '../admin-language';
import { sectionForPath } from '../sections';
import { ReasonList } from './reason-list';
import type { Reason } from './smarttls-report';

describe('SmartTLS ReasonList', () => {
  const dom = reactTestRoot();

  const render = (language: Language, reasons: Reason[]) => {
    act(() =>
      dom.root.render(
        <AdminLanguageContext.Provider value={language}>
          <ReasonList reasons={reasons} />
        </AdminLanguageContext.Provider>,
      ),
    );
    return [...dom.container.querySelectorAll('li')].map((li) => li.textContent);
  };

  const noStarttls: Reason = {
    code: 'NO_STARTTLS',
    message: 'mx.example.nl does not offer STARTTLS.',
    host: 'mx.example.nl',
  };

  it('shows the server message and the code in English', () => {
    expect(render('en', [noStarttls])).toEqual([
      'mx.example.nl does not offer STARTTLS. NO_STARTTLS',
    ]);
  });

  it('says a known code in Dutch, naming the host', () => {
    expect(render('nl', [noStarttls])[0]).toMatch(
      /^mx\.example\.nl biedt geen STARTTLS aan.*NO_STARTTLS$/,
    );
  });

  it('keeps the server message for an unknown code or a host sentence without a host', () => {
    expect(
      render('nl', [
        { code: 'SOMETHING_NEW', message: 'New finding.' },
        { code: 'MX_UNREACHABLE', message: 'No server answered.' },
      ]),
    ).toEqual(['New finding. SOMETHING_NEW', 'No server answered. MX_UNREACHABLE']);
  });

  it('is a section of its own at /admin/smarttls', () => {
    expect(sectionForPath('/admin/smarttls')?.id).toBe('smarttls');
  });
});
