import { frameCsp, frameDocument } from './frame-document';

const partUrl = (index: number) => `/api/v1/pickup/TOKEN/inline/${index}`;
const bodyOf = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('frameDocument', () => {
  const html =
    '<p style="color:#036">Hallo</p><img alt="Logo" data-zegel-part="2">' +
    '<img alt="Banner" data-zegel-remote="https://cdn.example/banner.png">';

  it('gives inline parts their URL and leaves remote images without a source', () => {
    const doc = bodyOf(frameDocument(html, { partUrl, showRemote: false }));
    const [logo, banner] = Array.from(doc.querySelectorAll('img'));
    expect(logo.getAttribute('src')).toBe('/api/v1/pickup/TOKEN/inline/2');
    expect(banner.hasAttribute('src')).toBe(false);
    expect(doc.querySelector('[data-zegel-part], [data-zegel-remote]')).toBeNull();
    expect(
      doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content'),
    ).toBe(frameCsp([]));
    expect(doc.querySelector('p')!.getAttribute('style')).toBe('color:#036');
  });

  it('loads the remote images the reader asked for, and its policy names exactly those', () => {
    const doc = bodyOf(frameDocument(html, { partUrl, showRemote: true }));
    const banner = doc.querySelector('img[alt="Banner"]')!;
    expect(banner.getAttribute('src')).toBe('https://cdn.example/banner.png');
    expect(banner.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(
      doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content'),
    ).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https://cdn.example/banner.png",
    );
  });

  it('trusts no source but its own marks', () => {
    const doc = bodyOf(
      frameDocument(
        '<img src="https://tracker.example/p.gif" srcset="https://x.example/a.png 1x">' +
          '<img data-zegel-part="../../x">' +
          '<img data-zegel-remote="https://a.example/x.png; script-src *">',
        { partUrl, showRemote: true },
      ),
    );
    for (const img of Array.from(doc.querySelectorAll('img'))) {
      expect(img.hasAttribute('src')).toBe(false);
      expect(img.hasAttribute('srcset')).toBe(false);
    }
    expect(
      doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content'),
    ).toBe(frameCsp([]));
  });
});
