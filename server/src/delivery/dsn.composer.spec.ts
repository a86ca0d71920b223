import { generateKeyPairSync } from 'node:crypto';
import { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import { dkimSign, dkimSignedFactory } from './dkim.signer';
import { composeDsn } from './dsn.composer';

const input = {
  from: 'Zegel <zegel@zorg.example>',
  to: 'arts@zorg.example',
  reportingMta: 'zegel.zorg.example',
  recipient: 'jan@elders.example',
  status: '5.1.1',
  diagnostic: '550 5.1.1 <jan@elders.example>: Recipient address rejected\r\nInjected: header',
  remoteMta: 'mx.elders.example',
  arrivalDate: new Date('2026-01-02T10:00:00Z'),
  lastAttempt: new Date('2026-01-02T10:05:00Z'),
  messageId: '0b6f3c1e-1111-4222-8333-444455556666',
  originalMessageId: '<0b6f3c1e-1111-4222-8333-444455556666@zorg.example>',
};

const build = async (mail: object) => (await new MailComposer(mail).compile().build()).toString();

describe('composeDsn', () => {
  it('is an RFC 3464 report with the per-recipient fields', async () => {
    const mail = composeDsn(input);
    expect(mail.envelope).toEqual({ from: '', to: 'arts@zorg.example' });
    const raw = await build(mail);
    expect(raw).toMatch(/^Content-Type: multipart\/report; report-type=delivery-status;/m);
    for (const line of [
      'Reporting-MTA: dns; zegel.zorg.example',
      'Final-Recipient: rfc822; jan@elders.example',
      'Action: failed',
      'Status: 5.1.1',
      'Remote-MTA: dns; mx.elders.example',
      'Content-Type: message/delivery-status',
      'Content-Type: text/rfc822-headers',
      `Message-ID: ${input.originalMessageId}`,
    ])
      expect(raw).toContain(line);
  });

  it('keeps a reply with line breaks on one line (no header injection)', async () => {
    const raw = await build(composeDsn(input));
    expect(raw).toContain(
      'Diagnostic-Code: smtp; 550 5.1.1 <jan@elders.example>: Recipient address rejected Injected: header',
    );
    expect(raw).not.toMatch(/^Injected: header/m);
  });

  it('leaves Remote-MTA out when no server answered', async () => {
    const raw = await build(composeDsn({ ...input, remoteMta: undefined }));
    expect(raw).not.toContain('Remote-MTA');
  });
});

describe('dkimSign', () => {
  it('adds a DKIM-Signature for the configured domain and selector', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const message = Buffer.from(
      'From: a@zorg.example\r\nTo: b@elders.example\r\nSubject: x\r\n\r\nbody\r\n',
    );
    const chunks: Buffer[] = [];
    const signed = dkimSign(
      {
        domainName: 'zorg.example',
        keySelector: 'zegel2026',
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      },
      Readable.from([message]),
    );
    for await (const chunk of signed) chunks.push(Buffer.from(chunk as Buffer));
    const out = Buffer.concat(chunks).toString();
    expect(out).toMatch(/^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=zorg\.example;/);
    expect(out).toContain('s=zegel2026;');
    expect(out.endsWith(message.toString())).toBe(true);
  });

  it('passes the message through unchanged without a key', () => {
    const source = Readable.from(['x']);
    expect(dkimSign(undefined, source)).toBe(source);
  });
});

describe('dkimSignedFactory', () => {
  it('signs a message composed twice exactly as the one-pass signer does', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const options = {
      domainName: 'zorg.example',
      keySelector: 'zegel2026',
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    };
    const compose = () =>
      new MailComposer({
        from: 'a@zorg.example',
        to: 'b@elders.example',
        subject: 'Uitslag',
        date: new Date('2026-01-02T10:00:00Z'),
        messageId: '<m@zorg.example>',
        text: Readable.from([Buffer.from('regel één\n'.repeat(5000))]),
        attachments: [{ filename: 'a.bin', content: Readable.from([Buffer.alloc(100_000, 7)]) }],
        baseBoundary: 'fixedboundary',
      } as object)
        .compile()
        .createReadStream();
    const read = async (stream: Readable) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
      return Buffer.concat(chunks).toString();
    };
    const twoPass = await read((await dkimSignedFactory(options, compose))());
    const onePass = await read(dkimSign(options, compose()));
    expect(twoPass).toMatch(/^DKIM-Signature: /);
    expect(twoPass).toBe(onePass);
  });
});
