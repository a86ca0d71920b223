import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutboxService } from './outbox.service';

const crlf = (lines: string[]) => lines.join('\r\n');
const ID = '2026-11-30T10-00-00-000Z-0b4f9a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

describe('OutboxService', () => {
  let dir: string;
  let outbox: OutboxService;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zegel-outbox-'));
    outbox = new OutboxService(dir);
    writeFileSync(
      join(dir, `${ID}.eml`),
      crlf([
        'From: Zegel <zegel@localhost>',
        'To: jan@example.nl, piet@example.nl',
        'Subject: =?utf-8?Q?U_hebt_een_beveiligd_bericht_=E2=9C=89?=',
        'X-Zegel-Kind: receipt',
        'X-Long: first',
        '  second',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Open: http://127.0.0.1:3000/p/abcdefghijklmnopqrstuvwxyz0123456789abcdef=',
        'ghij caf=C3=A9',
        '--b1',
        'Content-Type: application/pdf; name="bewijs.pdf"',
        'Content-Disposition: attachment; filename="bewijs.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        'JVBERi0xLjQK',
        '--b1--',
        '',
      ]),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists a captured mail with its kind, recipients and decoded subject', async () => {
    const [entry] = await outbox.list();
    expect(entry).toMatchObject({
      id: ID,
      kind: 'receipt',
      to: ['jan@example.nl', 'piet@example.nl'],
      subject: 'U hebt een beveiligd bericht ✉',
    });
  });

  it('reads a mail for people: unfolded, decoded headers, joined soft breaks, attachment names', async () => {
    const view = await outbox.view(ID);
    expect(view.headers.map((h) => h.name)).toEqual([
      'From',
      'To',
      'Subject',
      'X-Zegel-Kind',
      'X-Long',
      'Content-Type',
    ]);
    expect(view.headers[2].value).toBe('U hebt een beveiligd bericht ✉');
    expect(view.headers[4].value).toBe('first second');
    expect(view.text.trim()).toBe(
      'Open: http://127.0.0.1:3000/p/abcdefghijklmnopqrstuvwxyz0123456789abcdefghij café',
    );
    expect(view.attachments).toEqual(['bewijs.pdf']);
  });

  it('refuses ids that are no outbox mail', async () => {
    await expect(outbox.view('../../etc/passwd')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
