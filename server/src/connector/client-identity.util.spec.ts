import { createHash } from 'node:crypto';
import {
  certificateAccepted,
  certificateNames,
  checkPassword,
  parseAuthUsers,
} from './client-identity.util';

describe('certificateNames', () => {
  it('reads the CN and DNS SANs, lower-cased', () => {
    expect(
      certificateNames({
        subject: { CN: 'Mail.Protection.Outlook.com', O: 'Microsoft' },
        subjectaltname:
          'DNS:mail.protection.outlook.com, DNS:*.mail.protection.outlook.com, IP Address:1.2.3.4',
      }),
    ).toEqual([
      'mail.protection.outlook.com',
      'mail.protection.outlook.com',
      '*.mail.protection.outlook.com',
    ]);
    expect(certificateNames({})).toEqual([]);
  });
});

describe('certificateAccepted', () => {
  it.each([
    [['mail.protection.outlook.com'], ['mail.protection.outlook.com'], true],
    [['mail.protection.outlook.com'], ['MAIL.protection.outlook.com'], true],
    [['evil.example'], ['mail.protection.outlook.com'], false],
    [['mail.protection.outlook.com.evil.example'], ['mail.protection.outlook.com'], false],
    [['a.contoso.nl'], ['*.contoso.nl'], true],
    [['a.b.contoso.nl'], ['*.contoso.nl'], false],
    [['contoso.nl'], ['*.contoso.nl'], false],
    [['a.contoso.nl'], [], false],
  ])('%p against %p', (names, accepted, ok) =>
    expect(certificateAccepted(names, accepted)).toBe(ok),
  );
});

describe('SMTP AUTH users', () => {
  const digest = (p: string) => createHash('sha256').update(p).digest('hex');
  const users = parseAuthUsers([
    `exchange:${digest('long-random-secret')}`,
    `backup:${digest('other')}`,
  ]);
  it.each([
    ['exchange', 'long-random-secret', true],
    ['backup', 'other', true],
    ['exchange', 'other', false],
    ['nobody', 'long-random-secret', false],
    ['exchange', '', false],
  ])('%s / %s', (u, p, ok) => expect(checkPassword(users, u, p)).toBe(ok));

  it('refuses malformed entries, naming the user but never the secret', () => {
    expect(() => parseAuthUsers(['exchange:plaintext-password', 'x'])).toThrow(
      /wrong: exchange, x$/,
    );
  });
});
