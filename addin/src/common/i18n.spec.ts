import { detectLanguage } from './i18n';
import { formatBytes, shortenDigest } from './format';

describe('detectLanguage', () => {
  it.each([
    [['nl-NL'], 'nl'],
    [['nl-BE', 'en'], 'nl'],
    [['NL'], 'nl'],
    [['en-US'], 'en'],
    [['de-DE', 'nl'], 'nl'],
    [['fr-FR', 'de'], 'en'],
    [[], 'en'],
  ])('%j → %s', (preferred, language) => {
    expect(detectLanguage(preferred)).toBe(language);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, 'en', '0 B'],
    [1023, 'en', '1,023 B'],
    [1536, 'en', '1.5 KB'],
    [1536, 'nl', '1,5 KB'],
    [184_532, 'en', '180 KB'],
    [5 * 1024 ** 3, 'en', '5 GB'],
    [-1, 'en', '?'],
  ] as const)('%d (%s) → %s', (bytes, language, text) => {
    expect(formatBytes(bytes, language)).toBe(text);
  });
});

describe('shortenDigest', () => {
  it('keeps both ends of a long digest and leaves a short one alone', () => {
    expect(shortenDigest('0123456789abcdef'.repeat(4))).toBe('01234567…89abcdef');
    expect(shortenDigest('abc')).toBe('abc');
  });
});
