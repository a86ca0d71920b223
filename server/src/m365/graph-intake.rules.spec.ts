import { attachmentKind, draftMismatches, mimeMismatches, shareId } from './graph-intake.rules';

describe('attachmentKind', () => {
  it.each([
    ['#microsoft.graph.fileAttachment', 'file'],
    ['#microsoft.graph.itemAttachment', 'item'],
    ['#microsoft.graph.referenceAttachment', 'cloud'],
    [undefined, 'file'],
  ])('%s → %s', (type, kind) => {
    expect(attachmentKind(type)).toBe(kind);
  });
});

describe('shareId', () => {
  it('encodes the sharing URL as Graph documents it (u! + unpadded base64url)', () => {
    // The example of Graph's "Access shared items" page.
    expect(
      shareId('https://onedrive.live.com/redir?resid=1231244193912!12&authKey=1201919!12921!1'),
    ).toBe(
      'u!aHR0cHM6Ly9vbmVkcml2ZS5saXZlLmNvbS9yZWRpcj9yZXNpZD0xMjMxMjQ0MTkzOTEyITEyJmF1dGhLZXk9MTIwMTkxOSExMjkyMSEx',
    );
  });
});

describe('draftMismatches', () => {
  const pdf = { name: 'a.pdf', size: 10, kind: 'file' as const };
  const link = { name: 'b.docx', size: 0, kind: 'cloud' as const, url: 'https://x/b' };
  const base = { recipients: ['Anne@Example.nl', 'bob@example.nl'], attachments: [pdf, link] };
  const saved = {
    recipients: ['anne@example.nl', 'BOB@example.nl'],
    attachments: [pdf, { name: 'b.docx', size: 1234, kind: 'cloud' as const }],
  };

  it('accepts the same recipients in any case and order, and cloud links of any size', () => {
    expect(draftMismatches(base, saved)).toEqual([]);
  });

  it.each([
    [
      'a recipient removed after the pane looked',
      { ...saved, recipients: ['anne@example.nl'] },
      [{ path: 'recipients', message: "bob@example.nl is not among the saved draft's recipients" }],
    ],
    [
      'a recipient added',
      { ...saved, recipients: [...saved.recipients, 'eve@example.com'] },
      [{ path: 'recipients', message: 'the saved draft also goes to eve@example.com' }],
    ],
    [
      'an attachment of another size',
      { ...saved, attachments: [{ ...pdf, size: 11 }, saved.attachments[1]] },
      [
        { path: 'attachments', message: 'a.pdf (file, 10 bytes) is not in the saved draft' },
        { path: 'attachments', message: 'the saved draft also holds a.pdf (file, 11 bytes)' },
      ],
    ],
    [
      'one of two equal attachments gone',
      { ...saved, attachments: [pdf] },
      [{ path: 'attachments', message: 'b.docx (cloud) is not in the saved draft' }],
    ],
  ])('reports %s', (_label, draft, expected) => {
    expect(draftMismatches(base, draft)).toEqual(expected);
  });

  it('counts duplicates', () => {
    expect(
      draftMismatches(
        { recipients: [], attachments: [pdf, pdf] },
        { recipients: [], attachments: [pdf] },
      ),
    ).toHaveLength(1);
  });
});

describe('mimeMismatches', () => {
  const listed = [
    { name: 'a.pdf', size: 100, kind: 'file' as const },
    { name: 'mail', size: 500, kind: 'item' as const },
    { name: 'c.docx', size: 0, kind: 'cloud' as const },
  ];

  it('accepts parts that fit what Graph listed (content no larger than the stored size)', () => {
    expect(
      mimeMismatches(listed, [
        { name: 'a.pdf', size: 90 },
        { name: undefined, size: 480 },
      ]),
    ).toEqual([]);
  });

  it.each([
    ['a missing part', [{ name: 'a.pdf', size: 90 }], /holds 1 attachments, Graph lists 2/],
    [
      'a renamed file',
      [
        { name: 'b.pdf', size: 90 },
        { name: undefined, size: 1 },
      ],
      /a\.pdf did not arrive/,
    ],
    [
      'a file grown larger',
      [
        { name: 'a.pdf', size: 101 },
        { name: undefined, size: 1 },
      ],
      /a\.pdf did not arrive/,
    ],
  ])('reports %s', (_label, arrived, message) => {
    const problems = mimeMismatches(listed, arrived);
    expect(problems.map((p) => p.message).join('\n')).toMatch(message);
  });
});
