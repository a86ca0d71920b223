import { safeContentType, safeFileName, validateSubmission } from './submission.validation';
import { ZegelError } from '../common/zegel-error';

const limits = { maxRecipients: 3, maxBodyBytes: 100 };
const valid = {
  classification: 'registered',
  subject: 'Uitslag',
  recipients: [{ address: 'A@Example.nl' }],
  text: 'hello',
};

function problems(input: unknown): string[] {
  try {
    validateSubmission(input, limits);
  } catch (error) {
    if (error instanceof ZegelError)
      return (error.details ?? []).map((d) => `${d.path}: ${d.message}`).concat(error.code);
    throw error;
  }
  return [];
}

describe('validateSubmission', () => {
  it('normalises addresses and merges duplicates', () => {
    const result = validateSubmission(
      {
        ...valid,
        recipients: [
          { address: 'A@Example.nl' },
          { address: 'a@example.nl', phone: '+31612345678' },
        ],
      },
      limits,
    );
    expect(result.recipients).toEqual([{ address: 'a@example.nl', phone: '+31612345678' }]);
  });

  it.each([
    [{ ...valid, subject: 'a\r\nBcc: x@evil.example' }, 'subject: may not contain line breaks'],
    [{ ...valid, recipients: [] }, 'recipients: needs at least one recipient'],
    [
      { ...valid, recipients: [{ address: 'x@y.nl\r\nRCPT TO:<z@evil>' }] },
      'recipients.0.address: is not an e-mail address',
    ],
    [
      { ...valid, recipients: [{ address: 'a@b.nl', phone: '0612345678' }] },
      'recipients.0.phone: must be an international number such as +31612345678',
    ],
    [
      { ...valid, recipients: Array.from({ length: 4 }, (_, i) => ({ address: `a${i}@b.nl` })) },
      'recipients: may hold at most 3 recipients',
    ],
    [{ ...valid, text: undefined }, 'html: needs an html or a text body'],
    [{ ...valid, text: 'x'.repeat(101) }, 'text: is larger than 100 bytes'],
    [{ ...valid, extra: 1 }, '(message): Unrecognized key: "extra"'],
  ])('refuses %#', (input, expected) => {
    expect(problems(input)).toContain(expected);
  });

  it('lists every problem at once', () => {
    expect(
      problems({ classification: 'registered', subject: 'a\nb', recipients: [] }).length,
    ).toBeGreaterThanOrEqual(3);
  });

  it.each(['public', 'internal', 'secret'])('does not send %s mail', (classification) => {
    expect(problems({ ...valid, classification })).toEqual(['CLASSIFICATION_NOT_HANDLED']);
  });
});

describe('safeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\win.ini', 'win.ini'],
    ['report\r\nContent-Type: text/html.pdf', 'html.pdf'],
    ['CON.txt', '_CON.txt'],
    ['...', 'attachment-3'],
    ['', 'attachment-3'],
    [undefined, 'attachment-3'],
    ['uitslag €.pdf', 'uitslag €.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['\u2066a\u2067b\u2068c\u2069\u202Ad\u202Be\u202Cf\u202Dg.txt', 'abcdefg.txt'],
    ['\u200Fname\u200E\u061C.pdf', 'name.pdf'],
    ['\u202E', 'attachment-3'],
  ])('%p → %p', (input, expected) => {
    expect(safeFileName(input, 2)).toBe(expected);
  });

  it('keeps the extension of a very long name', () => {
    const name = safeFileName(`${'a'.repeat(300)}.pdf`, 0);
    expect(name).toHaveLength(200);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('safeContentType', () => {
  it.each([
    ['application/pdf', 'application/pdf'],
    ['Text/HTML; charset=utf-8', 'text/html'],
    ['nonsense', 'application/octet-stream'],
    ['a/b\r\nX: y', 'application/octet-stream'],
  ])('%p → %p', (input, expected) => {
    expect(safeContentType(input)).toBe(expected);
  });
});
