import type { Branding, CeIdChannel } from '@zegel/shared';
import { LOOP_PREVENTION_HEADER } from '@zegel/shared';
import type Mail from 'nodemailer/lib/mailer';
import { KIND_HEADER } from './mail-transport';

export interface NotificationInput {
  from: string;
  to: string;
  sender: string;
  /** Shown only when the organisation allows it (ZEGEL_NOTIFY_SHOW_SUBJECT); otherwise null. */
  subject: string | null;
  pickupUrl: string;
  expiresAt: Date;
  ceIdChannel: CeIdChannel;
  /** The organisation's name and extra notification lines (admin console, Branding). */
  branding?: Pick<Branding, 'organisationName' | 'supportPhone' | 'supportUrl' | 'texts'>;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const dateNl = (d: Date) =>
  d.toLocaleString('nl-NL', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  });
const dateEn = (d: Date) =>
  d.toLocaleString('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  });

/**
 * The mail that tells a recipient a registered message waits for them. It carries the pickup link
 * and never the content, nor the CE-ID: that comes by another channel. Dutch first, then English.
 */
export function composeNotification(input: NotificationInput): Mail.Options {
  const codeNl =
    input.ceIdChannel === 'sms'
      ? 'U ontvangt de toegangscode (CE-ID) per sms.'
      : 'De afzender geeft u de toegangscode (CE-ID) op een andere manier door.';
  const codeEn =
    input.ceIdChannel === 'sms'
      ? 'You receive the access code (CE-ID) by text message.'
      : 'The sender gives you the access code (CE-ID) by another channel.';
  const subjectLineNl = input.subject ? `Onderwerp: ${input.subject}\n` : '';
  const subjectLineEn = input.subject ? `Subject: ${input.subject}\n` : '';
  const org = input.branding?.organisationName;
  const via = org && org !== 'Zegel' ? `${org} (Zegel)` : 'Zegel';
  const extra = input.branding?.texts.notification ?? { nl: '', en: '' };
  const support = [input.branding?.supportPhone, input.branding?.supportUrl].filter(Boolean);
  const supportNl = support.length ? `Vragen? ${support.join(' · ')}` : '';
  const supportEn = support.length ? `Questions? ${support.join(' · ')}` : '';
  const text = [
    `${input.sender} heeft u een aangetekend bericht gestuurd via ${via}.`,
    subjectLineNl + codeNl,
    extra.nl,
    `Open het bericht: ${input.pickupUrl}`,
    `Beschikbaar tot ${dateNl(input.expiresAt)}.`,
    supportNl,
    '—',
    `${input.sender} has sent you a registered message through ${via}.`,
    subjectLineEn + codeEn,
    extra.en,
    `Open the message: ${input.pickupUrl}`,
    `Available until ${dateEn(input.expiresAt)}.`,
    supportEn,
  ]
    .filter(Boolean)
    .join('\n\n');
  const paragraph = (s: string, lang = '') =>
    s ? `<p${lang}>${escapeHtml(s).replace(/\n/g, '<br>')}</p>` : '';
  const link = escapeHtml(input.pickupUrl);
  const subjectHtml = (label: string) =>
    input.subject ? `<p>${label}: ${escapeHtml(input.subject)}</p>` : '';
  const html = `<!doctype html><html><body style="font-family:Segoe UI,Arial,sans-serif">
<p>${escapeHtml(input.sender)} heeft u een aangetekend bericht gestuurd via ${escapeHtml(via)}.</p>${subjectHtml('Onderwerp')}
<p>${escapeHtml(codeNl)}</p>${paragraph(extra.nl)}<p><a href="${link}">Bericht openen</a> — beschikbaar tot ${escapeHtml(dateNl(input.expiresAt))}.</p>${paragraph(supportNl)}
<hr>
<p lang="en">${escapeHtml(input.sender)} has sent you a registered message through ${escapeHtml(via)}.</p>${subjectHtml('Subject')}
<p lang="en">${escapeHtml(codeEn)}</p>${paragraph(extra.en, ' lang="en"')}<p lang="en"><a href="${link}">Open the message</a> — available until ${escapeHtml(dateEn(input.expiresAt))}.</p>${paragraph(supportEn, ' lang="en"')}
</body></html>`;
  return {
    from: input.from,
    to: input.to,
    subject: input.subject
      ? `Aangetekend bericht / Registered message: ${input.subject}`
      : `Aangetekend bericht van ${input.sender} / Registered message from ${input.sender}`,
    text,
    html,
    headers: {
      [KIND_HEADER]: 'notification',
      [LOOP_PREVENTION_HEADER]: 'notification',
      'Auto-Submitted': 'auto-generated',
    },
  };
}

/** The SMS with the CE-ID: no link, so one intercepted channel alone opens nothing. */
export function composeCeIdSms(sender: string, ceId: string): string {
  return `Zegel: uw code voor het bericht van ${sender} is ${ceId}. Your code for the message from ${sender} is ${ceId}.`;
}
