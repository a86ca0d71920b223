import { contentIdOfCidUrl, inlineImageTypeOf } from './inline-image';

describe('inline images', () => {
  it('gives the image type of a picture’s file name, and none for anything else', () => {
    expect(inlineImageTypeOf('image001.PNG')).toBe('image/png');
    expect(inlineImageTypeOf('foto.jpeg')).toBe('image/jpeg');
    expect(inlineImageTypeOf('foto.jpg')).toBe('image/jpeg');
    expect(inlineImageTypeOf('anim.gif')).toBe('image/gif');
    expect(inlineImageTypeOf('klein.webp')).toBe('image/webp');
    for (const name of ['logo.svg', 'png', 'x.constructor', 'x.toString', 'rapport.pdf', ''])
      expect(inlineImageTypeOf(name)).toBeUndefined();
  });

  it('reads the Content-ID of a cid: URL, URL-decoded, and nothing of other URLs', () => {
    expect(contentIdOfCidUrl('cid:logo@zorg.nl')).toBe('logo@zorg.nl');
    expect(contentIdOfCidUrl('CID:scan%2Bpart@zorg.nl')).toBe('scan+part@zorg.nl');
    expect(contentIdOfCidUrl(' \n cid:chart@zorg.nl ')).toBe('chart@zorg.nl');
    expect(contentIdOfCidUrl('cid:%E0%A4%A@x')).toBeNull();
    expect(contentIdOfCidUrl('https://zorg.nl/cid:logo@zorg.nl')).toBeNull();
  });
});
