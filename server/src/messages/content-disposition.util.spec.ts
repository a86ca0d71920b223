import { DispositionError, parseDisposition } from './content-disposition.util';

const filename = (header: string) => parseDisposition(header).params.get('filename');

describe('parseDisposition', () => {
  it.each([
    ['form-data; name="attachments"; filename="a.pdf"', 'a.pdf'],
    ['form-data; name="attachments"; filename="uitslag €.pdf"', 'uitslag €.pdf'],
    ['form-data; name="attachments"; filename="a \\"b\\".pdf"', 'a "b".pdf'],
    ['form-data; name=attachments; filename=plain.txt', 'plain.txt'],
    [`form-data; name="attachments"; filename*=UTF-8''Report%20(final).pdf`, 'Report (final).pdf'],
    [`form-data; name="attachments"; filename*=utf-8'nl'%E2%82%AC%20rapport.pdf`, '€ rapport.pdf'],
    [`form-data; name="attachments"; filename*=iso-8859-1'nl'caf%E9.pdf`, 'café.pdf'],
    [`form-data; name="a"; filename="fallback.pdf"; filename*=UTF-8''%C3%A9t%C3%A9.pdf`, 'été.pdf'],
    [`form-data; name="a"; filename*=UTF-8''%C3%A9t%C3%A9.pdf; filename="fallback.pdf"`, 'été.pdf'],
    [
      `form-data; name="a"; filename*0*=UTF-8''Report%20; filename*1*=(final).pdf`,
      'Report (final).pdf',
    ],
    [`form-data; name="a"; filename*1*=%A9.pdf; filename*0*=UTF-8''caf%C3`, 'café.pdf'],
    [`form-data; name="a"; filename*0="Report "; filename*1="(final).pdf"`, 'Report (final).pdf'],
    [`form-data; name="a"; filename*0*=UTF-8''%E2%82%AC; filename*1=" total.pdf"`, '€ total.pdf'],
    ['form-data; name="a"; filename="=?UTF-8?B?UmFwcG9ydCDigqwucGRm?="', 'Rapport €.pdf'],
    ['form-data; name="a"; filename="=?ISO-8859-1?Q?caf=E9_noir.pdf?="', 'café noir.pdf'],
    ['form-data; name="a"; filename="=?UTF-8?Q?a?= =?UTF-8?Q?b.txt?="', 'ab.txt'],
    ['form-data; name="message"', undefined],
  ])('%s → %p', (header, expected) => {
    expect(filename(header)).toBe(expected);
  });

  it('keeps the type and the name', () => {
    const d = parseDisposition(`Form-Data; name="attachments"; filename*=UTF-8''x.pdf`);
    expect(d.type).toBe('form-data');
    expect(d.params.get('name')).toBe('attachments');
  });

  it.each([
    [`form-data; name="a"; filename*=UTF-8''%E2%82`, /valid UTF-8/],
    [`form-data; name="a"; filename*=UTF-8''%G1.pdf`, /%-escape/],
    [`form-data; name="a"; filename*=x.pdf`, /charset/],
    [`form-data; name="a"; filename*=KOI8-R''x.pdf`, /unsupported charset/],
    [`form-data; name="a"; filename*0*=UTF-8''a; filename*2*=b`, /gaps/],
    ['form-data; name="a"; filename="unterminated', /unterminated/],
    ['form-data; name="a"; filename', /without a value/],
    ['form-data; name="a"; filename=""x', /after a quoted/],
    ['form-data; name="a"; filename="a"; filename="b"', /twice/],
    ['; name="a"', /disposition type/],
  ])('refuses %s', (header, reason) => {
    expect(() => parseDisposition(header)).toThrow(DispositionError);
    expect(() => parseDisposition(header)).toThrow(reason);
  });
});
