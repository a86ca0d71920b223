import type { Branding } from '@zegel/shared';
import { composeNotification } from './notification.composer';
import { explainPickup } from './route-explanation';

const branding: Branding = {
  organisationName: 'Gemeente Voorbeeld',
  logoUrl: '/api/v1/branding/logo',
  primaryColour: '#0f6cbd',
  supportPhone: '+31 20 123 4567',
  supportUrl: 'https://voorbeeld.nl/hulp',
  texts: {
    notification: {
      nl: 'Wij vragen nooit om uw wachtwoord.',
      en: 'We never ask for your password.',
    },
    ceId: { nl: '', en: '' },
    receipt: { nl: '', en: '' },
  },
};
const base = {
  mailFrom: 'Zegel <zegel@voorbeeld.nl>',
  to: 'patient@example.nl',
  sender: 'jan@voorbeeld.nl',
  senderName: 'Jan de Vries',
  branding,
  publicUrl: 'https://zegel.voorbeeld.nl',
  subject: null,
  pickupUrl: 'https://zegel.voorbeeld.nl/p/abc',
  expiresAt: new Date('2026-12-14T10:00:00Z'),
  ceIdChannel: 'sender' as const,
};

describe('the notification mail', () => {
  it('says who sends it for which organisation, with branding, in Dutch and English', () => {
    const mail = composeNotification(base);
    expect(mail.from).toBe('"Jan de Vries (Gemeente Voorbeeld)" <zegel@voorbeeld.nl>');
    expect(mail.subject).toContain('Jan de Vries (Gemeente Voorbeeld)');
    const text = String(mail.text);
    expect(text).toContain('Jan de Vries (jan@voorbeeld.nl) van Gemeente Voorbeeld heeft u');
    expect(text).toContain('Jan de Vries (jan@voorbeeld.nl) of Gemeente Voorbeeld has sent you');
    expect(text).toContain('Wij vragen nooit om uw wachtwoord.');
    expect(text).toContain('We never ask for your password.');
    expect(text).toContain('+31 20 123 4567');
    expect(text).toMatch(/14 december 2026 om 11:00 CET/);
    expect(text).toMatch(/14 December 2026 at 11:00 CET/);
    const html = String(mail.html);
    expect(html).toContain('src="https://zegel.voorbeeld.nl/api/v1/branding/logo"');
    expect(html).toContain('<div lang="en"');
    expect(html).toContain('href="https://zegel.voorbeeld.nl/p/abc"');
  });

  it('escapes what it puts in HTML and strips quotes from the display name', () => {
    const mail = composeNotification({
      ...base,
      senderName: 'Eve "<script>" \r\nBcc: x@y',
      subject: '<img src=x onerror=alert(1)>',
    });
    expect(String(mail.html)).not.toContain('<script>');
    expect(String(mail.html)).not.toContain('<img src=x');
    expect(mail.from).not.toMatch(/[\r\n]/);
    expect((mail.from as string).match(/"/g)).toHaveLength(2);
  });

  it('explains the SmartTLS reason so that the recipient’s IT department can act on it', () => {
    const mail = composeNotification({
      ...base,
      why: {
        code: 'SMARTTLS_PICKUP',
        details: [
          { code: 'NO_STARTTLS', host: 'mx1.example.nl' },
          { code: 'NO_STARTTLS', host: 'mx1.example.nl' },
          { code: 'UNKNOWN_THING' },
        ],
      },
    });
    const text = String(mail.text);
    expect(text).toContain('Waarom via een portaal?');
    expect(text).toContain('de mailserver biedt geen STARTTLS aan');
    expect(text).toContain(
      'does not offer STARTTLS (encrypted delivery is not possible) (mx1.example.nl)',
    );
    expect(text.match(/mx1\.example\.nl/g)).toHaveLength(2);
    expect(text).toContain('Pass this on to your IT department');
  });
});

describe('explainPickup', () => {
  it.each([
    [{ code: 'REGISTERED_ALWAYS_PICKUP' }, /always handed over through the portal/],
    [{ code: 'NTA7516_RECORD_MISSING' }, /NTA 7516 record.*IT department/],
    [
      { code: 'DIRECT_SESSION_UNSAFE', details: [{ code: 'CERT_UNTRUSTED', host: 'mx' }] },
      /requirements \(encryption and a verified certificate\): the mail server’s certificate is not issued/,
    ],
    [{ code: 'SMARTTLS_PICKUP' }, /NTA 7516: encrypted with TLS 1.2.*That was not the case\. Pass/],
  ])('words %j', (why, en) => {
    expect(explainPickup(why)!.en).toMatch(en);
  });

  it('explains nothing without a reason or for a reason that is not about the route', () => {
    expect(explainPickup(undefined)).toBeNull();
    expect(explainPickup({ code: 'SMARTTLS_DIRECT' })).toBeNull();
  });
});
