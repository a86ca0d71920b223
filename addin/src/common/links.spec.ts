import { splitLinks } from './links';

describe('splitLinks', () => {
  it.each([
    ['no links here', [{ kind: 'text', text: 'no links here' }]],
    [
      'Open https://zegel.example/p/abc_DEF-1.',
      [
        { kind: 'text', text: 'Open ' },
        { kind: 'link', href: 'https://zegel.example/p/abc_DEF-1' },
        { kind: 'text', text: '.' },
      ],
    ],
    [
      '(see http://127.0.0.1:3000/p/x)',
      [
        { kind: 'text', text: '(see ' },
        { kind: 'link', href: 'http://127.0.0.1:3000/p/x' },
        { kind: 'text', text: ')' },
      ],
    ],
    [
      'https://en.wikipedia.org/wiki/Seal_(emblem)',
      [{ kind: 'link', href: 'https://en.wikipedia.org/wiki/Seal_(emblem)' }],
    ],
    [
      '<https://a.example/x> and ftp://b.example',
      [
        { kind: 'text', text: '<' },
        { kind: 'link', href: 'https://a.example/x' },
        { kind: 'text', text: '> and ftp://b.example' },
      ],
    ],
  ])('%s', (text, pieces) => {
    expect(splitLinks(text)).toEqual(pieces);
  });

  it('keeps every character of the text', () => {
    const text = 'a https://x.example/1, b http://y.example/2; c';
    const joined = splitLinks(text)
      .map((p) => (p.kind === 'text' ? p.text : p.href))
      .join('');
    expect(joined).toBe(text);
  });
});
