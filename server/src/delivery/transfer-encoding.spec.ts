import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { composeNotification } from './notification.composer';
import { withTransferEncodings } from './transfer-encoding';

// MailComposer takes a fixed boundary base; its type declarations leave the option out.
const build = (mail: Mail.Options) =>
  new MailComposer({
    ...mail,
    baseBoundary: 'fixed',
    date: new Date('2026-01-02T10:00:00Z'),
    messageId: '<fixed@zegel.example>',
  } as Mail.Options)
    .compile()
    .build();

const samples = [
  'plain short lines\nsecond line',
  'plain ' + 'a'.repeat(100),
  'x'.repeat(77),
  'x'.repeat(76) + '\r\n' + 'y'.repeat(76),
  '1234567890 '.repeat(10),
  'Beschikbaar tot 14 december 2026 om 11:00 CET — Available until',
  'Привет мир, это сообщение',
  'Ω'.repeat(5) + 'abcde',
  'Ω'.repeat(5) + 'abcdef',
  'tab\tand bell\u0007 and vertical\u000b',
  'emoji 😀 and text',
  '\u2028line separator ' + 'z'.repeat(90),
  'a'.repeat(130 * 1024),
];

describe('withTransferEncodings', () => {
  it.each(samples.map((s) => [s.slice(0, 30), s]))(
    'composes the same mail as nodemailer alone (%s)',
    async (_name, sample) => {
      const mail: Mail.Options = {
        from: 'zegel@zorg.example',
        to: 'jan@elders.example',
        subject: 'test',
        text: sample,
        html: `<p>${sample}</p>`,
      };
      expect((await build(withTransferEncodings(mail))).toString()).toBe(
        (await build(mail)).toString(),
      );
    },
  );

  it('composes the same notification as nodemailer alone', async () => {
    const mail = composeNotification({
      mailFrom: 'zegel@zorg.example',
      to: 'jan@elders.example',
      sender: 'arts@zorg.example',
      senderName: 'Dr. Ärts',
      branding: {
        organisationName: 'Zorg',
        primaryColour: '#123456',
        logoUrl: null,
        supportPhone: '010 123',
        supportUrl: null,
        texts: {
          notification: { nl: 'Extra — regel', en: '' },
        },
      } as never,
      publicUrl: 'https://zegel.zorg.example',
      subject: 'Uitslag',
      pickupUrl: 'https://zegel.zorg.example/p/token',
      expiresAt: new Date('2026-12-14T10:00:00Z'),
      ceIdChannel: 'sms',
    });
    expect((await build(withTransferEncodings(mail))).toString()).toBe(
      (await build(mail)).toString(),
    );
  });

  it('leaves a mail with its own encoding alone', () => {
    const mail: Mail.Options = { text: 'é', encoding: 'base64' };
    expect(withTransferEncodings(mail)).toBe(mail);
  });
});
