import type { Branding, CeIdChannel } from '@zegel/shared';
import { LOOP_PREVENTION_HEADER } from '@zegel/shared';
import type Mail from 'nodemailer/lib/mailer';
import { KIND_HEADER } from './mail-transport';
import {
  BOTH,
  brandedMail,
  formatTime,
  onBehalfOf,
  type Lang,
  type Langs,
  type Paragraph,
} from './mail-layout';
import { explainPickup, type PickupWhy } from './route-explanation';

export interface NotificationInput {
  /** ZEGEL_MAIL_FROM: the address; the display name says who sent the message. */
  mailFrom: string;
  to: string;
  sender: string;
  /** The sender's name when known (from the sign-in); the address otherwise. */
  senderName?: string;
  branding: Branding;
  publicUrl: string;
  /** Shown only when the organisation allows it (ZEGEL_NOTIFY_SHOW_SUBJECT); otherwise null. */
  subject: string | null;
  pickupUrl: string;
  expiresAt: Date;
  ceIdChannel: CeIdChannel;
  /** Why the message goes through the portal (the route and the SmartTLS findings), when known. */
  why?: PickupWhy;
  langs?: Langs;
}

/**
 * The mail that tells a recipient a registered message waits for them: who sends it, for which
 * organisation, why it comes through the portal, the pickup link and until when. Never the content,
 * nor the CE-ID: that comes by another channel.
 */
export function composeNotification(input: NotificationInput): Mail.Options {
  const langs = input.langs ?? BOTH;
  const who = input.senderName?.trim()
    ? `${input.senderName.trim()} (${input.sender})`
    : input.sender;
  const org = input.branding.organisationName;
  const why = explainPickup(input.why);
  const body = (lang: Lang): Paragraph[] => {
    const nl = lang === 'nl';
    return [
      {
        text: nl
          ? `${who} van ${org} heeft u een beveiligd bericht gestuurd.`
          : `${who} of ${org} has sent you a secure message.`,
      },
      ...(input.subject ? [{ text: `${nl ? 'Onderwerp' : 'Subject'}: ${input.subject}` }] : []),
      {
        text:
          input.ceIdChannel === 'sms'
            ? nl
              ? 'U ontvangt de toegangscode (CE-ID) per sms.'
              : 'You receive the access code (CE-ID) by text message.'
            : nl
              ? 'De afzender geeft u de toegangscode (CE-ID) op een andere manier door, bijvoorbeeld telefonisch.'
              : 'The sender gives you the access code (CE-ID) by another channel, for example by phone.',
      },
      {
        text: nl
          ? `Beschikbaar tot ${formatTime(input.expiresAt, 'nl')}.`
          : `Available until ${formatTime(input.expiresAt, 'en')}.`,
        link: { href: input.pickupUrl, label: nl ? 'Bericht openen' : 'Open the message' },
      },
      ...(why
        ? [
            {
              text: `${nl ? 'Waarom via een portaal?' : 'Why through a portal?'} ${why[lang]}`,
            },
          ]
        : []),
    ];
  };
  const { text, html } = brandedMail({
    branding: input.branding,
    publicUrl: input.publicUrl,
    langs,
    body: { nl: body('nl'), en: body('en') },
    extra: input.branding.texts.notification,
  });
  const name = input.senderName?.trim() || input.sender;
  const subject = input.subject
    ? `${langs.includes('nl') ? 'Beveiligd bericht / Secure message' : 'Secure message'}: ${input.subject}`
    : langs.length > 1
      ? `Beveiligd bericht van ${name} (${org}) / Secure message from ${name} (${org})`
      : langs[0] === 'nl'
        ? `Beveiligd bericht van ${name} (${org})`
        : `Secure message from ${name} (${org})`;
  return {
    from: onBehalfOf(input.mailFrom, name, input.branding),
    to: input.to,
    subject,
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
export function composeCeIdSms(sender: string, ceId: string, organisation?: string): string {
  const from = organisation && organisation !== 'Zegel' ? `${sender} (${organisation})` : sender;
  return `Zegel: uw code voor het bericht van ${from} is ${ceId}. Your code for the message from ${from} is ${ceId}.`;
}
