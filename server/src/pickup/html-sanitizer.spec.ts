import { sanitizeMailHtml } from './html-sanitizer';

const html = (input: string, inline?: Map<string, number>) => sanitizeMailHtml(input, inline).html;

describe('sanitizeMailHtml', () => {
  it.each([
    ['<p>hi</p><script>alert(1)</script>', '<p>hi</p>'],
    [
      '<img src="data:image/png;base64,AAAA" alt="x">',
      '<img alt="x" src="data:image/png;base64,AAAA" />',
    ],
    // SVG can carry script; it is not an inline image type.
    ['<img src="data:image/svg+xml;base64,PHN2Zz4=">', ''],
    ['<a href="javascript:alert(1)">x</a>', '<a target="_blank" rel="noopener noreferrer">x</a>'],
    ['<p onclick="alert(1)" style="background:url(https://x)">x</p>', '<p>x</p>'],
    ['<iframe src="https://evil"></iframe><form action="https://evil"><input></form>', ''],
    ['<svg><script>alert(1)</script></svg>', ''],
    [
      '<link rel="stylesheet" href="https://evil/x.css"><style>p{color:red}</style><p>x</p>',
      '<p>x</p>',
    ],
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
    // The sender's layout: table borders and attributes, colours, fonts.
    [
      '<table border="1" cellpadding="4" cellspacing="0" width="600" style="border-collapse:collapse;table-layout:fixed"><tr><td bgcolor="#eeeeee" valign="top" style="border:1px solid #999;padding:4px 8px">a</td></tr></table>',
      '<table border="1" cellpadding="4" cellspacing="0" width="600" style="border-collapse:collapse;table-layout:fixed"><tr><td bgcolor="#eeeeee" valign="top" style="border:1px solid #999;padding:4px 8px">a</td></tr></table>',
    ],
    [
      '<p style="color:rgb(0, 51, 102);background-color:#fffbe6;font-family:\'Segoe UI\', Arial;font-size:14px;font-weight:bold;text-align:center;margin:0 0 12px">x</p>',
      '<p style="color:rgb(0, 51, 102);background-color:#fffbe6;font-family:\'Segoe UI\', Arial;font-size:14px;font-weight:bold;text-align:center;margin:0 0 12px">x</p>',
    ],
    [
      '<font color="#c00" face="Arial" size="2">x</font>',
      '<font color="#c00" face="Arial" size="2">x</font>',
    ],
  ])('%s', (input, expected) => {
    expect(html(input)).toBe(expected);
  });
});

describe('the CSS allow-list drops hostile styles and keeps the rest of the declaration', () => {
  it.each([
    ['background:url(https://tracker.example/p.gif);color:red', 'color:red'],
    ['background-image:url(https://tracker.example/p.gif);color:red', 'color:red'],
    ['background:#fff url("https://tracker.example/p.gif") no-repeat', null],
    ['background:URL(//tracker.example/p.gif)', null],
    ['width:expression(alert(1));height:10px', 'height:10px'],
    ['color:expression(alert(1))', null],
    ['behavior:url(x.htc);-moz-binding:url(x.xml#x)', null],
    ['position:fixed;top:0;left:0;z-index:9999;color:red', 'color:red'],
    ['position:absolute', null],
    ['@import url(https://evil/x.css); color:red', 'color:red'],
    ['color:r\\65 d', null],
    ['background:image-set("https://x/a.png" 1x)', null],
    ['color:var(--x)', null],
    ['content:"x";color:blue', 'color:blue'],
    ['width:100000px;max-width:100%', 'max-width:100%'],
    ['width:calc(100% - 10px)', null],
    ['display:none;display:flex', 'display:none'],
    ['COLOR:red', null],
  ])('%s', (style, kept) => {
    const out = html(`<p style="${style.replace(/"/g, '&quot;')}">x</p>`);
    expect(out).toBe(kept === null ? '<p>x</p>' : `<p style="${kept}">x</p>`);
  });
});

describe('images', () => {
  it('turns cid: images of this message into part marks and leaves unknown ones out', () => {
    const inline = new Map([['logo@voorbeeld', 2]]);
    expect(
      html(
        '<img src="cid:logo%40voorbeeld" alt="Logo" width="120"><img src="cid:other@x">',
        inline,
      ),
    ).toBe('<img alt="Logo" width="120" data-zegel-part="2" />');
  });

  it('drops a part mark the mail brought along', () => {
    expect(html('<img data-zegel-part="0" src="cid:nothing">', new Map([['x', 0]]))).toBe('');
    expect(html('<span data-zegel-part="0" data-zegel-remote="https://x/">x</span>')).toBe(
      '<span>x</span>',
    );
  });

  it('counts remote images, keeps https ones aside, loads none', () => {
    const result = sanitizeMailHtml(
      '<img src="https://cdn.example/a.png" alt="A">' +
        '<img src="http://cdn.example/b.png">' +
        '<img src="//cdn.example/c.png">' +
        '<img src="https://cdn.example/d.png;x\'">',
    );
    expect(result.remoteImages).toBe(4);
    expect(result.html).toBe('<img alt="A" data-zegel-remote="https://cdn.example/a.png" />');
    expect(result.html).not.toContain(' src=');
  });
});
