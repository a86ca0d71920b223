import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ClassificationInfo } from '@zegel/shared';
import { act } from 'react';
import { reactTestRoot } from '../common/react-test-root';
import { ClassificationPicker } from './classification-picker';
import { taskpaneTexts } from './messages';

/** As GET /api/v1/classifications answers: a built-in one and one an admin defined. */
const LABELS: ClassificationInfo[] = [
  { id: 'internal', label: { en: 'Internal', nl: 'Intern' }, protected: false },
  {
    id: 'lab-results',
    label: { en: 'Lab results', nl: 'Labuitslagen' },
    description: { en: 'Results for patients.', nl: 'Uitslagen voor patiënten.' },
    protected: true,
    routeAs: 'registered',
  },
];

describe('ClassificationPicker', () => {
  const dom = reactTestRoot();

  function render(language: 'en' | 'nl', onPick: (l: ClassificationInfo) => void = () => {}) {
    act(() =>
      dom.root.render(
        <FluentProvider theme={webLightTheme}>
          <ClassificationPicker
            labels={LABELS}
            value={undefined}
            language={language}
            texts={taskpaneTexts(language)}
            disabled={false}
            status={null}
            onPick={onPick}
          />
        </FluentProvider>,
      ),
    );
  }
  const radio = (value: string) =>
    dom.container.querySelector<HTMLInputElement>(`input[type=radio][value="${value}"]`)!;
  const text = (ids: string | null) =>
    (ids ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent)
      .join(' ');

  it("shows the server's labels with their descriptions in the user's language", () => {
    render('nl');
    const lab = radio('lab-results');
    expect(text(lab.getAttribute('aria-labelledby'))).toBe('Labuitslagen');
    expect(text(lab.getAttribute('aria-describedby'))).toBe('Uitslagen voor patiënten.');
    expect(dom.container.textContent).toContain('Intern');
    // A label without a description is named by its text alone.
    expect(radio('internal').getAttribute('aria-labelledby')).toBeNull();
    expect(text(radio('internal').getAttribute('aria-describedby'))).not.toContain('Uitslagen');
  });

  it('in English, and picking one hands over the whole classification', () => {
    const picked: ClassificationInfo[] = [];
    render('en', (l) => picked.push(l));
    expect(text(radio('lab-results').getAttribute('aria-describedby'))).toBe(
      'Results for patients.',
    );
    act(() => radio('lab-results').click());
    expect(picked.map((l) => l.id)).toEqual(['lab-results']);
  });
});
