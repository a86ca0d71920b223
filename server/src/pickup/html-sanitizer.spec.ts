import { sanitizeMailHtml } from './html-sanitizer';

describe('sanitizeMailHtml', () => {
  it.each([
    ['<p>hi</p><script>alert(1)</script>', '<p>hi</p>'],
    ['<img src="https://tracker.example/p.gif">', ''],
    [
      '<img src="data:image/png;base64,AAAA" alt="x">',
      '<img src="data:image/png;base64,AAAA" alt="x" />',
    ],
    ['<a href="javascript:alert(1)">x</a>', '<a target="_blank" rel="noopener noreferrer">x</a>'],
    ['<p onclick="alert(1)" style="background:url(https://x)">x</p>', '<p>x</p>'],
    ['<iframe src="https://evil"></iframe><form action="https://evil"><input></form>', ''],
    ['<svg><script>alert(1)</script></svg>', ''],
    [
      '<a href="https://example.nl">site</a>',
      '<a href="https://example.nl" target="_blank" rel="noopener noreferrer">site</a>',
    ],
    // The mail's own target and rel cannot keep a link in the frame or give the new tab an opener.
    [
      '<a href="https://example.nl" target="_self" rel="opener">site</a>',
      '<a href="https://example.nl" target="_blank" rel="noopener noreferrer">site</a>',
    ],
    [
      '<a href="mailto:info@example.nl" target="frame-x">mail</a>',
      '<a href="mailto:info@example.nl" target="_blank" rel="noopener noreferrer">mail</a>',
    ],
  ])('%s', (input, expected) => {
    expect(sanitizeMailHtml(input)).toBe(expected);
  });
});
