/** @jest-environment node */
import { decodeWords, readMessage } from './mime';

const crlf = (lines: string[]) => lines.join('\r\n');

describe('readMessage', () => {
  it('unfolds and decodes headers and joins quoted-printable soft breaks in links', () => {
    const raw = crlf([
      'From: Zegel <zegel@localhost>',
      'To: jan@example.nl',
      'Subject: =?utf-8?Q?U_hebt_een_beveiligd_bericht_=E2=9C=89?=',
      'X-Long: first',
      '  second',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      'preamble',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Open: http://127.0.0.1:3000/p/abcdefghijklmnopqrstuvwxyz0123456789abcdef=',
      'ghij caf=C3=A9',
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>html</p>',
      '--b1--',
      '',
    ]);
    const message = readMessage(raw);
    expect(message.headers.map((h) => h.name)).toEqual([
      'From',
      'To',
      'Subject',
      'X-Long',
      'Content-Type',
    ]);
    expect(message.headers[2].value).toBe('U hebt een beveiligd bericht ✉');
    expect(message.headers[3].value).toBe('first second');
    expect(message.text.trim()).toBe(
      'Open: http://127.0.0.1:3000/p/abcdefghijklmnopqrstuvwxyz0123456789abcdefghij café',
    );
    expect(message.attachments).toEqual([]);
  });

  it('decodes base64 text, lists attachments, and falls back to the HTML part as text', () => {
    const raw = crlf([
      'Subject: receipt',
      'Content-Type: multipart/mixed; boundary=outer',
      '',
      '--outer',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('<p>Geaccepteerd door <a href="https://x.example/e">jan</a></p>').toString(
        'base64',
      ),
      '--outer',
      'Content-Type: application/json; name="evidence.json"',
      'Content-Disposition: attachment; filename="evidence.json"',
      '',
      '{}',
      '--outer--',
    ]);
    const message = readMessage(raw);
    expect(message.text).toBe('Geaccepteerd door jan (https://x.example/e)');
    expect(message.attachments).toEqual(['evidence.json']);
  });

  it('reads a message without MIME headers as plain text', () => {
    expect(readMessage('Subject: hi\n\nline 1\nline 2\n').text).toBe('line 1\nline 2\n');
  });
});

describe('decodeWords', () => {
  it.each([
    ['plain', 'plain'],
    ['=?UTF-8?B?w6nDqW4=?=', 'één'],
    ['=?utf-8?q?a_b?= =?utf-8?q?_c?=', 'a b c'],
    ['=?bogus-charset?Q?abc?=', 'abc'],
  ])('%s → %s', (encoded, decoded) => {
    expect(decodeWords(encoded)).toBe(decoded);
  });
});
