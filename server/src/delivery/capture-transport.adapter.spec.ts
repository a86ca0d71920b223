import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaptureTransport } from './capture-transport.adapter';

const MESSAGE_ID = '<notification-1@zegel.test>';
const mail = (messageId?: string) => ({
  from: 'zegel@zegel.test',
  to: 'r@example.nl',
  subject: 'A registered message for you',
  text: 'Open it with your CE-ID.',
  ...(messageId ? { messageId } : {}),
});
const marker = (dir: string) =>
  join(dir, '.seen', createHash('sha256').update(MESSAGE_ID).digest('hex'));
const captured = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.eml'));

describe('CaptureTransport', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'zegel-capture-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a mail once per Message-ID, and every mail without one', async () => {
    const transport = new CaptureTransport(dir);
    await transport.send(mail(MESSAGE_ID));
    await transport.send(mail(MESSAGE_ID));
    await transport.send(mail());
    await transport.send(mail());
    expect(captured(dir)).toHaveLength(3);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('writes the mail under the name it claimed when the process died before writing it', async () => {
    // What a crash after the marker and before the rename leaves: the marker and a partial temp file.
    const claimed = '2026-11-30T21-00-00-000Z-0b6f1c3e-2a4d-4c1e-9f7a-1d2e3f4a5b6c';
    new CaptureTransport(dir); // creates .seen
    writeFileSync(marker(dir), claimed);
    writeFileSync(join(dir, `.${claimed}.tmp`), 'Subject: half');
    await new CaptureTransport(dir).send(mail(MESSAGE_ID));
    expect(captured(dir)).toEqual([`${claimed}.eml`]);
    expect(readFileSync(join(dir, `${claimed}.eml`), 'utf8')).toContain(
      'Message-ID: <notification-1@zegel.test>',
    );
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('does not write again when the process died after the mail was written', async () => {
    await new CaptureTransport(dir).send(mail(MESSAGE_ID));
    const [first] = captured(dir);
    await new CaptureTransport(dir).send(mail(MESSAGE_ID));
    expect(captured(dir)).toEqual([first]);
  });

  it('takes an empty marker, as an earlier version wrote after the mail, as sent', async () => {
    new CaptureTransport(dir);
    writeFileSync(marker(dir), '');
    await new CaptureTransport(dir).send(mail(MESSAGE_ID));
    expect(captured(dir)).toEqual([]);
  });

  it('ignores a marker the process died while writing (its temp file)', async () => {
    new CaptureTransport(dir);
    writeFileSync(`${marker(dir)}.tmp`, '2026-11-30T21-00');
    const transport = new CaptureTransport(dir);
    await transport.send(mail(MESSAGE_ID));
    await transport.send(mail(MESSAGE_ID));
    expect(captured(dir)).toHaveLength(1);
  });
});
