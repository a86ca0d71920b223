import type { DraftAttachment } from '../office/compose-mail';
import { cidReferences, inlineImageRefs } from './inline-images';

const file = (name: string, extra: Partial<DraftAttachment> = {}): DraftAttachment => ({
  id: name,
  name,
  size: 10,
  kind: 'file',
  isInline: true,
  ...extra,
});

describe('cidReferences', () => {
  it('reads cid: sources in double, single and no quotes, decoded, each once', () => {
    const html =
      '<img src="cid:logo@zorg.nl"><IMG alt="x" SRC = \'cid:scan%2Bpart@zorg.nl\'>' +
      '<img src=cid:chart@zorg.nl width=3><img src="cid:logo@zorg.nl">' +
      '<img src="CID:a&amp;b@zorg.nl"><div data-src="cid:not-an-image@zorg.nl"></div>' +
      '<img src="  cid:spaced@zorg.nl ">';
    expect(cidReferences(html)).toEqual([
      'logo@zorg.nl',
      'scan+part@zorg.nl',
      'chart@zorg.nl',
      'a&b@zorg.nl',
      'spaced@zorg.nl',
    ]);
  });

  it('leaves out what cannot be a Content-ID: brackets, spaces, bad escapes, other schemes', () => {
    const html =
      '<img src="cid:%3Cx%3E@zorg.nl"><img src="cid:a%20b@zorg.nl"><img src="cid:%E0%A4%A@x">' +
      '<img src="https://zorg.nl/cid:fake@zorg.nl"><img src="cid:' +
      'a'.repeat(251) +
      '"><p>cid:not-an-image@zorg.nl</p>';
    expect(cidReferences(html)).toEqual([]);
  });
});

describe('inlineImageRefs', () => {
  it('pairs an inline file with the Content-ID Outlook gives, spelled as the body names it', () => {
    const attachments = [
      file('report.pdf', { isInline: false }),
      file('image001.png', { contentId: 'LOGO@zorg.nl' }),
    ];
    expect(inlineImageRefs('<img src="cid:logo@zorg.nl">', attachments)).toEqual([
      { attachment: 1, contentId: 'logo@zorg.nl' },
    ]);
  });

  it('sends no reference the body does not use, and none for files that are not inline', () => {
    const attachments = [
      file('a.png', { contentId: 'a@zorg.nl' }),
      file('b.png', { isInline: false, contentId: 'b@zorg.nl' }),
      file('mail', { kind: 'item', contentId: 'c@zorg.nl' }),
    ];
    const html = '<img src="cid:b@zorg.nl"><img src="cid:c@zorg.nl">';
    expect(inlineImageRefs(html, attachments)).toEqual([]);
  });

  it('without a Content-ID from Outlook, takes classic Outlook’s <file name>@… when unambiguous', () => {
    const html =
      '<img src="cid:image001.png@01DB1234.56789ABC"><img src="cid:image002.jpg@01DB1234.56789ABC">';
    const attachments = [file('image001.png'), file('image002.jpg', { contentId: ' ' })];
    expect(inlineImageRefs(html, attachments)).toEqual([
      { attachment: 0, contentId: 'image001.png@01DB1234.56789ABC' },
      { attachment: 1, contentId: 'image002.jpg@01DB1234.56789ABC' },
    ]);
    // Two files of the same name, or two references that could be the file's: neither is guessed.
    expect(inlineImageRefs(html, [file('image001.png'), file('image001.png')])).toEqual([]);
    const twice = '<img src="cid:image001.png@01DB"><img src="cid:image001.png@01DC">';
    expect(inlineImageRefs(twice, [file('image001.png')])).toEqual([]);
  });

  it('gives one Content-ID to one file only', () => {
    const attachments = [
      file('one.png', { contentId: 'same@zorg.nl' }),
      file('two.png', { contentId: 'same@zorg.nl' }),
    ];
    expect(inlineImageRefs('<img src="cid:same@zorg.nl">', attachments)).toEqual([
      { attachment: 0, contentId: 'same@zorg.nl' },
    ]);
  });
});
