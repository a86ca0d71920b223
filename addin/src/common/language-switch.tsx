import { LANGUAGE_NAMES, LANGUAGES, type Language } from './i18n';

/**
 * Buttons for the other languages, each labelled in its own language and `lang`. Native buttons in
 * Fluent's look (base.css): the pickup page's first script stays small without Fluent's Button.
 */
export function LanguageSwitch(props: {
  language: Language;
  label: string;
  onChange: (language: Language) => void;
}) {
  return (
    <nav aria-label={props.label} className="zegel-language-switch">
      {LANGUAGES.filter((language) => language !== props.language).map((language) => (
        <button
          key={language}
          type="button"
          className="zegel-button zegel-button-subtle zegel-button-small"
          lang={language}
          onClick={() => props.onChange(language)}
        >
          {LANGUAGE_NAMES[language]}
        </button>
      ))}
    </nav>
  );
}
