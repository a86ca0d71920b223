import { headerBlockLength, parseHeaderBlock } from './header-block.util';

describe('headerBlockLength', () => {
  it.each([
    ['Subject: a\r\n\r\nbody', 14],
    ['Subject: a\n\nbody', 12],
    ['Subject: a\r\nX: b\r\n', -1],
    ['\r\nbody', 2],
    ['\nbody', 1],
    ['', -1],
  ])('%p → %p', (text, n) => expect(headerBlockLength(Buffer.from(text))).toBe(n));
});

describe('parseHeaderBlock', () => {
  it('unfolds, lower-cases names and keeps repeated headers in order', () => {
    const h = parseHeaderBlock(
      'X-Zegel-Classification: Registered\r\nmsip_labels: MSIP_Label_1_Enabled=true;\r\n MSIP_Label_1_SiteId=2\r\nReceived: a\r\nReceived: b\r\nbroken line\r\n\r\nNot: a header',
    );
    expect(h.get('x-zegel-classification')).toEqual(['Registered']);
    expect(h.get('msip_labels')).toEqual(['MSIP_Label_1_Enabled=true; MSIP_Label_1_SiteId=2']);
    expect(h.get('received')).toEqual(['a', 'b']);
    expect(h.has('not')).toBe(false);
  });
});
